/**
 * A correct variant of the websocket lab: text is checked by a fatal,
 * streaming TextDecoder (the WHATWG UTF-8 decoder rejects a byte as soon as
 * no continuation can make the text valid, exactly the fail-fast rule), a
 * peer's Close is answered with 1000 and a reason instead of its own code,
 * Close frames sent on failure carry a reason, and receive() returns all
 * its frames joined in one Uint8Array.
 *
 * One Connection per WebSocket after the opening handshake, sans-I/O:
 * receive() takes bytes as they arrive and returns what happened (events)
 * and what to write back (pongs, Close frames). Frames are read header
 * first (RFC 6455 §5.2): every header rule is checked as soon as the whole
 * header is in, before any payload; payload bytes are unmasked (§5.3) and,
 * in a text message, checked as UTF-8 (§8.1) as they arrive.
 */

export type Role = "client" | "server";

/** Functions the harness provides: SHA-1 (FIPS 180-4) and base64 (RFC 4648 §4). */
export interface Tools {
  sha1(data: Uint8Array): Uint8Array;
  base64(data: Uint8Array): string;
}

export interface ConnectionOptions {
  readonly role: Role;
  /** The largest message (all its fragments' payloads together) this endpoint accepts, in bytes. */
  readonly maxMessageBytes: number;
  /** A fresh 4-byte masking key; a client calls it once for every frame it sends. */
  readonly maskKey: () => Uint8Array;
}

export type WsEvent =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "binary"; readonly data: Uint8Array }
  | { readonly type: "ping"; readonly data: Uint8Array }
  | { readonly type: "pong"; readonly data: Uint8Array }
  | { readonly type: "close"; readonly code: number | null; readonly reason: string }
  | { readonly type: "fail"; readonly code: number };

export interface Received {
  readonly events: WsEvent[];
  /** Frames to write to the peer, in order. */
  readonly send: Uint8Array[];
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key (§4.2.2 item 5.4). */
export function acceptKey(key: string, tools: Tools): string {
  const trimmed = key.replace(/^[ \t]+|[ \t]+$/g, "");
  return tools.base64(tools.sha1(new TextEncoder().encode(trimmed + GUID)));
}

const CONTINUATION = 0x0;
const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

const PROTOCOL_ERROR = 1002;
const INVALID_DATA = 1007;
const TOO_BIG = 1009;

/** Thrown inside receive() to fail the connection with a status code (§7.1.7). */
class Failure {
  readonly code: number;
  constructor(code: number) {
    this.code = code;
  }
}

/** A frame whose header has been read and whose payload is arriving. */
interface Frame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly mask: Uint8Array | null;
  readonly length: number;
  received: number;
  readonly parts: Uint8Array[];
}

/** A data message whose first frame has arrived. */
interface Message {
  readonly opcode: number;
  size: number;
  readonly parts: Uint8Array[];
}

export class Connection {
  private readonly role: Role;
  private readonly maxMessageBytes: number;
  private readonly maskKey: () => Uint8Array;
  /** open → closing (we sent Close) → closed (Close received, or failed). */
  private state: "open" | "closing" | "closed" = "open";
  /** Bytes of a header that is not complete yet. */
  private pending = new Uint8Array(0);
  private frame: Frame | null = null;
  private message: Message | null = null;
  private decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private text = "";

  constructor(options: ConnectionOptions) {
    this.role = options.role;
    this.maxMessageBytes = options.maxMessageBytes;
    this.maskKey = options.maskKey;
  }

