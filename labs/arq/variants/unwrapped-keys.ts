/**
 * A correct variant (it must get full marks): counters never wrap (numbers
 * from the wire are unwrapped relative to the window), Selective Repeat's
 * timer keys are those unwrapped numbers and Go-Back-N's one timer is key
 * −1 (keys are the learner's choice); the sender keeps ready-made packets in
 * a plain array indexed from base; the receiver's buffer is a Map keyed by
 * unwrapped number; the checksum sums every word first and folds once at the
 * end, in a loop until no carry is left.
 */

export const DATA = 1;
export const ACK = 2;
export const HEADER_BYTES = 5;
export const MAX_MESSAGE = 1024;

export type Mode = "stop-and-wait" | "go-back-n" | "selective-repeat";

export interface ArqOptions {
  readonly mode: Mode;
  readonly window: number;
  readonly seqBits: number;
  readonly timeoutMs: number;
}

export interface SenderContext {
  now(): number;
  send(packet: Uint8Array): void;
  setTimer(key: number, delayMs: number): void;
  cancelTimer(key: number): void;
}

export interface ReceiverContext {
  send(packet: Uint8Array): void;
  deliver(message: Uint8Array): void;
}

export interface Packet {
  readonly type: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += bytes[i]! * 256 + bytes[i + 1]!;
  if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1]! * 256;
  while (sum >= 0x10000) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return (~sum >>> 0) & 0xffff;
}

export function encodePacket(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const packet = new Uint8Array(HEADER_BYTES + payload.length);
  packet.set([type, (seq >> 8) & 0xff, seq & 0xff, 0, 0]);
  packet.set(payload, HEADER_BYTES);
  const sum = internetChecksum(packet);
  packet[3] = sum >> 8;
  packet[4] = sum & 0xff;
  return packet;
}

export function decodePacket(bytes: Uint8Array): Packet | null {
  if (bytes.length < HEADER_BYTES) return null;
  const copy = Uint8Array.from(bytes);
  const stored = copy[3]! * 256 + copy[4]!;
  copy[3] = copy[4] = 0;
  if (internetChecksum(copy) !== stored) return null;
  return { type: copy[0]!, seq: copy[1]! * 256 + copy[2]!, payload: copy.subarray(HEADER_BYTES) };
}

function largestWindow(mode: string, space: number): number {
  switch (mode) {
    case "stop-and-wait":
      return 1;
    case "go-back-n":
      return space - 1;
    case "selective-repeat":
      return space / 2;
    default:
      throw new RangeError(`no such mode: ${mode}`);
  }
}

function check(options: ArqOptions): void {
  if (typeof options.seqBits !== "number" || !Number.isInteger(options.seqBits) || options.seqBits < 2 || options.seqBits > 16) {
    throw new RangeError("bad seqBits");
  }
  const largest = largestWindow(options.mode, 2 ** options.seqBits);
  if (!Number.isInteger(options.window) || options.window < 1 || options.window > largest) throw new RangeError("bad window");
  if (!(options.timeoutMs > 0 && options.timeoutMs < Infinity)) throw new RangeError("bad timeout");
}

const ONE_TIMER = -1;

export class Sender {
  private readonly opts: ArqOptions;
  private readonly ctx: SenderContext;
  private readonly space: number;
  private base = 0;
  /** Encoded packets base, base + 1, …; null once acknowledged (Selective Repeat). */
  private inFlight: (Uint8Array | null)[] = [];

  constructor(options: ArqOptions, context: SenderContext) {
    check(options);
    this.opts = options;
    this.ctx = context;
    this.space = 2 ** options.seqBits;
  }

  private get selective(): boolean {
    return this.opts.mode === "selective-repeat";
  }

  offer(message: Uint8Array): boolean {
    if (message.length > MAX_MESSAGE) throw new RangeError(`${message.length} bytes is more than ${MAX_MESSAGE}`);
    if (this.inFlight.length === this.opts.window) return false;
    const n = this.base + this.inFlight.length;
    const packet = encodePacket(DATA, n % this.space, message);
    this.inFlight.push(packet);
    this.ctx.send(packet);
    if (this.selective) this.ctx.setTimer(n, this.opts.timeoutMs);
    else if (this.inFlight.length === 1) this.ctx.setTimer(ONE_TIMER, this.opts.timeoutMs);
    return true;
  }

  onPacket(bytes: Uint8Array): void {
    const packet = decodePacket(bytes);
    if (packet === null || packet.type !== ACK || packet.payload.length > 0 || packet.seq >= this.space) return;
    const ahead = (packet.seq - this.base + this.space * 65536) % this.space;
    if (this.selective) {
      if (ahead >= this.inFlight.length || this.inFlight[ahead] === null) return;
      this.inFlight[ahead] = null;
      this.ctx.cancelTimer(this.base + ahead);
      let done = 0;
      while (done < this.inFlight.length && this.inFlight[done] === null) done++;
      this.inFlight = this.inFlight.slice(done);
      this.base += done;
      return;
    }
    if (ahead < 1 || ahead > this.inFlight.length) return;
    this.inFlight = this.inFlight.slice(ahead);
    this.base += ahead;
    if (this.inFlight.length > 0) this.ctx.setTimer(ONE_TIMER, this.opts.timeoutMs);
    else this.ctx.cancelTimer(ONE_TIMER);
  }

  onTimer(key: number): void {
    if (this.selective) {
      this.ctx.send(this.inFlight[key - this.base]!);
      this.ctx.setTimer(key, this.opts.timeoutMs);
      return;
    }
    for (const packet of this.inFlight) this.ctx.send(packet!);
    this.ctx.setTimer(ONE_TIMER, this.opts.timeoutMs);
  }

  done(): boolean {
    return this.inFlight.length === 0;
  }
}

export class Receiver {
  private readonly opts: ArqOptions;
  private readonly ctx: ReceiverContext;
  private readonly space: number;
  /** Unwrapped number of the next message to deliver. */
  private next = 0;
  private readonly waiting = new Map<number, Uint8Array>();

  constructor(options: ArqOptions, context: ReceiverContext) {
    check(options);
    this.opts = options;
    this.ctx = context;
    this.space = 2 ** options.seqBits;
  }

  onPacket(bytes: Uint8Array): void {
    const packet = decodePacket(bytes);
    if (packet === null || packet.type !== DATA || packet.seq >= this.space) return;
    // The unwrapped number closest after next − window: [next − window, next + space − window).
    const window = this.opts.window;
    const lowest = this.next - window;
    const n = lowest + ((((packet.seq - lowest) % this.space) + this.space) % this.space);
    if (this.opts.mode !== "selective-repeat") {
      if (n === this.next) {
        this.ctx.deliver(packet.payload);
        this.next++;
      }
      this.ctx.send(encodePacket(ACK, this.next % this.space));
      return;
    }
    if (n >= this.next + window) return;
    this.ctx.send(encodePacket(ACK, packet.seq));
    if (n < this.next) return;
    if (!this.waiting.has(n)) this.waiting.set(n, packet.payload.slice());
    for (let m = this.waiting.get(this.next); m !== undefined; m = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.ctx.deliver(m);
      this.next++;
    }
  }
}
