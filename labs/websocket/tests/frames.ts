/**
 * Frames for the tests, built with the runtime's emitter (minimal lengths,
 * RFC 6455 §5.2), as hex. A server receives masked frames (`client(...)`),
 * a client unmasked ones (`server(...)`).
 */
import { emitFrame, OPCODE } from "#runtime/wire/websocket.ts";
import { toHex } from "#labs/kit/hex.ts";

export { OPCODE };

/** The key the tests mask frames "from the client" with (RFC 6455 §5.7's example key). */
export const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Uint8Array | string;
  readonly fin?: boolean;
  readonly rsv?: number;
  readonly mask?: Uint8Array | null;
}

const bytesOf = (payload: Uint8Array | string | undefined) => (typeof payload === "string" ? new TextEncoder().encode(payload) : (payload ?? new Uint8Array(0)));

/** A frame as a client sends it (masked, with KEY unless `mask` says otherwise). */
export function client(spec: FrameSpec): string {
  return toHex(emitFrame({ fin: spec.fin ?? true, rsv: spec.rsv ?? 0, opcode: spec.opcode, mask: spec.mask === undefined ? KEY : spec.mask }, bytesOf(spec.payload)));
}

/** A frame as a server sends it (unmasked unless `mask` is given). */
export function server(spec: FrameSpec): string {
  return toHex(emitFrame({ fin: spec.fin ?? true, rsv: spec.rsv ?? 0, opcode: spec.opcode, mask: spec.mask ?? null }, bytesOf(spec.payload)));
}

/** A Close frame's body: the code, then the reason (§5.5.1). */
export function closeBody(code: number, reason: string | Uint8Array = ""): Uint8Array {
  const text = bytesOf(reason);
  const body = new Uint8Array(2 + text.length);
  body.set([code >> 8, code & 0xff]);
  body.set(text, 2);
  return body;
}

/** Cuts hex into chunks of `size` bytes (octet-wise with 1). */
export function chop(hex: string, size: number): string[] {
  const bytes = hex.replace(/\s/g, "").match(/../g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size).join(" "));
  return chunks;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
