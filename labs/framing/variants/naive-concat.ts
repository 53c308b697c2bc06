/**
 * A correct variant: the "naive" decoders. Each push glues the chunk onto
 * the bytes held back so far and parses from the start of that buffer, then
 * keeps the unfinished tail. Slower on big frames cut small (it re-reads the
 * tail), but correct. Errors are subclasses of FramingError.
 */

export const DEFAULT_MAX_FRAME = 65536;

export class FramingError extends Error {
  override name = "FramingError";
}

/** A subclass per kind of problem: the contract allows subclasses. */
class LimitError extends FramingError {}
class TruncatedError extends FramingError {}
class EscapeError extends FramingError {}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function joinAll(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

export function encodeLengthPrefixed(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) throw new LimitError(`${payload.length} bytes > ${maxFrame}`);
  const n = payload.length;
  return join(Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255), payload);
}

export class LengthPrefixedDecoder {
  private pending = new Uint8Array(0);
  private broken = false;
  private readonly maxFrame: number;
  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.broken) throw new FramingError("decoder already failed");
    const data = join(this.pending, chunk);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (data.length - at >= 4) {
      const length = data[at]! * 2 ** 24 + data[at + 1]! * 2 ** 16 + data[at + 2]! * 2 ** 8 + data[at + 3]!;
      if (length > this.maxFrame) {
        this.broken = true;
        throw new LimitError(`header says ${length} bytes, limit ${this.maxFrame}`);
      }
      if (data.length - at - 4 < length) break;
      frames.push(data.slice(at + 4, at + 4 + length));
      at += 4 + length;
    }
    this.pending = data.slice(at);
    return frames;
  }

  end(): void {
    if (this.broken) throw new FramingError("decoder already failed");
    if (this.pending.length > 0) {
      this.broken = true;
      throw new TruncatedError(`${this.pending.length} bytes of an unfinished frame`);
    }
  }
}

export function encodeSlip(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) throw new LimitError(`${payload.length} bytes > ${maxFrame}`);
  const pieces = [Uint8Array.of(0xc0)];
  for (const byte of payload) {
    pieces.push(byte === 0xc0 ? Uint8Array.of(0xdb, 0xdc) : byte === 0xdb ? Uint8Array.of(0xdb, 0xdd) : Uint8Array.of(byte));
  }
  pieces.push(Uint8Array.of(0xc0));
  return joinAll(pieces); // one copy at the end: joining per byte would be quadratic
}

export class SlipDecoder {
  /** Raw (still escaped) bytes of the unfinished frame. */
  private pending = new Uint8Array(0);
  private broken = false;
  private readonly maxFrame: number;
  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.broken) throw new FramingError("decoder already failed");
    const data = join(this.pending, chunk);
    const frames: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0xc0) continue;
      const frame = this.unescape(data.subarray(start, i));
      if (frame.length > 0) frames.push(frame);
      start = i + 1;
    }
    // Check the whole tail again now: a bad escape or an oversized frame must throw on this push.
    this.checkTail(data.subarray(start));
    this.pending = data.slice(start);
    return frames;
  }

  end(): void {
    if (this.broken) throw new FramingError("decoder already failed");
    if (this.pending.length > 0) {
      this.broken = true;
      throw new TruncatedError("stream ended inside a frame");
    }
  }

  /** Validates and counts an unfinished frame's raw bytes (an ESC may end it), without building anything. */
  private checkTail(raw: Uint8Array): void {
    let decoded = 0;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0xdb) {
        if (i + 1 === raw.length) break;
        const next = raw[++i];
        if (next !== 0xdc && next !== 0xdd) {
          this.broken = true;
          throw new EscapeError(`ESC followed by ${next}`);
        }
      }
      if (++decoded > this.maxFrame) {
        this.broken = true;
        throw new LimitError(`frame over ${this.maxFrame} bytes`);
      }
    }
  }

  /** Unescapes a complete frame's raw bytes (no END inside). */
  private unescape(raw: Uint8Array): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      let byte = raw[i]!;
      if (byte === 0xdb) {
        if (i + 1 === raw.length) {
          this.broken = true;
          throw new EscapeError("ESC right before END");
        }
        const next = raw[++i]!;
        if (next !== 0xdc && next !== 0xdd) {
          this.broken = true;
          throw new EscapeError(`ESC followed by ${next}`);
        }
        byte = next === 0xdc ? 0xc0 : 0xdb;
      }
      if (out.length === this.maxFrame) {
        this.broken = true;
        throw new LimitError(`frame over ${this.maxFrame} bytes`);
      }
      out.push(byte);
    }
    return Uint8Array.from(out);
  }
}
