// <waiting-files>: the files of a message still waiting on this device, each opening its device
// copy, and, while the outbox uploads them, how far it got (bytes sent of all, as a progressbar).
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { AttachmentView } from '../../../core/attachments';
import { OUTBOX_PROGRESS_EVENT, type OutboxProgressDetail } from '../../../core/outbox';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import { preparedFile } from '../../data/messages/message-files';
import type { WaitingMessage } from '../../data/messages/waiting-messages';
import type { UploadProgress } from '../../data/outbox/uploads';
import { attachmentList, attachmentStyles, uploadProgress } from './attachment-parts';

export class WaitingFiles extends LitElement {
  static override styles = [...pageStyles, attachmentStyles];
  static override properties = { item: { attribute: false }, progress: { state: true } };

  declare item: WaitingMessage;
  declare progress: UploadProgress | null;

  constructor() {
    super();
    this.progress = null;
  }

  private readonly onProgress = (event: Event): void => {
    const detail = (event as CustomEvent<OutboxProgressDetail>).detail;
    if (detail.id === this.item.id) this.progress = detail.sent >= detail.total ? null : detail;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(OUTBOX_PROGRESS_EVENT, this.onProgress);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(OUTBOX_PROGRESS_EVENT, this.onProgress);
  }

  private async open(file: AttachmentView): Promise<void> {
    const ref = this.item.attachments?.find((a) => a.uploadId === file.id);
    const blob = ref ? await preparedFile(ref) : null;
    if (blob) saveFile(blob, file.name);
  }

  override render() {
    const files: AttachmentView[] = (this.item.attachments ?? []).map((a) => ({
      id: a.uploadId,
      name: a.name,
      mediaType: a.mediaType,
      size: a.size,
    }));
    return html`${attachmentList(files, (file) => void this.open(file))} ${uploadProgress(this.progress)}`;
  }
}

customElements.define('waiting-files', WaitingFiles);

export const waitingFileList = (item: WaitingMessage): TemplateResult | typeof nothing =>
  item.attachments && item.attachments.length > 0
    ? html`<waiting-files .item=${item}></waiting-files>`
    : nothing;

declare global {
  interface HTMLElementTagNameMap {
    'waiting-files': WaitingFiles;
  }
}
