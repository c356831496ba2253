// "Attach files" in a real Chromium: what the patient may attach (checked by content, not name),
// the preview with Remove, the guide's limits, and a GPS-tagged photo kept on the device, ready to
// send, without its location.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../core/attachments';
import { sharedDeviceDb } from '../../data/device-db';
import { preparedFile } from '../../data/messages/message-files';
import { axeViolations } from '../../test/axe';
import './attach-files';
import type { AttachFiles } from './attach-files';

const ACCOUNT = 'acc-attach';

async function canvasJpeg(width = 64, height = 48): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c33';
  context.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
}

/**
 * The photo with an Exif segment right after its start marker, as a phone camera writes it: IFD0
 * pointing to a GPS IFD with latitude 41° 52' 30" N.
 */
function withGpsExif(jpeg: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const tiff = new DataView(new ArrayBuffer(80));
  const u16 = (at: number, v: number) => tiff.setUint16(at, v, true);
  const u32 = (at: number, v: number) => tiff.setUint32(at, v, true);
  u16(0, 0x4949); // "II": little-endian
  u16(2, 42);
  u32(4, 8); // IFD0
  u16(8, 1);
  u16(10, 0x8825); // GPSInfo
  u16(12, 4);
  u32(14, 1);
  u32(18, 26); // the GPS IFD
  u32(22, 0);
  u16(26, 2);
  u16(28, 1); // GPSLatitudeRef "N"
  u16(30, 2);
  u32(32, 2);
  u32(36, 0x4e);
  u16(40, 2); // GPSLatitude, three rationals
  u16(42, 5);
  u32(44, 3);
  u32(48, 56);
  u32(52, 0);
  for (const [i, [num, den]] of [
    [41, 1],
    [52, 1],
    [3000, 100],
  ].entries()) {
    u32(56 + i * 8, num!);
    u32(60 + i * 8, den!);
  }
  const payload = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...new Uint8Array(tiff.buffer)]);
  const length = payload.length + 2;
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe1,
    length >> 8,
    length & 0xff,
    ...payload,
    ...jpeg.subarray(2),
  ]);
}

const hasExif = (bytes: Uint8Array) => {
  for (let i = 0; i + 1 < bytes.length; i += 1) if (bytes[i] === 0xff && bytes[i + 1] === 0xe1) return true;
  return new TextDecoder('latin1').decode(bytes).includes('Exif');
};

function choose(element: AttachFiles, files: File[]): void {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>('#attach-input')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

const pdf = (name = 'lab report.pdf') =>
  new File([new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')], name, {
    type: 'application/pdf',
  });

async function attachFiles(): Promise<AttachFiles> {
  await sharedDeviceDb().files.clear();
  return fixture<AttachFiles>(html`<attach-files .accountId=${ACCOUNT}></attach-files>`);
}

describe('<attach-files>', () => {
  it('keeps a GPS-tagged photo without its location, still a picture of the same size', async () => {
    const original = withGpsExif(await canvasJpeg(64, 48));
    expect(hasExif(original)).to.equal(true);
    const element = await attachFiles();
    choose(element, [new File([original], 'IMG_0042.JPG', { type: 'image/jpeg' })]);
    await waitUntil(() => element.refs.length === 1, 'the photo is attached');
    const [ref] = element.refs;
    expect(ref!.mediaType).to.equal('image/jpeg');
    const kept = new Uint8Array(await (await preparedFile(ref!))!.arrayBuffer());
    expect([...kept.subarray(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
    expect(hasExif(kept)).to.equal(false);
    const bitmap = await createImageBitmap(new Blob([kept]));
    expect([bitmap.width, bitmap.height]).to.deep.equal([64, 48]);
    // On the device only as ciphertext: the file's own bytes are not there.
    const row = await sharedDeviceDb().files.get(ref!.uploadId);
    expect(row!.accountId).to.equal(ACCOUNT);
    expect([...row!.cipher.subarray(0, 3)]).not.to.deep.equal([0xff, 0xd8, 0xff]);
    expect(element.shadowRoot!.querySelector('img')!.getAttribute('alt')).to.equal('Picture IMG_0042.JPG');
  });

  it('shows a PDF by name and size, and Remove takes it off the device', async () => {
    const element = await attachFiles();
    choose(element, [pdf()]);
    await waitUntil(() => element.refs.length === 1);
    const item = element.shadowRoot!.querySelector('li')!;
    expect(item.textContent).to.contain('lab report.pdf');
    expect(item.textContent).to.match(/\d+ bytes/);
    const uploadId = element.refs[0]!.uploadId;
    expect(await sharedDeviceDb().files.get(uploadId)).to.not.equal(undefined);
    item.querySelector<HTMLButtonElement>('button[aria-label="Remove lab report.pdf"]')!.click();
    await waitUntil(
      async () => (await sharedDeviceDb().files.get(uploadId)) === undefined,
      'the file is gone',
    );
    expect(element.refs).to.deep.equal([]);
  });

  it('refuses a video renamed .pdf and an HTML page named .png, saying why, keeping nothing', async () => {
    const element = await attachFiles();
    const mp4 = new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
    choose(element, [
      new File([mp4], 'clip.mp4', { type: 'video/mp4' }),
      new File([mp4], 'scan.pdf', { type: 'application/pdf' }),
      new File(['<html><script>alert(1)</script></html>'], 'photo.png', { type: 'image/png' }),
    ]);
    await waitUntil(() => element.shadowRoot!.querySelector('[role=alert]'));
    const alert = element.shadowRoot!.querySelector('[role=alert]')!.textContent!;
    expect(alert).to.contain('clip.mp4 is a video. Videos cannot be sent through the portal.');
    expect(alert).to.contain('scan.pdf is not a PDF, JPEG or PNG file.');
    expect(alert).to.contain('photo.png is not a PDF, JPEG or PNG file.');
    expect(element.refs).to.deep.equal([]);
    expect(await sharedDeviceDb().files.count()).to.equal(0);
  });

  it('takes at most ten files to a message and says so', async () => {
    const element = await attachFiles();
    choose(
      element,
      Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, (_, i) => pdf(`page ${i + 1}.pdf`)),
    );
    await waitUntil(() => element.refs.length === MAX_ATTACHMENTS_PER_MESSAGE && !element.busy);
    expect(element.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'You can attach up to 10 files to one message.',
    );
    expect(element.shadowRoot!.querySelector<HTMLInputElement>('#attach-input')!.disabled).to.equal(true);
    expect(await sharedDeviceDb().files.count()).to.equal(MAX_ATTACHMENTS_PER_MESSAGE);
  });

  it('offers the camera beside the file picker, with the card warning, and passes axe', async () => {
    const element = await attachFiles();
    const inputs = element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=file]');
    expect(inputs[0]!.accept).to.contain('application/pdf');
    expect(inputs[0]!.multiple).to.equal(true);
    expect(inputs[1]!.getAttribute('capture')).to.equal('environment');
    expect(element.shadowRoot!.textContent).to.contain('Do not attach pictures of credit or debit cards');
    expect(await axeViolations(element)).to.deep.equal([]);
  });
});
