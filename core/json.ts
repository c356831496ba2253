// A JSON object read from the wire or the store, before its shape is checked.
export type Json = Record<string, unknown>;
