/**
 * Whole-stream models of the two decoders: what the lab's contract says a
 * decoder must make of ANY byte stream (valid, unfinished or bad), by stream
 * offset, so tests can feed decoders streams nobody encoded (line noise,
 * hostile headers) and know every frame, the push that must throw and what
 * end() must do. They read the whole stream at once: nothing here is an
 * incremental decoder. Hidden tests only (public tests import no answer).
 */
import { hexByte as hex } from "#labs/kit/hex.ts";
import type { Framed } from "./check.ts";
import { END, ESC, ESC_END, ESC_ESC } from "./streams.ts";


/** RFC 1055 framing with the lab's rules: empty frames skipped, bad escapes and oversized frames rejected. */
export function slipModel(stream: Uint8Array, maxFrame: number): Framed {
  const frames: Uint8Array[] = [];
  const ends: number[] = [];
  let frame: number[] = [];
  let escaping = false;
  const result = (extra: Partial<Framed>): Framed => ({ stream, frames, ends, ...extra });
  for (let at = 0; at < stream.length; at++) {
    const byte = stream[at]!;
    let decoded: number;
    if (escaping) {
      escaping = false;
      if (byte !== ESC_END && byte !== ESC_ESC) {
        return result({ error: { at, why: `ESC (db) followed by ${hex(byte)} at stream offset ${at}: only dc or dd may follow it` } });
      }
      decoded = byte === ESC_END ? END : ESC;
    } else if (byte === END) {
      if (frame.length > 0) {
        frames.push(Uint8Array.from(frame));
        ends.push(at + 1);
      }
      frame = [];
      continue;
    } else if (byte === ESC) {
      escaping = true;
      continue;
    } else {
      decoded = byte;
    }
    if (frame.length === maxFrame) {
      return result({
        error: { at, why: `the byte at stream offset ${at} decodes to byte ${maxFrame + 1} of a frame, and maxFrame is ${maxFrame}` },
      });
    }
    frame.push(decoded);
  }
  if (escaping) return result({ endError: "the stream stopped right after an ESC" });
  if (frame.length > 0) return result({ endError: `the stream stopped inside a frame (${frame.length} decoded bytes, no END)` });
  return result({});
}

/** Length-prefixed framing with the lab's rules: a header over maxFrame is rejected at its 4th byte. */
export function lengthModel(stream: Uint8Array, maxFrame: number): Framed {
  const frames: Uint8Array[] = [];
  const ends: number[] = [];
  const result = (extra: Partial<Framed>): Framed => ({ stream, frames, ends, ...extra });
  let at = 0;
  while (at < stream.length) {
    if (stream.length - at < 4) {
      return result({ endError: `the stream stopped inside a header (${stream.length - at} of 4 bytes)` });
    }
    const length = new DataView(stream.buffer, stream.byteOffset + at, 4).getUint32(0);
    if (length > maxFrame) {
      return result({
        error: { at: at + 3, why: `the header at stream offset ${at} announces ${length} bytes, and maxFrame is ${maxFrame}` },
      });
    }
    const start = at + 4;
    if (stream.length - start < length) {
      return result({
        endError: `the stream stopped inside a payload (${stream.length - start} of ${length} bytes)`,
      });
    }
    frames.push(stream.slice(start, start + length));
    ends.push(start + length);
    at = start + length;
  }
  return result({});
}
