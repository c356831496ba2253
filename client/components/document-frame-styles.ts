// How a frame showing a whole document (a summary, a shared record) is drawn on a page.
import { css } from 'lit';

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
    margin-bottom: 1.5rem;
  }
`;
