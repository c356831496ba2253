// Design tokens (colours, radius, touch-target size) for every component, declared on each host so
// a component looks right on its own too (tests, future embedding). One accent colour; every text
// pairing meets WCAG 2.2 AA: text on bg 13.5:1, accent on white 6.3:1, muted on bg 6.7:1.
import { css } from 'lit';

export const tokens = css`
  :host {
    --accent: #0b6b72;
    --accent-strong: #0a5c63;
    --accent-soft: #e6f2f2;
    --text: #1d2b2f;
    --muted: #4a5a5e;
    --bg: #f3f7f7;
    --surface: #ffffff;
    --border: #c9d8d9;
    --warn-bg: #fff4d6;
    --warn-text: #6b4100;
    --error: #b3261e;
    --error-bg: #fdeeec;
    --ok: #1f6e3f;
    --ok-bg: #e8f5ec;
    --radius: 0.75rem;
    --tap: 2.75rem;
    color: var(--text);
  }
`;
