// Draws the app's icon (a white cross holding a heart, on teal) as SVG and renders the PNG sizes
// that browsers, Android (maskable) and iOS ask for. Run with `npm run icons`; commit the output.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import chromiumFlags from './chromium.json' with { type: 'json' };
import { CHROMIUM_PATH } from './ensure-chromium';

const OUT = join(import.meta.dirname, '..', 'public');
const TEAL_LIGHT = '#0e7c84';
const TEAL_DARK = '#0a5c63';

interface MarkOptions {
  size: number;
  /** Rounded corners for "any" icons; maskable and Apple icons are full-bleed squares. */
  cornerRadius: number;
  /** Share of the canvas the cross spans; maskable icons keep it inside the 80% safe circle. */
  crossSpan: number;
}

// Heart drawn in a 100x100 box, centred on (50, 49).
const HEART =
  'M50 88C20 68 6 52 6 34 6 20 17 10 30 10c9 0 16 5 20 12 4-7 11-12 20-12 13 0 24 10 24 24 0 18-14 34-44 54z';

function markSvg({ size, cornerRadius, crossSpan }: MarkOptions): string {
  const c = size / 2;
  const length = size * crossSpan;
  const arm = length * 0.42;
  const round = arm * 0.22;
  const heartScale = (arm * 0.72) / 88;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${TEAL_LIGHT}"/>
      <stop offset="1" stop-color="${TEAL_DARK}"/>
    </linearGradient>
  </defs>
  <rect width="${size}" height="${size}" rx="${cornerRadius}" fill="url(#bg)"/>
  <g fill="#ffffff">
    <rect x="${c - arm / 2}" y="${c - length / 2}" width="${arm}" height="${length}" rx="${round}"/>
    <rect x="${c - length / 2}" y="${c - arm / 2}" width="${length}" height="${arm}" rx="${round}"/>
  </g>
  <path fill="${TEAL_LIGHT}" transform="translate(${c - 50 * heartScale} ${c - 49 * heartScale}) scale(${heartScale})" d="${HEART}"/>
</svg>
`;
}

const anyIcon = markSvg({ size: 512, cornerRadius: 112, crossSpan: 0.7 });
const maskable = markSvg({ size: 512, cornerRadius: 0, crossSpan: 0.56 });
const apple = markSvg({ size: 180, cornerRadius: 0, crossSpan: 0.64 });
const favicon = markSvg({ size: 64, cornerRadius: 14, crossSpan: 0.76 });

/** A .ico file is a small directory of images; modern ones may simply embed PNGs. */
function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: chromiumFlags.args,
  });
  try {
    const page = await browser.newPage();
    const render = async (svg: string, size: number, transparent: boolean): Promise<Buffer> => {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<html><body style="margin:0;background:${transparent ? 'transparent' : '#ffffff'}">${sized}</body></html>`,
      );
      return page.screenshot({
        omitBackground: transparent,
        clip: { x: 0, y: 0, width: size, height: size },
      });
    };

    const files: [string, string | Buffer][] = [
      ['icons/icon.svg', anyIcon],
      ['icons/maskable.svg', maskable],
      ['favicon.svg', favicon],
      ['icons/icon-192.png', await render(anyIcon, 192, true)],
      ['icons/icon-512.png', await render(anyIcon, 512, true)],
      ['icons/maskable-512.png', await render(maskable, 512, false)],
      ['icons/maskable-192.png', await render(maskable, 192, false)],
      ['icons/apple-touch-icon.png', await render(apple, 180, false)],
      [
        'favicon.ico',
        icoFromPngs([
          { size: 16, png: await render(favicon, 16, true) },
          { size: 32, png: await render(favicon, 32, true) },
          { size: 48, png: await render(favicon, 48, true) },
        ]),
      ],
    ];
    for (const [name, content] of files) {
      await writeFile(join(OUT, name), content);
      console.log(`wrote public/${name}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