  receive(bytes: Uint8Array): Received {
    const out: Received = { events: [], send: [] };
    if (this.state === "closed") return out;
    const data = new Uint8Array(this.pending.length + bytes.length);
    data.set(this.pending);
    data.set(bytes, this.pending.length);
    let at = 0;
    try {
      while (!this.closed) {
        if (this.frame === null) {
          const size = this.readHeader(data, at);
          if (size === 0) break;
          at += size;
        }
        const frame = this.frame!;
        const take = Math.min(frame.length - frame.received, data.length - at);
        const chunk = data.slice(at, at + take);
        if (frame.mask !== null) for (let i = 0; i < take; i++) chunk[i] = chunk[i]! ^ frame.mask[(frame.received + i) & 3]!;
        at += take;
        frame.received += take;
        if (frame.opcode === CONTINUATION) {
          // A text message's bytes are checked as they arrive: fail fast (§8.1).
          if (this.message!.opcode === TEXT) {
            try {
              this.text += this.decoder.decode(chunk, { stream: true });
            } catch {
              throw new Failure(INVALID_DATA);
            }
          }
          this.message!.parts.push(chunk);
        } else {
          frame.parts.push(chunk);
        }
        if (frame.received < frame.length) break;
        this.frame = null;
        this.complete(frame, out);
      }
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      out.events.push({ type: "fail", code: error.code });
      if (this.state === "open") out.send.push(this.build(CLOSE, withReason(error.code, REASONS[error.code]!)));
      this.state = "closed";
    }
    if (out.send.length > 1) out.send.splice(0, out.send.length, join(out.send));
    this.pending = this.state === "closed" ? new Uint8Array(0) : data.slice(at);
    return out;
  }

  /** After a Close frame arrived or the connection failed, nothing more is read or sent (§7.1.7, §5.5.1). */
  private get closed(): boolean {
    return this.state === "closed";
  }

  send(data: string | Uint8Array): Uint8Array {
    this.mustBeOpen("send");
    if (typeof data === "string") return this.build(TEXT, new TextEncoder().encode(data));
    return this.build(BINARY, data);
  }

  ping(data: Uint8Array): Uint8Array {
    this.mustBeOpen("ping");
    if (data.length > 125) throw new RangeError(`a ping carries at most 125 bytes, not ${data.length} (RFC 6455 §5.5)`);
    return this.build(PING, data);
  }

  close(code: number, reason = ""): Uint8Array {
    this.mustBeOpen("close");
    if (!validCloseCode(code)) throw new RangeError(`${code} is not a close code an endpoint may send (RFC 6455 §7.4)`);
    const text = new TextEncoder().encode(reason);
    if (text.length > 123) throw new RangeError(`a close reason is at most 123 bytes, not ${text.length} (RFC 6455 §5.5)`);
    const body = new Uint8Array(2 + text.length);
    body.set(code16(code));
    body.set(text, 2);
    this.state = "closing";
    return this.build(CLOSE, body);
  }

  private mustBeOpen(what: string): void {
    if (this.state !== "open") throw new Error(`cannot ${what}: the connection is ${this.state}`);
  }

  /**
   * Reads and checks the header at `at`: 0 when it is not all there yet,
   * else its size, with this.frame set. Throws a Failure for a broken rule.
   */
  private readHeader(data: Uint8Array, at: number): number {
    if (data.length - at < 2) return 0;
    const first = data[at]!;
    const second = data[at + 1]!;
    const masked = (second & 0x80) !== 0;
    let length = second & 0x7f;
    const size = 2 + (length === 126 ? 2 : length === 127 ? 8 : 0) + (masked ? 4 : 0);
    if (data.length - at < size) return 0;
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if ((first & 0x70) !== 0) throw new Failure(PROTOCOL_ERROR); // RSV1-3 without an extension (§5.2)
    if (opcode === CLOSE || opcode === PING || opcode === PONG) {
      if (!fin || length > 125) throw new Failure(PROTOCOL_ERROR); // §5.5
    } else if (opcode === CONTINUATION) {
      if (this.message === null) throw new Failure(PROTOCOL_ERROR); // nothing to continue (§5.4)
    } else if (opcode === TEXT || opcode === BINARY) {
      if (this.message !== null) throw new Failure(PROTOCOL_ERROR); // a new message inside a fragmented one (§5.4)
    } else {
      throw new Failure(PROTOCOL_ERROR); // reserved opcode (§5.2)
    }
    if (masked !== (this.role === "server")) throw new Failure(PROTOCOL_ERROR); // §5.1
    if (length === 126) {
      length = (data[at + 2]! << 8) | data[at + 3]!;
      if (length < 126) throw new Failure(PROTOCOL_ERROR); // not the minimal encoding (§5.2)
    } else if (length === 127) {
      const view = new DataView(data.buffer, data.byteOffset + at + 2, 8);
      const high = view.getUint32(0);
      length = high * 0x100000000 + view.getUint32(4);
      if (high >= 0x80000000 || length < 0x10000) throw new Failure(PROTOCOL_ERROR); // top bit set, or not minimal (§5.2)
    }
    const mask = masked ? data.slice(at + size - 4, at + size) : null;
    if (opcode === TEXT || opcode === BINARY) {
      this.message = { opcode, size: 0, parts: [] };
      this.decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      this.text = "";
    }
    if (opcode < CLOSE) {
      this.message!.size += length;
      if (this.message!.size > this.maxMessageBytes) throw new Failure(TOO_BIG);
    }
    this.frame = { fin, opcode: opcode < CLOSE ? CONTINUATION : opcode, mask, length, received: 0, parts: [] };
    return size;
  }

