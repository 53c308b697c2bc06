/**
 * How payloads appear in results: in full when short, else by length, first
 * bytes and an FNV-1a hash. The harness builds these views from what the
 * learner returned; the tests build them from what they expect.
 */
import { Fnv1a64 } from "#runtime/core/hash.ts";
import { toHex } from "#labs/kit/hex.ts";
import type { EventView, PayloadView } from "./scenarios.ts";

/** Payloads longer than this are shown by length, first 64 bytes and hash. */
export const SHOWN = 1024;

export function payloadView(data: Uint8Array): PayloadView {
  if (data.length <= SHOWN) return { length: data.length, hex: toHex(data) };
  let text = "";
  for (let i = 0; i < data.length; i++) text += String.fromCharCode(data[i]!);
  return { length: data.length, hex: toHex(data.subarray(0, 64)), hash: new Fnv1a64().update(text).hex() };
}

export function textView(text: string): Extract<EventView, { type: "text" }> {
  return text.length <= SHOWN ? { type: "text", text, length: text.length } : { type: "text", text: text.slice(0, 64), length: text.length, hash: new Fnv1a64().update(text).hex() };
}
