/** Hex text for bytes, as tests and transcripts show them ("00 05 68 69"): the runtime's one copy. */
export { fromHex, hexByte, toHex } from "#runtime/core/hex.ts";
