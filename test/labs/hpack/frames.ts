/**
 * Just enough HTTP/2 framing (RFC 9113 §4.1, §6) to talk to nghttp2 over a
 * raw socket: the connection preface, frames out, frames in, and header
 * blocks put back together from HEADERS and CONTINUATION frames.
 */

/** The client connection preface (RFC 9113 §3.4). */
export const PREFACE = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

export const FRAME = { DATA: 0x0, HEADERS: 0x1, RST_STREAM: 0x3, SETTINGS: 0x4, PING: 0x6, GOAWAY: 0x7, WINDOW_UPDATE: 0x8, CONTINUATION: 0x9 } as const;
export const FLAG = { ACK: 0x1, END_STREAM: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;
/** SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2). */
export const SETTINGS_HEADER_TABLE_SIZE = 0x1;

export interface Frame {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Uint8Array;
}

/** One frame's bytes: 9-byte header, then the payload. */
export function frame(type: number, flags: number, streamId: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const bytes = new Uint8Array(9 + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, payload.length << 8);
  bytes[3] = type;
  bytes[4] = flags;
  view.setUint32(5, streamId & 0x7fffffff);
  bytes.set(payload, 9);
  return bytes;
}

/** A SETTINGS payload from [id, value] pairs. */
export function settings(pairs: readonly (readonly [number, number])[]): Uint8Array {
  const bytes = new Uint8Array(6 * pairs.length);
  const view = new DataView(bytes.buffer);
  pairs.forEach(([id, value], i) => {
    view.setUint16(6 * i, id);
    view.setUint32(6 * i + 2, value);
  });
  return bytes;
}

/** Cuts a byte stream into frames, whatever the chunks. */
export class FrameReader {
  #buffer = new Uint8Array(0);

  push(chunk: Uint8Array): Frame[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const frames: Frame[] = [];
    let offset = 0;
    while (joined.length - offset >= 9) {
      const length = (joined[offset]! << 16) | (joined[offset + 1]! << 8) | joined[offset + 2]!;
      if (joined.length - offset < 9 + length) break;
      const view = new DataView(joined.buffer, joined.byteOffset + offset);
      frames.push({
        type: joined[offset + 3]!,
        flags: joined[offset + 4]!,
        streamId: view.getUint32(5) & 0x7fffffff,
        payload: joined.slice(offset + 9, offset + 9 + length),
      });
      offset += 9 + length;
    }
    this.#buffer = joined.slice(offset);
    return frames;
  }
}

/** Joins HEADERS + CONTINUATION fragments into whole header blocks (RFC 9113 §4.3). */
export class HeaderBlocks {
  #pending: Uint8Array[] | undefined;
  #streamId = 0;

  /** The complete block this frame finishes, if any (with its stream), else undefined. */
  push(f: Frame): { streamId: number; block: Uint8Array } | undefined {
    if (f.type === FRAME.HEADERS) {
      this.#streamId = f.streamId;
      this.#pending = [headersFragment(f)];
    } else if (f.type === FRAME.CONTINUATION && this.#pending !== undefined) {
      this.#pending.push(f.payload);
    } else {
      return undefined;
    }
    if ((f.flags & FLAG.END_HEADERS) === 0) return undefined;
    const parts = this.#pending;
    this.#pending = undefined;
    const block = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      block.set(part, at);
      at += part.length;
    }
    return { streamId: this.#streamId, block };
  }
}

/** A HEADERS payload without its padding and priority fields (RFC 9113 §6.2). */
function headersFragment(f: Frame): Uint8Array {
  let start = 0;
  let end = f.payload.length;
  if ((f.flags & FLAG.PADDED) !== 0) {
    end -= f.payload[0]!;
    start += 1;
  }
  if ((f.flags & FLAG.PRIORITY) !== 0) start += 5;
  return f.payload.slice(start, end);
}
