// HTML from a record (a clinical note, the Consolidated Clinical Summary) shown in a sandboxed
// frame: the policy it gets there, on top of the app's own, and how such a frame is drawn.
import { css } from 'lit';

/** The policy a document's HTML gets in its frame: nothing from the network, no scripts. */
export const FRAME_POLICY =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; style-src \'unsafe-inline\'; font-src data:">';

/** The HTML with FRAME_POLICY first (after a doctype, so the page keeps its rendering mode). */
export function withFramePolicy(markup: string): string {
  const doctype = /^\s*<!doctype[^>]*>/i.exec(markup);
  return doctype
    ? `${doctype[0]}${FRAME_POLICY}${markup.slice(doctype[0].length)}`
    : `${FRAME_POLICY}${markup}`;
}

/** A frame that shows a whole document on the page: most of the screen, scrolling inside. */
export const documentFrameStyles = css`
  .preview {
    display: block;
    width: 100%;
    height: 70vh;
    min-height: 20rem;
    border: 1px solid var(--border);
    border-radius: 0.5rem;
    background: #fff;
  }
`;
