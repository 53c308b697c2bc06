/**
 * A short stand-in for a large frame, so big results stay small: the
 * harness reports frames over 1 KiB this way and tests compare against the
 * same summary of what they expected.
 */
import { Fnv1a64 } from "#runtime/core/hash.ts";
import { toHex } from "#labs/kit/hex.ts";
import type { BytesSummary } from "./scenarios.ts";

/** Length, first and last 16 bytes, and a 64-bit FNV-1a hash of `bytes`. */
export function summarize(bytes: Uint8Array): BytesSummary {
  const hash = new Fnv1a64().updateBytes(bytes);
  return {
    length: bytes.length,
    head: toHex(bytes.subarray(0, 16)),
    tail: toHex(bytes.subarray(bytes.length - 16)),
    fnv: hash.hex(),
  };
}
