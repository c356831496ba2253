// Hands a file made on the device to the browser as a download.
/** Safari reads a download's blob after the click has returned: revoking at once would cancel it. */
const REVOKE_AFTER_MS = 60_000;

/**
 * A blob: URL on an <a download> clicked in this same window (the router leaves download links
 * alone). No new window, tab or window.open: in an app installed on iOS those open outside the
 * app or in its place, and a standalone window has no back button.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
