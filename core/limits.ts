// Size limits shared by the client (to refuse early, offline) and the server (which always re-checks).

/** Largest JSON request body the API accepts. Attachments travel separately. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
