// The headers of a file the portal hands over (a message's attachment): always saved, never shown
// in the portal's own origin, never sniffed as another type, never cached. The app's security
// headers keep this response's own stricter policy (security-headers.ts).

/** A name for the plain filename= parameter: ASCII letters only, no quote, backslash or percent. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return ascii.trim() === '' ? 'attachment' : ascii;
}

/** RFC 8187's encoding for filename*= (encodeURIComponent leaves ' ( ) * alone, which it may not). */
const encodeExtValue = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

export function fileDownloadHeaders(file: {
  name: string;
  mediaType: string;
  size: number;
}): Record<string, string> {
  return {
    'content-type': file.mediaType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(file.name),
    'x-content-type-options': 'nosniff',
    // Opened in a tab anyway, the file runs nothing and reaches nothing.
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  };
}
