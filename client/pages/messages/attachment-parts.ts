// The files of a message as both sides show them (one button per file: it downloads the file), and
// the progress of an upload: bytes sent of the whole, as a progressbar with words.
import { css, html, nothing, type TemplateResult } from 'lit';
import { type AttachmentView, formatFileSize } from '../../../core/attachments';
import type { UploadProgress } from '../../data/outbox/uploads';

export const attachmentStyles = css`
  ul.files {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  ul.files li {
    margin: 0;
    padding: 0;
    border: 0;
  }
  button.file {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 100%;
    min-height: var(--tap);
    padding: 0.375rem 0.75rem;
    border: 1.5px solid var(--border);
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--accent-strong);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  button.file:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 1px;
  }
  button.file .name {
    overflow-wrap: anywhere;
    font-weight: 700;
    text-decoration: underline;
  }
  button.file .size {
    color: var(--muted);
    font-size: 0.875rem;
  }
  .upload {
    margin: 0.75rem 0;
  }
  .upload progress {
    display: block;
    width: 100%;
    height: 0.75rem;
    accent-color: var(--accent);
  }
  .upload p {
    margin: 0.25rem 0 0;
    font-size: 0.9375rem;
  }
`;

/** Each file of a message; `onOpen` gets it (from the device's copy, or fetched). */
export function attachmentList(
  files: readonly AttachmentView[] | undefined,
  onOpen: (file: AttachmentView) => void,
): TemplateResult | typeof nothing {
  if (!files || files.length === 0) return nothing;
  return html`<ul class="files" aria-label="Attached files">
    ${files.map(
      (file) =>
        html`<li>
          <button class="file" type="button" @click=${() => onOpen(file)}>
            <span class="name">${file.name}</span>
            <span class="size">${file.mediaType === 'application/pdf' ? 'PDF' : 'Picture'}, ${formatFileSize(file.size)} · Download</span>
          </button>
        </li>`,
    )}
  </ul>`;
}

/** "Uploading files: 2.1 MB of 4.0 MB", with a progressbar a screen reader announces. */
export function uploadProgress(progress: UploadProgress | null): TemplateResult | typeof nothing {
  if (!progress || progress.total === 0) return nothing;
  const words = `Uploading files: ${formatFileSize(progress.sent)} of ${formatFileSize(progress.total)}`;
  return html`<div class="upload">
    <progress max=${progress.total} .value=${progress.sent} aria-label="Uploading files" aria-valuetext=${words}></progress>
    <p aria-hidden="true">${words}</p>
  </div>`;
}