  /** A frame's payload is all in: deliver it. */
  private complete(frame: Frame, out: Received): void {
    if (frame.opcode === CONTINUATION) {
      if (!frame.fin) return;
      const message = this.message!;
      this.message = null;
      const payload = join(message.parts);
      if (message.opcode === BINARY) {
        out.events.push({ type: "binary", data: payload });
        return;
      }
      try {
        this.text += this.decoder.decode(); // throws if the text ends inside a character
      } catch {
        throw new Failure(INVALID_DATA);
      }
      out.events.push({ type: "text", text: this.text });
      return;
    }
    const payload = join(frame.parts);
    if (frame.opcode === PING) {
      out.events.push({ type: "ping", data: payload });
      if (this.state === "open") out.send.push(this.build(PONG, payload));
    } else if (frame.opcode === PONG) {
      out.events.push({ type: "pong", data: payload });
    } else {
      this.closeReceived(payload, out);
    }
  }

  /** A Close frame (§5.5.1): check its body, report it, answer it if we have not sent one. */
  private closeReceived(payload: Uint8Array, out: Received): void {
    if (payload.length === 1) throw new Failure(PROTOCOL_ERROR);
    let code: number | null = null;
    if (payload.length >= 2) {
      code = (payload[0]! << 8) | payload[1]!;
      if (!validCloseCode(code)) throw new Failure(PROTOCOL_ERROR);
    }
    let reason: string;
    try {
      reason = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(payload.subarray(2));
    } catch {
      throw new Failure(INVALID_DATA);
    }
    out.events.push({ type: "close", code, reason });
    if (this.state === "open") out.send.push(this.build(CLOSE, withReason(1000, "bye")));
    this.state = "closed";
  }

  /** One unfragmented frame; a client masks it with a fresh key (§5.3). */
  private build(opcode: number, payload: Uint8Array): Uint8Array {
    const mask = this.role === "client" ? this.maskKey() : null;
    const length = payload.length;
    const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
    const header = 2 + extended + (mask === null ? 0 : 4);
    const frame = new Uint8Array(header + length);
    frame[0] = 0x80 | opcode;
    frame[1] = (mask === null ? 0 : 0x80) | (extended === 0 ? length : extended === 2 ? 126 : 127);
    const view = new DataView(frame.buffer);
    if (extended === 2) view.setUint16(2, length);
    if (extended === 8) {
      view.setUint32(2, Math.floor(length / 0x100000000));
      view.setUint32(6, length >>> 0);
    }
    frame.set(payload, header);
    if (mask !== null) {
      frame.set(mask.subarray(0, 4), header - 4);
      for (let i = 0; i < length; i++) frame[header + i] = frame[header + i]! ^ mask[i & 3]!;
    }
    return frame;
  }
}

/** Codes a Close frame may carry (§7.4.1, §7.4.2, and the IANA registry for 1012-1014). */
function validCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

function code16(code: number): Uint8Array {
  return Uint8Array.of(code >> 8, code & 0xff);
}

const REASONS: Record<number, string> = { 1002: "protocol error", 1007: "invalid UTF-8", 1009: "message too big" };

function withReason(code: number, reason: string): Uint8Array {
  return join([code16(code), new TextEncoder().encode(reason)]);
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
