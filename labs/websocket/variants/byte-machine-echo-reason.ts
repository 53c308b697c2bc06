/**
 * A correct variant of the websocket lab: a byte-at-a-time state machine
 * (no buffering of whole frames: every byte moves the reader along), UTF-8
 * checked with a code-point decoder and range checks on the second byte, a
 * peer's Close echoed with its code AND its reason, and frames built by
 * pushing bytes into a plain array.
 */

export type Role = "client" | "server";

export interface Tools {
  sha1(data: Uint8Array): Uint8Array;
  base64(data: Uint8Array): string;
}

export interface ConnectionOptions {
  readonly role: Role;
  readonly maxMessageBytes: number;
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
  readonly send: Uint8Array[];
}

export function acceptKey(key: string, tools: Tools): string {
  return tools.base64(tools.sha1(new TextEncoder().encode(key.trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
}

class Fail extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`fail ${code}`);
    this.code = code;
  }
}

/** Second-byte ranges by lead byte; undefined: not a lead byte. [length, low, high] */
function lead(byte: number): [number, number, number] | undefined {
  if (byte < 0x80) return [1, 0, 0];
  if (byte >= 0xc2 && byte <= 0xdf) return [2, 0x80, 0xbf];
  if (byte === 0xe0) return [3, 0xa0, 0xbf];
  if (byte === 0xed) return [3, 0x80, 0x9f];
  if (byte >= 0xe1 && byte <= 0xef) return [3, 0x80, 0xbf];
  if (byte === 0xf0) return [4, 0x90, 0xbf];
  if (byte === 0xf4) return [4, 0x80, 0x8f];
  if (byte >= 0xf1 && byte <= 0xf3) return [4, 0x80, 0xbf];
  return undefined;
}

class Utf8Reader {
  text = "";
  private need = 0;
  private seen = 0;
  private low = 0;
  private high = 0;
  private point = 0;

  /** false when the byte makes the text invalid. */
  byte(b: number): boolean {
    if (this.need === 0) {
      const info = lead(b);
      if (info === undefined) return false;
      if (info[0] === 1) {
        this.text += String.fromCharCode(b);
        return true;
      }
      [this.need, this.low, this.high] = [info[0] - 1, info[1], info[2]];
      this.seen = 0;
      this.point = b & (0xff >> (info[0] + 1));
      return true;
    }
    const [low, high] = this.seen === 0 ? [this.low, this.high] : [0x80, 0xbf];
    if (b < low || b > high) return false;
    this.point = (this.point << 6) | (b & 0x3f);
    this.seen++;
    if (--this.need === 0) this.text += String.fromCodePoint(this.point);
    return true;
  }

  get done(): boolean {
    return this.need === 0;
  }
}

type Phase = "b0" | "b1" | "len" | "key" | "payload";

export class Connection {
  private readonly options: ConnectionOptions;
  private sentClose = false;
  private over = false;
  private phase: Phase = "b0";
  private fin = false;
  private opcode = 0;
  private masked = false;
  private lenBytes: number[] = [];
  private lenNeeded = 0;
  private length = 0;
  private key: number[] = [];
  private got = 0;
  private control: number[] = [];
  private messageType = 0; // 0: none, 1: text, 2: binary
  private messageSize = 0;
  private binary: number[][] = [];
  private current: number[] = [];
  private utf8 = new Utf8Reader();

  constructor(options: ConnectionOptions) {
    this.options = options;
  }

  receive(bytes: Uint8Array): Received {
    const out: Received = { events: [], send: [] };
    for (let i = 0; i < bytes.length && !this.over; i++) {
      try {
        this.step(bytes[i]!, out);
      } catch (error) {
        if (!(error instanceof Fail)) throw error;
        out.events.push({ type: "fail", code: error.code });
        if (!this.sentClose) out.send.push(this.frame(8, [error.code >> 8, error.code & 0xff]));
        this.over = true;
      }
    }
    return out;
  }

  private step(b: number, out: Received): void {
    switch (this.phase) {
      case "b0":
        this.fin = (b & 0x80) !== 0;
        this.opcode = b & 0x0f;
        this.lenBytes = [b];
        this.phase = "b1";
        return;
      case "b1":
        this.masked = (b & 0x80) !== 0;
        this.length = b & 0x7f;
        this.lenNeeded = this.length === 126 ? 2 : this.length === 127 ? 8 : 0;
        if (this.lenNeeded > 0) {
          this.length = 0;
          this.lenBytes = [this.lenBytes[0]!];
          this.phase = "len";
          return;
        }
        return this.lengthDone(out);
      case "len":
        this.lenBytes.push(b);
        if (this.lenBytes.length - 1 < this.lenNeeded) return;
        return this.lengthDone(out);
      case "key":
        this.key.push(b);
        if (this.key.length === 4) this.headerDone(out);
        return;
      case "payload":
        return this.payloadByte(this.masked ? b ^ this.key[this.got & 3]! : b, out);
    }
  }

