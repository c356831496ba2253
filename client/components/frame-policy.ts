// HTML from a record (a clinical note, the Consolidated Clinical Summary) shown in a sandboxed
// frame: the policy it gets there, on top of the app's own. Free of Lit, so record models and
// their Node tests can use it.

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
