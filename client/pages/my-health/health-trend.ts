// <health-trend>: one result's history (a lab analyte or a vital sign) as an SVG line chart with
// axes, dates, the normal-range band and the points, named for screen readers by a summary, and
// "Show as table" for the same numbers as a real table. Drawn at the width it gets; no motion
// for people who ask for less.
import { css, html, LitElement, nothing, type SVGTemplateResult, svg } from 'lit';
import { formatClinicalTimeShort } from '../../../core/clinical-dates';
import { numberText } from '../../../core/fhir/text';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { myHealthStyles } from './my-health-styles';
import { type TrendData, type TrendRow, trendSummary, trendValue } from './trend-data';
import { correctedBadge, flagBadge } from './view-parts';

const DAY = 86_400_000;
/** Above this many points only the line, the flagged points and the latest are marked. */
const MAX_MARKERS = 400;
const TABLE_PAGE = 50;

/** About `count` round steps (1, 2, 2.5, 5 × 10ⁿ) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const start = Math.floor(min / step) * step;
  const end = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9 && i < 50; i++)
    ticks.push(Number((start + i * step).toPrecision(12)));
  return ticks;
}

interface Geometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (t: number) => number;
  y: (v: number) => number;
  yTicks: number[];
  xTicks: { t: number; label: string }[];
}

export class HealthTrend extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    myHealthStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 0.5rem;
      }
      figure {
        margin: 0;
      }
      svg.trend {
        display: block;
        width: 100%;
        height: auto;
        overflow: visible;
        font-family: inherit;
      }
      .grid {
        stroke: var(--border);
        stroke-width: 1;
      }
      .axis-line {
        stroke: var(--muted);
        stroke-width: 1;
      }
      .tick {
        fill: var(--muted);
        font-size: 12px;
      }
      .band {
        fill: var(--ok-bg);
      }
      .band-edge {
        stroke: var(--ok);
        stroke-width: 1.5;
        stroke-dasharray: 5 4;
      }
      .line {
        fill: none;
        stroke: var(--accent);
        stroke-width: 2.5;
        stroke-linejoin: round;
        stroke-linecap: round;
      }
      .key {
        stroke: var(--accent);
        stroke-width: 2.5;
      }
      .s1.line,
      .s1.key {
        stroke: var(--warn-text);
      }
      .point {
        fill: var(--surface);
        stroke: var(--accent);
        stroke-width: 2;
      }
      .s1.point {
        stroke: var(--warn-text);
      }
      .point.flagged {
        fill: var(--warn-text);
        stroke: var(--warn-text);
      }
      .point.latest {
        fill: var(--accent);
      }
      .s1.point.latest {
        fill: var(--warn-text);
      }
      .value-label {
        fill: var(--text);
        font-size: 13px;
        font-weight: 700;
        paint-order: stroke;
        stroke: var(--surface);
        stroke-width: 4px;
        stroke-linejoin: round;
      }
      @media (prefers-reduced-motion: no-preference) {
        .line {
          stroke-dasharray: 1;
          stroke-dashoffset: 1;
          animation: draw 700ms ease-out forwards;
        }
        .points {
          animation: appear 300ms 400ms ease-out both;
        }
      }
      @keyframes draw {
        to {
          stroke-dashoffset: 0;
        }
      }
      @keyframes appear {
        from {
          opacity: 0;
        }
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
        color: var(--muted);
        font-size: 0.875rem;
      }
      .legend li {
        display: inline-flex;
        align-items: center;
        gap: 0.375rem;
        margin: 0;
      }
      .legend svg {
        flex: none;
      }
      .table-wrap {
        max-width: 100%;
        overflow-x: auto;
      }
      .table-wrap:focus-visible {
        outline: 3px solid var(--accent);
        outline-offset: 2px;
      }
      table {
        width: 100%;
        max-width: 46rem;
        border-collapse: collapse;
        font-size: 0.9375rem;
      }
      caption {
        margin: 0 0 0.5rem;
        font-weight: 700;
        text-align: start;
      }
      .caption-range {
        display: block;
        color: var(--muted);
        font-weight: 400;
      }
      td.value {
        white-space: nowrap;
      }
      .toolbar .button[aria-pressed='true'] {
        background: var(--accent-soft);
        box-shadow: inset 0 0 0 1px var(--accent);
      }
      th,
      td {
        padding: 0.5rem 0.625rem 0.5rem 0;
        border-bottom: 1px solid var(--border);
        text-align: start;
        vertical-align: top;
      }
      thead th {
        color: var(--muted);
        font-size: 0.875rem;
        white-space: nowrap;
      }
      tbody th {
        font-weight: 600;
        white-space: nowrap;
      }
      td .flag,
      td .badge {
        margin-top: 0.125rem;
      }
    `,
  ];

  static override properties = {
    data: { attribute: false },
    showTable: { state: true },
    width: { state: true },
    limit: { state: true },
  };

  declare data: TrendData | null;
  declare showTable: boolean;
  declare width: number;
  declare limit: number;

  private observer: ResizeObserver | undefined;

  constructor() {
    super();
    this.data = null;
    this.showTable = false;
    this.width = 0;
    this.limit = TABLE_PAGE;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      // Redraw in the next frame: resizing inside this callback would loop the observer.
      if (width > 0 && Math.abs(width - this.width) >= 1)
        requestAnimationFrame(() => {
          this.width = width;
        });
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('data')) this.limit = TABLE_PAGE;
  }

  private geometry(data: TrendData, rows: readonly TrendRow[]): Geometry {
    const width = Math.max(260, this.width || 600);
    const height = width < 480 ? 210 : 250;
    const values = rows.flatMap((r) => r.numbers.filter((n): n is number => n !== undefined));
    if (data.range?.low !== undefined) values.push(data.range.low);
    if (data.range?.high !== undefined) values.push(data.range.high);
    const yTicks = niceTicks(Math.min(...values), Math.max(...values), width < 480 ? 4 : 5);
    const v0 = yTicks[0]!;
    const v1 = yTicks.at(-1)!;
    const left = Math.max(...yTicks.map((t) => numberText(t).length)) * 7.5 + 14;
    const top = 24;
    const right = 18;
    const bottom = 30;
    let t0 = rows[0]!.time;
    let t1 = rows.at(-1)!.time;
    if (t1 - t0 < DAY) {
      t0 -= 15 * DAY;
      t1 += 15 * DAY;
    }
    const innerW = width - left - right;
    const innerH = height - top - bottom;
    const x = (t: number) => left + ((t - t0) / (t1 - t0)) * innerW;
    const y = (v: number) => top + (1 - (v - v0) / (v1 - v0 || 1)) * innerH;
    const tickCount = Math.max(2, Math.min(6, Math.floor(innerW / 110)));
    const withDay = t1 - t0 < 150 * DAY;
    const xTicks: { t: number; label: string }[] = [];
    for (let i = 0; i < tickCount; i++) {
      const t = t0 + ((t1 - t0) * i) / (tickCount - 1);
      const label = formatClinicalTimeShort(t, withDay);
      if (xTicks.at(-1)?.label !== label) xTicks.push({ t, label });
    }
    return { width, height, left, right, top, bottom, x, y, yTicks, xTicks };
  }

  private renderChart(data: TrendData, rows: readonly TrendRow[]) {
    const g = this.geometry(data, rows);
    const plotBottom = g.height - g.bottom;
    const plotRight = g.width - g.right;
    const band = data.range;
    const bandTop = band ? g.y(band.high ?? g.yTicks.at(-1)!) : 0;
    const bandBottom = band ? g.y(band.low ?? g.yTicks[0]!) : 0;
    const series = data.seriesNames.map((_, s) => {
      const pts = rows.filter((r) => r.numbers[s] !== undefined);
      const d = pts
        .map((r, i) => `${i === 0 ? 'M' : 'L'}${g.x(r.time).toFixed(1)},${g.y(r.numbers[s]!).toFixed(1)}`)
        .join('');
      return { s, pts, d };
    });
    const latest = rows.at(-1)!;
    const marker = (r: TrendRow, s: number, isLatest: boolean): SVGTemplateResult => {
      const cx = g.x(r.time);
      const cy = g.y(r.numbers[s]!);
      const flagged = r.flag !== undefined && r.flag.level !== 'normal' && r.flag.level !== 'info';
      const cls = `point s${s}${flagged ? ' flagged' : ''}${isLatest ? ' latest' : ''}`;
      const size = isLatest ? 6 : 4.5;
      if (flagged && r.flag?.direction) {
        const up = r.flag.direction === 'high';
        const h = size * 1.6;
        const pts = up
          ? `${cx},${cy - h} ${cx - h},${cy + h * 0.7} ${cx + h},${cy + h * 0.7}`
          : `${cx},${cy + h} ${cx - h},${cy - h * 0.7} ${cx + h},${cy - h * 0.7}`;
        return svg`<polygon class=${cls} points=${pts}></polygon>`;
      }
      return s === 0
        ? svg`<circle class=${cls} cx=${cx} cy=${cy} r=${size}></circle>`
        : svg`<rect class=${cls} x=${cx - size} y=${cy - size} width=${size * 2} height=${size * 2}></rect>`;
    };
    const showAll = rows.length <= MAX_MARKERS;
    const lastX = g.x(latest.time);
    const labelAnchor = lastX > g.width - 90 ? 'end' : lastX < g.left + 60 ? 'start' : 'middle';
    const latestLabel = (s: number) => {
      const value = latest.numbers[s];
      if (value === undefined) return nothing;
      const ly = s === 0 ? g.y(value) - 12 : g.y(value) + 22;
      return svg`<text class="value-label" x=${lastX} y=${Math.max(14, ly)} text-anchor=${labelAnchor}>${trendValue(data, value)}</text>`;
    };

    return html`<figure>
      <svg
        class="trend"
        role="img"
        aria-label=${trendSummary(data)}
        viewBox="0 0 ${g.width} ${g.height}"
        width=${g.width}
        height=${g.height}
      >
        ${
          band
            ? svg`<rect class="band" x=${g.left} y=${bandTop} width=${plotRight - g.left} height=${Math.max(0, bandBottom - bandTop)}></rect>
              ${band.high !== undefined ? svg`<line class="band-edge" x1=${g.left} x2=${plotRight} y1=${bandTop} y2=${bandTop}></line>` : nothing}
              ${band.low !== undefined ? svg`<line class="band-edge" x1=${g.left} x2=${plotRight} y1=${bandBottom} y2=${bandBottom}></line>` : nothing}`
            : nothing
        }
        ${g.yTicks.map(
          (t) => svg`<line class="grid" x1=${g.left} x2=${plotRight} y1=${g.y(t)} y2=${g.y(t)}></line>
            <text class="tick" x=${g.left - 8} y=${g.y(t) + 4} text-anchor="end">${numberText(t)}</text>`,
        )}
        <line class="axis-line" x1=${g.left} x2=${plotRight} y1=${plotBottom} y2=${plotBottom}></line>
        ${g.xTicks.map(
          (tick, i) =>
            svg`<line class="axis-line" x1=${g.x(tick.t)} x2=${g.x(tick.t)} y1=${plotBottom} y2=${plotBottom + 5}></line>
            <text class="tick" x=${g.x(tick.t)} y=${plotBottom + 20}
              text-anchor=${g.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : i === g.xTicks.length - 1 ? 'end' : 'middle'}>${tick.label}</text>`,
        )}
        ${series.map(({ s, d }) => svg`<path class="line s${s}" d=${d} pathLength="1"></path>`)}
        <g class="points">
          ${series.map(({ s, pts }) =>
            pts.map((r, i) => {
              const isLatest = r === latest;
              const flagged = r.flag !== undefined && r.flag.level !== 'normal';
              return showAll || isLatest || flagged || i === 0 ? marker(r, s, isLatest) : nothing;
            }),
          )}
          ${series.map(({ s }) => latestLabel(s))}
        </g>
      </svg>
      ${this.renderLegend(data, rows)}
    </figure>`;
  }

  private renderLegend(data: TrendData, rows: readonly TrendRow[]) {
    const swatch = (body: SVGTemplateResult) =>
      html`<svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">${body}</svg>`;
    const high = rows.some((r) => r.flag?.direction === 'high' && r.flag.level !== 'info');
    const low = rows.some((r) => r.flag?.direction === 'low' && r.flag.level !== 'info');
    const items = [
      ...(data.seriesNames.length > 1
        ? data.seriesNames.map(
            (name, s) =>
              html`<li>
                ${swatch(
                  s === 0
                    ? svg`<line class="key s0" x1="0" x2="18" y1="7" y2="7"></line><circle class="point s0" cx="9" cy="7" r="4"></circle>`
                    : svg`<line class="key s1" x1="0" x2="18" y1="7" y2="7"></line><rect class="point s1" x="5" y="3" width="8" height="8"></rect>`,
                )}${name}
              </li>`,
          )
        : []),
      ...(data.range
        ? [
            html`<li>
              ${swatch(svg`<rect class="band" x="0" y="1" width="18" height="12"></rect><line class="band-edge" x1="0" x2="18" y1="1" y2="1"></line>`)}Shaded:
              normal range (${data.range.text})
            </li>`,
          ]
        : []),
      ...(high
        ? [
            html`<li>${swatch(svg`<polygon class="point flagged" points="9,1 3,12 15,12"></polygon>`)}Flagged high</li>`,
          ]
        : []),
      ...(low
        ? [
            html`<li>${swatch(svg`<polygon class="point flagged" points="9,13 3,2 15,2"></polygon>`)}Flagged low</li>`,
          ]
        : []),
    ];
    return items.length ? html`<ul class="legend">${items}</ul>` : nothing;
  }

  private renderTable(data: TrendData) {
    const rows = [...data.rows].reverse();
    const shown = rows.slice(0, this.limit);
    const multi = data.seriesNames.length > 1;
    const hasFlags = rows.some((r) => r.flag || r.corrected);
    // One normal range for every row goes in the caption; a column only when they differ.
    const ranges = new Set(rows.map((r) => r.range ?? ''));
    const hasRanges = ranges.size > 1;
    const oneRange = ranges.size === 1 ? [...ranges][0] : '';
    const more = rows.length - shown.length;
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="trend-caption">
        <table>
          <caption id="trend-caption">
            ${data.title}: ${numberText(rows.length)} ${rows.length === 1 ? 'result' : 'results'}, newest first${
              oneRange ? html` <span class="caption-range">Normal range: ${oneRange}</span>` : nothing
            }
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              ${multi ? data.seriesNames.map((name) => html`<th scope="col">${name}</th>`) : html`<th scope="col">Result</th>`}
              ${hasFlags ? html`<th scope="col">Flag</th>` : nothing}
              ${hasRanges ? html`<th scope="col">Normal range</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (r) => html`<tr>
                <th scope="row">${r.date || 'Date not recorded'}</th>
                ${multi ? r.texts.map((t) => html`<td class="value">${t}</td>`) : html`<td class="value">${r.texts[0]}</td>`}
                ${hasFlags ? html`<td>${flagBadge(r.flag)} ${correctedBadge(r.corrected)}</td>` : nothing}
                ${hasRanges ? html`<td>${r.range ?? ''}</td>` : nothing}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        more > 0
          ? html`<p>
            <button class="button secondary" type="button" @click=${() => this.showMore()}>
              Show ${Math.min(more, 200)} more
            </button>
          </p>`
          : nothing
      }`;
  }

  private showMore(): void {
    this.limit += 200;
  }

  override render() {
    const data = this.data;
    if (!data || data.rows.length === 0) return html`<p class="empty">No results to show.</p>`;
    const numeric = data.rows.filter(
      (r) => r.numbers.some((n) => n !== undefined) && Number.isFinite(r.time),
    );
    if (numeric.length === 0)
      return html`<p class="meta">These results are words rather than numbers, so they are listed in a table.</p>
        ${this.renderTable(data)}`;
    return html`<div class="toolbar">
        <button
          class="button secondary"
          type="button"
          aria-pressed=${this.showTable ? 'true' : 'false'}
          @click=${() => {
            this.showTable = !this.showTable;
          }}
        >
          Show as table
        </button>
      </div>
      ${this.showTable ? this.renderTable(data) : this.renderChart(data, numeric)}`;
  }
}

customElements.define('health-trend', HealthTrend);

declare global {
  interface HTMLElementTagNameMap {
    'health-trend': HealthTrend;
  }
}