  private lengthDone(out: Received): void {
    if (this.lenNeeded > 0) {
      const ext = this.lenBytes.slice(1);
      this.length = ext.reduce((n, x) => n * 256 + x, 0);
      this.lenBytes = [this.lenBytes[0]!, ...ext];
    }
    this.key = [];
    if (this.masked) {
      this.phase = "key";
      return;
    }
    this.headerDone(out);
  }

  private headerDone(out: Received): void {
    const b0 = this.lenBytes[0]!;
    const op = this.opcode;
    const isControl = op >= 8;
    if ((b0 & 0x70) !== 0) throw new Fail(1002);
    if (!(op <= 2 || (op >= 8 && op <= 10))) throw new Fail(1002);
    if (isControl && (!this.fin || this.length > 125)) throw new Fail(1002);
    if (op === 0 && this.messageType === 0) throw new Fail(1002);
    if ((op === 1 || op === 2) && this.messageType !== 0) throw new Fail(1002);
    if (this.masked !== (this.options.role === "server")) throw new Fail(1002);
    if (this.lenNeeded === 2 && this.length < 126) throw new Fail(1002);
    if (this.lenNeeded === 8 && (this.lenBytes[1]! >= 0x80 || this.length < 65536)) throw new Fail(1002);
    if (op === 1 || op === 2) {
      this.messageType = op;
      this.messageSize = 0;
      this.binary = [];
      this.utf8 = new Utf8Reader();
    }
    if (!isControl) {
      this.messageSize += this.length;
      if (this.messageSize > this.options.maxMessageBytes) throw new Fail(1009);
    }
    this.got = 0;
    this.control = [];
    this.current = [];
    this.phase = "payload";
    if (this.length === 0) this.frameDone(out);
  }

  private payloadByte(b: number, out: Received): void {
    this.got++;
    if (this.opcode >= 8) this.control.push(b);
    else if (this.messageType === 1) {
      if (!this.utf8.byte(b)) throw new Fail(1007);
    } else this.current.push(b);
    if (this.got === this.length) this.frameDone(out);
  }

  private frameDone(out: Received): void {
    this.phase = "b0";
    const op = this.opcode;
    if (op < 8) {
      if (this.messageType === 2) this.binary.push(this.current);
      if (!this.fin) return;
      const type = this.messageType;
      this.messageType = 0;
      if (type === 2) out.events.push({ type: "binary", data: Uint8Array.from(this.binary.flat()) });
      else {
        if (!this.utf8.done) throw new Fail(1007);
        out.events.push({ type: "text", text: this.utf8.text });
      }
      return;
    }
    const data = Uint8Array.from(this.control);
    if (op === 9) {
      out.events.push({ type: "ping", data });
      if (!this.sentClose) out.send.push(this.frame(10, this.control));
      return;
    }
    if (op === 10) {
      out.events.push({ type: "pong", data });
      return;
    }
    if (data.length === 1) throw new Fail(1002);
    const code = data.length === 0 ? null : data[0]! * 256 + data[1]!;
    if (code !== null && !allowed(code)) throw new Fail(1002);
    const reader = new Utf8Reader();
    for (const b of data.subarray(2)) if (!reader.byte(b)) throw new Fail(1007);
    if (!reader.done) throw new Fail(1007);
    out.events.push({ type: "close", code, reason: reader.text });
    if (!this.sentClose) out.send.push(this.frame(8, this.control));
    this.sentClose = true;
    this.over = true;
  }

  send(data: string | Uint8Array): Uint8Array {
    this.open();
    return typeof data === "string" ? this.frame(1, [...new TextEncoder().encode(data)]) : this.frame(2, [...data]);
  }

  ping(data: Uint8Array): Uint8Array {
    this.open();
    if (data.length > 125) throw new RangeError("ping payload over 125 bytes");
    return this.frame(9, [...data]);
  }

  close(code: number, reason = ""): Uint8Array {
    this.open();
    const text = [...new TextEncoder().encode(reason)];
    if (!allowed(code) || text.length > 123) throw new RangeError("invalid close");
    this.sentClose = true;
    return this.frame(8, [code >> 8, code & 0xff, ...text]);
  }

  private open(): void {
    if (this.sentClose || this.over) throw new Error("connection not open");
  }

  private frame(opcode: number, payload: readonly number[]): Uint8Array {
    const bytes: number[] = [0x80 | opcode];
    const n = payload.length;
    const maskBit = this.options.role === "client" ? 0x80 : 0;
    if (n <= 125) bytes.push(maskBit | n);
    else if (n <= 0xffff) bytes.push(maskBit | 126, n >> 8, n & 0xff);
    else {
      bytes.push(maskBit | 127);
      for (let shift = 7; shift >= 0; shift--) bytes.push(Math.floor(n / 2 ** (shift * 8)) & 0xff);
    }
    if (maskBit === 0) return Uint8Array.from([...bytes, ...payload]);
    const key = this.options.maskKey();
    bytes.push(key[0]!, key[1]!, key[2]!, key[3]!);
    return Uint8Array.from([...bytes, ...payload.map((b, i) => b ^ key[i & 3]!)]);
  }
}

function allowed(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}
