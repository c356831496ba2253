// A QR code drawn as SVG from uqr's module matrix: one path, crisp at any size, no canvas or
// data: URL (the CSP stays strict), with an accessible name for screen readers.
import { type SVGTemplateResult, svg } from 'lit';
import { encode } from 'uqr';

/** Quiet zone around the code, in modules, as the QR standard asks. */
const MARGIN = 4;

export function qrCode(text: string, label: string, sizePx = 220): SVGTemplateResult {
  const { data } = encode(text, { ecc: 'M', border: 0 });
  const size = data.length + MARGIN * 2;
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`;
    });
  });
  return svg`<svg class="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" width=${sizePx} height=${sizePx}
    shape-rendering="crispEdges"><rect width=${size} height=${size} fill="#fff"/><path d=${d} fill="#000"/></svg>`;
}
