/**
 * Reference solution for the framing lab. Never shipped to learners.
 *
 * Both decoders are incremental: each byte is looked at once, partial state
 * (a half-read header, a half-read payload, a pending escape) lives in fields,
 * and nothing is re-concatenated, so a push costs O(chunk length).
 */

/** The largest payload, in bytes, unless a constructor says otherwise. */
export const DEFAULT_MAX_FRAME = 65536;

/** Thrown on malformed input: an oversized frame, a bad escape, a truncated stream. */
export class FramingError extends Error {
  override name = "FramingError";
}

// ---------------------------------------------------------------------------
// Scheme 1: a 4-byte big-endian length, then the payload.

const HEADER_BYTES = 4;

/** Frames `payload` as a 4-byte big-endian length followed by the payload. */
export function encodeLengthPrefixed(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) {
    throw new FramingError(`payload of ${payload.length} bytes is over the limit of ${maxFrame}`);
  }
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(frame.buffer).setUint32(0, payload.length); // DataView is big-endian by default
  frame.set(payload, HEADER_BYTES);
  return frame;
}

/** Reassembles length-prefixed frames from chunks cut anywhere. */
export class LengthPrefixedDecoder {
  private readonly maxFrame: number;
  /** Set by the first error: a failed decoder keeps throwing (its state is no longer trustworthy). */
  private failed = false;
  private readonly header = new Uint8Array(HEADER_BYTES);
  private headerFill = 0;
  /** The payload being collected, allocated once its length is known and checked. */
  private payload: Uint8Array | null = null;
  private payloadFill = 0;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  /** Feeds one chunk; returns the frames it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) this.fail("push() after an error: this decoder has failed");
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.payload === null) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - offset);
        this.header.set(chunk.subarray(offset, offset + take), this.headerFill);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < HEADER_BYTES) break;
        this.headerFill = 0;
        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0));
      }
      const take = Math.min(this.payload.length - this.payloadFill, chunk.length - offset);
      this.payload.set(chunk.subarray(offset, offset + take), this.payloadFill);
      this.payloadFill += take;
      offset += take;
      // Also reached with nothing left in the chunk, so an empty payload completes at once.
      if (this.payloadFill === this.payload.length) {
        frames.push(this.payload); // a fresh array per frame: the caller owns it
        this.payload = null;
        this.payloadFill = 0;
      }
    }
    return frames;
  }

  /** The stream ended: throws if it stopped inside a header or a payload. */
  end(): void {
    if (this.failed) this.fail("end() after an error: this decoder has failed");
    if (this.headerFill > 0) {
      this.fail(`stream ended inside a length header (${this.headerFill} of ${HEADER_BYTES} bytes)`);
    }
    if (this.payload !== null) {
      this.fail(`stream ended inside a payload (${this.payloadFill} of ${this.payload.length} bytes)`);
    }
  }

  private startPayload(length: number): Uint8Array {
    // Check before allocating: the header is untrusted, and 4 bytes can ask for 4 GiB.
    if (length > this.maxFrame) {
      this.fail(`header announces ${length} bytes, over the limit of ${this.maxFrame}`);
    }
    return new Uint8Array(length);
  }

  /** Marks the decoder failed for good, then throws. */
  private fail(message: string): never {
    this.failed = true;
    throw new FramingError(message);
  }
}

// ---------------------------------------------------------------------------
// Scheme 2: SLIP (RFC 1055), with END sent before and after every frame.

const END = 0xc0;
const ESC = 0xdb;
const ESC_END = 0xdc;
const ESC_ESC = 0xdd;

/** Frames `payload` as END, the payload with END and ESC escaped, END. */
export function encodeSlip(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) {
    throw new FramingError(`payload of ${payload.length} bytes is over the limit of ${maxFrame}`);
  }
  let specials = 0;
  for (const byte of payload) if (byte === END || byte === ESC) specials++;
  const frame = new Uint8Array(payload.length + specials + 2);
  let out = 0;
  frame[out++] = END;
  for (const byte of payload) {
    if (byte === END) {
      frame[out++] = ESC;
      frame[out++] = ESC_END;
    } else if (byte === ESC) {
      frame[out++] = ESC;
      frame[out++] = ESC_ESC;
    } else {
      frame[out++] = byte;
    }
  }
  frame[out] = END;
  return frame;
}

/** Reassembles SLIP frames from chunks cut anywhere, even between ESC and what follows it. */
export class SlipDecoder {
  private readonly maxFrame: number;
  /** Decoded bytes of the current frame: `buffer[0 .. size)`. Grows by doubling (a capacity, not a limit). */
  private buffer = new Uint8Array(256);
  private size = 0;
  /** The last byte seen was ESC; its partner may come in the next chunk. */
  private escaping = false;
  /** Set by the first error: a failed decoder keeps throwing. */
  private failed = false;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  /** Feeds one chunk; returns the frames it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) this.fail("push() after an error: this decoder has failed");
    const frames: Uint8Array[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.escaping) {
        this.escaping = false;
        if (byte === ESC_END) this.append(END);
        else if (byte === ESC_ESC) this.append(ESC);
        else this.fail(`ESC followed by 0x${byte.toString(16)}: only 0xdc or 0xdd may follow it`);
      } else if (byte === END) {
        // END END carries no frame (RFC 1055 senders use it to flush line noise).
        if (this.size > 0) frames.push(this.buffer.slice(0, this.size));
        this.size = 0;
      } else if (byte === ESC) {
        this.escaping = true;
      } else {
        this.append(byte);
      }
    }
    return frames;
  }

  /** The stream ended: throws if an unfinished frame or a lone ESC is pending. */
  end(): void {
    if (this.failed) this.fail("end() after an error: this decoder has failed");
    if (this.escaping) this.fail("stream ended right after an ESC");
    if (this.size > 0) this.fail(`stream ended inside a frame (${this.size} bytes without a closing END)`);
  }

  private append(byte: number): void {
    // Checked per byte, so a stream that never sends END cannot grow memory past the limit.
    if (this.size >= this.maxFrame) this.fail(`frame is longer than the limit of ${this.maxFrame} bytes`);
    if (this.size === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.size++] = byte;
  }

  /** Marks the decoder failed for good, then throws. */
  private fail(message: string): never {
    this.failed = true;
    throw new FramingError(message);
  }
}
