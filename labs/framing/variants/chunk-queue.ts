/**
 * A correct variant: a queue of chunk copies. The length-prefixed decoder
 * never concatenates on arrival: it queues a copy of each chunk and counts
 * the bytes queued, reads a header by peeking across queued chunks, and
 * assembles a payload once all of it is there. The SLIP decoder cuts each
 * chunk at its ENDs with indexOf and unescapes segment by segment into a
 * list of pieces joined at the END. The encoders build with DataView and
 * subarray copies.
 */

export const DEFAULT_MAX_FRAME = 65536;

export class FramingError extends Error {
  override name = "FramingError";
}

export function encodeLengthPrefixed(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) throw new FramingError(`payload of ${payload.length} bytes over ${maxFrame}`);
  const buffer = new ArrayBuffer(4 + payload.length);
  new DataView(buffer).setUint32(0, payload.length, false);
  new Uint8Array(buffer, 4).set(payload);
  return new Uint8Array(buffer);
}

/** Bytes queued as a list of copies, read from the front. */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0; // bytes of chunks[0] already read
  size = 0;

  add(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk.slice());
    this.size += chunk.length;
  }

  /** The byte `index` places from the front, without taking it. */
  peek(index: number): number {
    let i = this.head + index;
    for (const chunk of this.chunks) {
      if (i < chunk.length) return chunk[i]!;
      i -= chunk.length;
    }
    throw new RangeError("peek past the end");
  }

  /** Takes `count` bytes from the front into a new array. */
  take(count: number): Uint8Array {
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[0]!;
      const n = Math.min(count - filled, chunk.length - this.head);
      out.set(chunk.subarray(this.head, this.head + n), filled);
      filled += n;
      this.head += n;
      if (this.head === chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.size -= count;
    return out;
  }
}

export class LengthPrefixedDecoder {
  private readonly queue = new ByteQueue();
  /** The announced length of the frame being read, once its header is taken. */
  private length: number | undefined;
  private failed = false;
  private readonly maxFrame: number;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw new FramingError("this decoder failed earlier");
    this.queue.add(chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.length === undefined) {
        if (this.queue.size < 4) break;
        const header = this.queue.take(4);
        const length = new DataView(header.buffer).getUint32(0);
        if (length > this.maxFrame) {
          this.failed = true;
          throw new FramingError(`a header announces ${length} bytes; the limit is ${this.maxFrame}`);
        }
        this.length = length;
      }
      if (this.queue.size < this.length) break;
      frames.push(this.queue.take(this.length));
      this.length = undefined;
    }
    return frames;
  }

  end(): void {
    if (this.failed) throw new FramingError("this decoder failed earlier");
    if (this.length !== undefined || this.queue.size > 0) {
      this.failed = true;
      throw new FramingError("the stream ended inside a frame");
    }
  }
}

export function encodeSlip(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) throw new FramingError(`payload of ${payload.length} bytes over ${maxFrame}`);
  const out = new Uint8Array(2 * payload.length + 2);
  let n = 0;
  out[n++] = 0xc0;
  let from = 0;
  // Copy runs of ordinary bytes in bulk; escape the specials between them.
  for (let i = 0; i <= payload.length; i++) {
    const byte = payload[i];
    if (i < payload.length && byte !== 0xc0 && byte !== 0xdb) continue;
    out.set(payload.subarray(from, i), n);
    n += i - from;
    if (i < payload.length) {
      out[n++] = 0xdb;
      out[n++] = byte === 0xc0 ? 0xdc : 0xdd;
    }
    from = i + 1;
  }
  out[n++] = 0xc0;
  return out.slice(0, n);
}

export class SlipDecoder {
  private pieces: Uint8Array[] = [];
  private decoded = 0;
  private escape = false;
  private failed = false;
  private readonly maxFrame: number;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw new FramingError("this decoder failed earlier");
    const frames: Uint8Array[] = [];
    let start = 0;
    while (start <= chunk.length) {
      const end = chunk.indexOf(0xc0, start);
      const stop = end === -1 ? chunk.length : end;
      this.addSegment(chunk.subarray(start, stop));
      if (end === -1) break;
      if (this.escape) this.fail("ESC followed by END");
      if (this.decoded > 0) frames.push(this.joinPieces());
      this.pieces = [];
      this.decoded = 0;
      start = end + 1;
    }
    return frames;
  }

  end(): void {
    if (this.failed) throw new FramingError("this decoder failed earlier");
    if (this.escape) this.fail("the stream ended after an ESC");
    if (this.decoded > 0) this.fail("the stream ended inside a frame");
  }

  /** Unescapes a run of bytes that holds no END. */
  private addSegment(segment: Uint8Array): void {
    const out = new Uint8Array(segment.length);
    let n = 0;
    for (const byte of segment) {
      let value = byte;
      if (this.escape) {
        this.escape = false;
        if (byte === 0xdc) value = 0xc0;
        else if (byte === 0xdd) value = 0xdb;
        else this.fail(`ESC followed by ${byte}`);
      } else if (byte === 0xdb) {
        this.escape = true;
        continue;
      }
      if (this.decoded + n === this.maxFrame) this.fail(`a frame passes ${this.maxFrame} bytes`);
      out[n++] = value;
    }
    if (n > 0) this.pieces.push(out.subarray(0, n));
    this.decoded += n;
  }

  private joinPieces(): Uint8Array {
    const frame = new Uint8Array(this.decoded);
    let at = 0;
    for (const piece of this.pieces) {
      frame.set(piece, at);
      at += piece.length;
    }
    return frame;
  }

  private fail(why: string): never {
    this.failed = true;
    throw new FramingError(why);
  }
}
