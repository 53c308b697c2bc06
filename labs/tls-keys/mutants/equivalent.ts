/**
 * Generated mutants of solution.ts (`npm run mutation -- tls-keys`) that no
 * test can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const NONCE_LOOP = "for (let i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);";
const NINTH_BYTE =
  "a ninth round XORs in bits 64-71 of the sequence number, which are 0 for every number that passed the range check, at nonce.length - 9 (or at index -1 of an 8-byte IV, which a typed array ignores)";

export default defineEquivalents([
  {
    original: "for (let i = 1, at = 0; at < length; i++, at += t.length) {",
    mutated: "for (let i = 1, at = 0; at <= length; i++, at += t.length) {",
    reason: "the extra round when at reaches length computes one more block and copies none of it (subarray(0, 0) set at the end of okm is allowed and writes nothing)",
  },
  {
    original: "okm.set(t.subarray(0, length - at), at);",
    mutated: "okm.set(t.slice(0, length - at), at);",
    reason: "the block is only copied into okm: a copy of the same bytes copies the same bytes",
  },
  {
    original: "const info = concat([Uint8Array.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context]);",
    mutated: "const info = concat([Uint8Array.of(length >>> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context]);",
    reason: "length is a non-negative output length far below 2^31, where signed and unsigned right shifts agree",
  },
  { original: NONCE_LOOP, mutated: NONCE_LOOP.replace("i < 8", "i <= 8"), reason: NINTH_BYTE },
  { original: NONCE_LOOP, mutated: NONCE_LOOP.replace("i < 8", "i < (9)"), reason: NINTH_BYTE },
  {
    original: NONCE_LOOP,
    mutated: NONCE_LOOP.replace("let i = 0", "let i = (-1)"),
    reason: "the extra round at i = -1 writes at index nonce.length, past the end, which a typed array ignores (and its byte, (n << 8) & 0xff, is 0 anyway)",
  },
]);
