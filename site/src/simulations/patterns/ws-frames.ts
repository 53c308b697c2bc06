/**
 * WebSocket frames (RFC 6455 §5.2) for the notification simulation: what the
 * websocket lab grades, so only the live model (notify.ts, behind
 * notify.model.ts) imports this file and the class edition ships none of it.
 */
import type { Reader } from "./wire.ts";

/** A WebSocket frame (RFC 6455 §5.2): FIN set, the given opcode, masked with `maskKey` if given. */
export function wsFrame(opcode: number, payload: Uint8Array, maskKey?: Uint8Array): Uint8Array {
  const length = payload.length;
  const extended = length <= 125 ? 0 : length <= 0xffff ? 2 : 8;
  const headerLength = 2 + extended + (maskKey === undefined ? 0 : 4);
  const out = new Uint8Array(headerLength + length);
  out[0] = 0x80 | opcode;
  const maskBit = maskKey === undefined ? 0 : 0x80;
  const view = new DataView(out.buffer);
  if (extended === 0) out[1] = maskBit | length;
  else if (extended === 2) {
    out[1] = maskBit | 126;
    view.setUint16(2, length);
  } else {
    out[1] = maskBit | 127;
    view.setUint32(2, Math.floor(length / 2 ** 32));
    view.setUint32(6, length >>> 0);
  }
  if (maskKey !== undefined) out.set(maskKey, 2 + extended);
  for (let i = 0; i < length; i++) out[headerLength + i] = maskKey === undefined ? payload[i]! : payload[i]! ^ maskKey[i % 4]!;
  return out;
}

/** Size of a WebSocket frame header for a payload of `length` bytes: 2, 4 or 10 bytes, plus 4 if masked. */
export function wsHeaderLength(length: number, masked: boolean): number {
  return 2 + (length <= 125 ? 0 : length <= 0xffff ? 2 : 8) + (masked ? 4 : 0);
}

/** A WebSocket frame as read off the wire. */
export interface WsFrame {
  readonly opcode: number;
  readonly masked: boolean;
  /** Unmasked payload. */
  readonly payload: Uint8Array;
}

/** Takes one WebSocket frame off `reader`, or null if it is not all there yet. */
export function readWsFrame(reader: Reader): WsFrame | null {
  if (reader.length < 2) return null;
  const [b0, b1] = reader.peek(2);
  const masked = (b1! & 0x80) !== 0;
  let length = b1! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (reader.length < 4) return null;
    const h = reader.peek(4);
    length = (h[2]! << 8) | h[3]!;
    offset = 4;
  } else if (length === 127) {
    if (reader.length < 10) return null;
    const h = reader.peek(10);
    length = new DataView(h.buffer, h.byteOffset).getUint32(6);
    offset = 10;
  }
  const total = offset + (masked ? 4 : 0) + length;
  if (reader.length < total) return null;
  const frame = reader.take(total);
  const key = masked ? frame.subarray(offset, offset + 4) : null;
  const payload = frame.slice(total - length);
  if (key !== null) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ key[i % 4]!;
  return { opcode: b0! & 0x0f, masked, payload };
}
