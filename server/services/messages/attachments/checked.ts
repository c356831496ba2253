// What a file's structure check answers: the bytes to store (cleaned of metadata where the type has
// any), or the sentence that tells the sender why the file cannot go.
export type Checked = { ok: true; bytes: Buffer } | { ok: false; why: string };

export const damaged = (label: string): Checked => ({
  ok: false,
  why: `The file is damaged or is not a complete ${label} file. Save or export it again, then attach the new copy.`,
});
