// Test helper: catches clicks on <a download> (so nothing is saved) and keeps each file's address
// and name, the way a user would find the file in their downloads.
export function catchDownloads() {
  const caught: Array<{ url: string; fileName: string }> = [];
  const onClick = (event: MouseEvent) => {
    const link = event.composedPath()[0];
    if (link instanceof HTMLAnchorElement && link.hasAttribute('download')) {
      event.preventDefault();
      caught.push({ url: link.href, fileName: link.download });
    }
  };
  document.addEventListener('click', onClick, true);
  return { caught, stop: () => document.removeEventListener('click', onClick, true) };
}
