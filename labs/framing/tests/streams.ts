/**
 * Test-side stream building: the tests' own encoders for both schemes (to
 * make the byte streams the decoders are fed), where each frame ends in a
 * stream, and ways to cut a stream into chunks. There is deliberately no
 * decoder here: the tests know what was sent, so they know what must come out
 * (models.ts holds whole-stream models for streams nobody encoded).
 * Hidden tests only: public tests must import no answer (they use recorded hex).
 */
import type { Random } from "#runtime/core/random.ts";
import type { Scheme } from "../scenarios.ts";
import type { Framed } from "./check.ts";

import { END, ESC, ESC_END, ESC_ESC, LENGTH_HEADER_BYTES } from "../wire.ts";

/** SLIP's special bytes (RFC 1055), from the lab's one home for them. */
export { END, ESC, ESC_END, ESC_ESC };

/** The length-prefixed encoding of `payload`: 4-byte big-endian length, then the bytes. */
export function lengthPrefixed(payload: Uint8Array): Uint8Array {
  return encodeAll("length-prefixed", [payload]);
}

/** The SLIP encoding of `payload`, with END at both ends (RFC 1055, Phil Karn's variant). */
export function slip(payload: Uint8Array): Uint8Array {
  return encodeAll("slip", [payload]);
}

/** Encodes `messages` one after another. Empty SLIP messages yield no frame (END END is skipped). */
export function framed(scheme: Scheme, messages: readonly Uint8Array[]): Framed {
  const allEnds: number[] = [];
  const stream = encodeAll(scheme, messages, allEnds);
  const kept = [...messages.keys()].filter((i) => scheme !== "slip" || messages[i]!.length > 0);
  return { stream, frames: kept.map((i) => messages[i]!), ends: kept.map((i) => allEnds[i]!) };
}

/**
 * The frames of `messages` written into one buffer (tests frame tens of
 * thousands of tiny messages: one array each would cost more than the test),
 * with where each frame ends pushed to `ends`.
 */
function encodeAll(scheme: Scheme, messages: readonly Uint8Array[], ends: number[] = []): Uint8Array {
  let size = 0;
  for (const message of messages) size += scheme === "slip" ? slipLength(message) : LENGTH_HEADER_BYTES + message.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const message of messages) {
    if (scheme === "slip") {
      out[at++] = END;
      for (const byte of message) {
        const escaped = byte === END ? ESC_END : byte === ESC ? ESC_ESC : undefined;
        if (escaped === undefined) out[at++] = byte;
        else {
          out[at++] = ESC;
          out[at++] = escaped;
        }
      }
      out[at++] = END;
    } else {
      const length = message.length;
      out.set([length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff], at);
      out.set(message, at + LENGTH_HEADER_BYTES);
      at += LENGTH_HEADER_BYTES + length;
    }
    ends.push(at);
  }
  return out;
}

function slipLength(message: Uint8Array): number {
  let length = 2;
  for (const byte of message) length += byte === END || byte === ESC ? 2 : 1;
  return length;
}

/** Joins byte strings. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Cuts `bytes` at the given offsets (ascending, inside the bytes). */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    chunks.push(bytes.slice(start, offset));
    start = offset;
  }
  return chunks;
}

/** Cuts `bytes` into pieces of `size` bytes (the last may be shorter). */
export function cutEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const offsets: number[] = [];
  for (let offset = size; offset < bytes.length; offset += size) offsets.push(offset);
  return cutAt(bytes, offsets);
}

/** Cuts `bytes` at random places: pieces of 1 to `maxPiece` bytes, a third of them tiny (1 to 3). */
export function cutRandomly(bytes: Uint8Array, random: Random, maxPiece: number): Uint8Array[] {
  const offsets: number[] = [];
  let offset = 0;
  for (;;) {
    offset += random.int(1, random.chance(1 / 3) ? 3 : maxPiece);
    if (offset >= bytes.length) break;
    offsets.push(offset);
  }
  return cutAt(bytes, offsets);
}

/** `length` random bytes; with `specials`, END, ESC, ESC_END and ESC_ESC are frequent. */
export function randomBytes(random: Random, length: number, specials = false): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = specials && random.chance(0.3) ? random.pick([END, ESC, ESC_END, ESC_ESC]) : random.int(0, 255);
  }
  return bytes;
}

/** `length` bytes counting up from `start` modulo 256 (the harness's `{ counter, start }`). */
export function counter(length: number, start = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (start + i) & 0xff;
  return bytes;
}
