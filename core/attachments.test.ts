import { describe, expect, it } from 'vitest';
import { decryptAttachment, encryptAttachment } from './attachment-crypto';
import {
  ATTACH_ACCEPT,
  attachmentProblem,
  attachmentRefs,
  cleanAttachmentName,
  MAX_ATTACHMENT_BYTES,
  sniffMediaType,
} from './attachments';

const bytes = (...values: number[]) => new Uint8Array(values);
const PDF_HEAD = new TextEncoder().encode('%PDF-1.7\n');
const PNG_HEAD = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG_HEAD = bytes(0xff, 0xd8, 0xff, 0xe0);
const MP4_HEAD = bytes(0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d);

describe('which files a message may carry', () => {
  it('knows PDF, JPEG and PNG by their first bytes, whatever the name says', () => {
    expect(sniffMediaType(PDF_HEAD)).toBe('application/pdf');
    expect(sniffMediaType(PNG_HEAD)).toBe('image/png');
    expect(sniffMediaType(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffMediaType(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffMediaType(MP4_HEAD)).toBeNull();
  });

  it('refuses a video renamed .pdf, saying it is a video, and an HTML page named .png', () => {
    expect(attachmentProblem({ name: 'clip.mp4', size: 2000, head: MP4_HEAD })).toMatch(/is a video/);
    expect(attachmentProblem({ name: 'scan.pdf', size: 2000, head: MP4_HEAD })).toMatch(
      /not a PDF, JPEG or PNG/,
    );
    expect(
      attachmentProblem({ name: 'photo.png', size: 20, head: new TextEncoder().encode('<html>') }),
    ).toMatch(/not a PDF, JPEG or PNG/);
  });

  it('refuses an empty file and one over 10 MB, and accepts one of exactly 10 MB', () => {
    expect(attachmentProblem({ name: 'a.pdf', size: 0, head: bytes() })).toMatch(/empty/);
    expect(attachmentProblem({ name: 'a.pdf', size: MAX_ATTACHMENT_BYTES + 1, head: PDF_HEAD })).toMatch(
      /at most 10 MB/,
    );
    expect(attachmentProblem({ name: 'a.pdf', size: MAX_ATTACHMENT_BYTES, head: PDF_HEAD })).toBeNull();
  });

  it('offers the picker the three types by name and extension', () => {
    expect(ATTACH_ACCEPT.split(',')).toEqual(
      expect.arrayContaining(['application/pdf', 'image/jpeg', 'image/png', '.pdf', '.jpg', '.jpeg', '.png']),
    );
  });

  it('keeps a file name without folders or control characters, and short', () => {
    expect(cleanAttachmentName('C:\\Users\\me\\lab\u0000 results.pdf', 'application/pdf')).toBe(
      'lab results.pdf',
    );
    expect(cleanAttachmentName('', 'image/png')).toBe('attachment.png');
    const long = cleanAttachmentName(`${'x'.repeat(300)}.jpeg`, 'image/jpeg');
    expect(long).toHaveLength(120);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('an attachment sealed for upload', () => {
  it('opens with its key and refuses a changed byte or another key', async () => {
    const file = new TextEncoder().encode('%PDF-1.7 lab report');
    const sealed = await encryptAttachment(file);
    expect(sealed.cipher.byteLength).toBe(file.byteLength + 16);
    expect(await decryptAttachment(sealed.cipher, sealed)).toEqual(file);
    const damaged = sealed.cipher.slice();
    damaged[0] = (damaged[0] ?? 0) ^ 1;
    await expect(decryptAttachment(damaged, sealed)).rejects.toThrow();
    const other = await encryptAttachment(file);
    await expect(decryptAttachment(sealed.cipher, { ...sealed, key: other.key })).rejects.toThrow();
    const refs = attachmentRefs.safeParse([
      {
        uploadId: crypto.randomUUID(),
        name: 'lab.pdf',
        mediaType: 'application/pdf',
        size: file.byteLength,
        ...sealed,
      },
    ]);
    expect(refs.success).toBe(true);
  });

  it('refuses eleven files, or the same upload twice', () => {
    const ref = (uploadId: string) => ({
      uploadId,
      name: 'a.png',
      mediaType: 'image/png',
      size: 10,
      sha256: 'a'.repeat(64),
      key: 'A'.repeat(43),
      iv: 'A'.repeat(16),
    });
    expect(attachmentRefs.safeParse(Array.from({ length: 11 }, () => ref(crypto.randomUUID()))).success).toBe(
      false,
    );
    const id = crypto.randomUUID();
    expect(attachmentRefs.safeParse([ref(id), ref(id)]).success).toBe(false);
    expect(attachmentRefs.safeParse([ref(id)]).success).toBe(true);
  });
});
