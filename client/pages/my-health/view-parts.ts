// Small templates the My Health views share: result flags and status badges (an icon beside the
// words, hidden from assistive technology), section counts, facts lists and reduced-motion checks.
import { html, nothing, type SVGTemplateResult, svg, type TemplateResult } from 'lit';
import type { ResultFlag } from '../../../core/fhir/text';

const icon = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const ICONS = {
  up: icon(svg`<path d="M8 13V3M3.5 7.5 8 3l4.5 4.5"/>`),
  down: icon(svg`<path d="M8 3v10M3.5 8.5 8 13l4.5-4.5"/>`),
  doubleUp: icon(svg`<path d="M3.5 8 8 3.5 12.5 8M3.5 12.5 8 8l4.5 4.5"/>`),
  doubleDown: icon(svg`<path d="M3.5 3.5 8 8l4.5-4.5M3.5 8 8 12.5 12.5 8"/>`),
  alert: icon(svg`<path d="M8 2.5 14.5 13.5h-13z"/><path d="M8 7v2.5M8 11.5h.01"/>`),
  check: icon(svg`<path d="m3 8.5 3.2 3L13 4.5"/>`),
  info: icon(svg`<circle cx="8" cy="8" r="6"/><path d="M8 7.5v4M8 5h.01"/>`),
  pencil: icon(svg`<path d="M10.5 2.5 13.5 5.5 6 13H3v-3z"/>`),
  chevron: icon(svg`<path d="m4 6 4 4 4-4"/>`),
  back: icon(svg`<path d="M10 3 5 8l5 5"/>`),
} as const;

function flagIcon(flag: ResultFlag): SVGTemplateResult {
  if (flag.level === 'normal') return ICONS.check;
  if (flag.level === 'info') return ICONS.info;
  if (flag.direction === 'high') return flag.level === 'critical' ? ICONS.doubleUp : ICONS.up;
  if (flag.direction === 'low') return flag.level === 'critical' ? ICONS.doubleDown : ICONS.down;
  return ICONS.alert;
}

/** A result's flag as words with an icon: "▲ High", "✓ Normal". */
export const flagBadge = (flag: ResultFlag | undefined): TemplateResult | typeof nothing =>
  flag ? html`<span class="flag ${flag.level}">${flagIcon(flag)}${flag.text}</span>` : nothing;

/** Marks a result the lab changed after first reporting it. */
export const correctedBadge = (corrected: boolean): TemplateResult | typeof nothing =>
  corrected
    ? html`<span class="badge corrected" title="Changed after it was first reported"
        >${ICONS.pencil}Corrected<span class="visually-hidden">: changed after it was first reported</span></span
      >`
    : nothing;

export const badge = (text: string, kind = ''): TemplateResult | typeof nothing =>
  text ? html`<span class="badge ${kind}">${text}</span>` : nothing;

/** "(3)" after a heading, read as "3 on record". */
export const count = (n: number): TemplateResult =>
  html` <span class="count">(${n}<span class="visually-hidden"> on record</span>)</span>`;

/** Label-and-value facts, leaving out the empty ones. */
export function facts(rows: readonly [string, string | TemplateResult | undefined][]): TemplateResult {
  const shown = rows.filter(([, value]) => value !== undefined && value !== '');
  return html`<dl class="facts">
    ${shown.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
  </dl>`;
}

/** A labelled line of detail ("Dose: …"), or nothing when there is no value. */
export const detail = (label: string, value: string | undefined): TemplateResult | typeof nothing =>
  value ? html`<p class="detail"><span class="detail-label">${label}:</span> ${value}</p>` : nothing;

export const comments = (texts: readonly string[], label = 'Comment from your provider') =>
  texts.map((text) => html`<p class="comment"><strong>${label}</strong>${text}</p>`);

export const prefersReducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Scrolls an element into view, smoothly unless the person asked for less motion. */
export function reveal(element: Element, block: ScrollLogicalPosition = 'start'): void {
  element.scrollIntoView({ block, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
}
