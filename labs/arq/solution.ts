/**
 * Reference solution for the ARQ lab. Never shipped to learners.
 *
 * One sender and one receiver speak stop-and-wait, Go-Back-N and Selective
 * Repeat. The sender counts packets with unwrapped integers and reduces them
 * modulo the sequence space only on the wire, so every comparison is plain
 * arithmetic; numbers coming off the wire are unwrapped by their distance
 * forward from the window's base (serial arithmetic, RFC 1982).
 */

/** Packet type of a data packet (byte 0). */
export const DATA = 1;
/** Packet type of an acknowledgement (byte 0). */
export const ACK = 2;
/** Bytes before the payload: type (1), sequence/ack number (2), checksum (2). */
export const HEADER_BYTES = 5;
/** The largest message `offer` accepts, in bytes. */
export const MAX_MESSAGE = 1024;

/** Which ARQ protocol the sender and receiver speak. */
export type Mode = "stop-and-wait" | "go-back-n" | "selective-repeat";

/** Settings shared by a sender and its receiver. */
export interface ArqOptions {
  readonly mode: Mode;
  /** Most packets outstanding at once (1 for stop-and-wait). */
  readonly window: number;
  /** Sequence numbers run from 0 to 2^seqBits − 1, then wrap (2 ≤ seqBits ≤ 16). */
  readonly seqBits: number;
  /** Retransmission timeout, in milliseconds. */
  readonly timeoutMs: number;
}

/** What a sender may do. */
export interface SenderContext {
  /** The current (virtual) time in milliseconds. */
  now(): number;
  /** Sends a packet to the receiver (the context copies it). */
  send(packet: Uint8Array): void;
  /** Starts (or restarts) timer `key`: `onTimer(key)` runs after `delayMs` unless cancelled. */
  setTimer(key: number, delayMs: number): void;
  /** Stops timer `key`; nothing happens if it is not running. */
  cancelTimer(key: number): void;
}

/** What a receiver may do. */
export interface ReceiverContext {
  /** Sends a packet (an ACK) back to the sender (the context copies it). */
  send(packet: Uint8Array): void;
  /** Hands a message to the application, in order, exactly once (the context copies it). */
  deliver(message: Uint8Array): void;
}

/** A parsed packet. */
export interface Packet {
  readonly type: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

/** The RFC 1071 Internet checksum of `bytes` (an odd last byte is padded with zero). */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
    // Fold as we go so the sum never outgrows a safe integer.
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return ~sum & 0xffff;
}

/** Builds a packet: header, checksum computed with its own field zero, payload. */
export function encodePacket(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const packet = new Uint8Array(HEADER_BYTES + payload.length);
  packet[0] = type;
  packet[1] = seq >>> 8;
  packet[2] = seq & 0xff;
  packet.set(payload, HEADER_BYTES);
  const checksum = internetChecksum(packet);
  packet[3] = checksum >>> 8;
  packet[4] = checksum & 0xff;
  return packet;
}

/** Parses a packet; null when it is too short or its checksum does not match. */
export function decodePacket(bytes: Uint8Array): Packet | null {
  if (bytes.length < HEADER_BYTES) return null;
  const stored = (bytes[3]! << 8) | bytes[4]!;
  const zeroed = bytes.slice();
  zeroed.fill(0, 3, 5);
  if (internetChecksum(zeroed) !== stored) return null;
  return { type: bytes[0]!, seq: (bytes[1]! << 8) | bytes[2]!, payload: bytes.slice(HEADER_BYTES) };
}

/** Checks options; throws RangeError when the window cannot work with the sequence space. */
function checkOptions(options: ArqOptions): void {
  const { mode, window, seqBits, timeoutMs } = options;
  if (!Number.isInteger(seqBits) || seqBits < 2 || seqBits > 16) throw new RangeError(`seqBits must be 2..16, got ${seqBits}`);
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError(`timeoutMs must be a finite number > 0, got ${timeoutMs}`);
  const space = 2 ** seqBits;
  if (mode === "stop-and-wait" && window !== 1) throw new RangeError("stop-and-wait needs window 1");
  // GBN: a window of the whole space makes "all lost" and "all acknowledged" look alike.
  if (mode === "go-back-n" && window > space - 1) throw new RangeError(`window must be ≤ ${space - 1}`);
  // SR: the receiver's window and the sender's must never overlap old and new numbers.
  if (mode === "selective-repeat" && window > space / 2) throw new RangeError(`window must be ≤ ${space / 2}`);
  if (mode !== "stop-and-wait" && mode !== "go-back-n" && mode !== "selective-repeat") {
    throw new RangeError(`unknown mode ${String(mode)}`);
  }
}

/** The one timer of stop-and-wait and Go-Back-N. */
const GBN_TIMER = 0;

/** The sending side. */
export class Sender {
  private readonly options: ArqOptions;
  private readonly context: SenderContext;
  private readonly space: number;
  /** Oldest unacknowledged sequence number, counted without wrapping. */
  private base = 0;
  /** Next sequence number to use, counted without wrapping. */
  private next = 0;
  /** Payloads of the packets not yet acknowledged (all of base..next−1 but those SR acknowledged ahead of base), by unwrapped number. */
  private readonly unacked = new Map<number, Uint8Array>();

  constructor(options: ArqOptions, context: SenderContext) {
    checkOptions(options);
    this.options = options;
    this.context = context;
    this.space = 2 ** options.seqBits;
  }

  /** Sends `message` if the window has room; false means "offer it again later". */
  offer(message: Uint8Array): boolean {
    if (message.length > MAX_MESSAGE) throw new RangeError(`messages are at most ${MAX_MESSAGE} bytes`);
    if (this.next - this.base >= this.options.window) return false;
    const n = this.next++;
    this.unacked.set(n, message.slice());
    this.transmit(n);
    if (this.options.mode === "selective-repeat") this.context.setTimer(n % this.space, this.options.timeoutMs);
    else if (n === this.base) this.context.setTimer(GBN_TIMER, this.options.timeoutMs);
    return true;
  }

  /** Handles a packet from the receiver. */
  onPacket(bytes: Uint8Array): void {
    const packet = decodePacket(bytes);
    if (packet === null || packet.type !== ACK || packet.payload.length !== 0 || packet.seq >= this.space) return;
    if (this.options.mode === "selective-repeat") this.onSelectiveAck(packet.seq);
    else this.onCumulativeAck(packet.seq);
  }

  /** Handles the expiry of timer `key`. */
  onTimer(key: number): void {
    // Timers are cancelled as soon as they guard nothing, so one that fires always has a packet to resend.
    if (this.options.mode === "selective-repeat") {
      this.transmit(this.unwrap(key));
      this.context.setTimer(key, this.options.timeoutMs);
      return;
    }
    for (let n = this.base; n < this.next; n++) this.transmit(n);
    this.context.setTimer(GBN_TIMER, this.options.timeoutMs);
  }

  /** True when every offered message has been acknowledged. */
  done(): boolean {
    return this.unacked.size === 0;
  }

  /** GBN ACK n: "I expect n next", so everything before n arrived. */
  private onCumulativeAck(seq: number): void {
    // The distance forward from base, modulo the space (RFC 1982-style serial arithmetic).
    const advance = (seq - (this.base % this.space) + this.space) % this.space;
    if (advance === 0 || advance > this.next - this.base) return; // duplicate or stale: do nothing
    const target = this.base + advance;
    while (this.base < target) this.unacked.delete(this.base++);
    if (this.base === this.next) this.context.cancelTimer(GBN_TIMER);
    else this.context.setTimer(GBN_TIMER, this.options.timeoutMs); // restart for the new oldest packet
  }

  /** SR ACK n: "packet n arrived". */
  private onSelectiveAck(seq: number): void {
    const n = this.unwrap(seq);
    if (!this.unacked.has(n)) return; // not sent, or acknowledged already
    this.unacked.delete(n);
    this.context.cancelTimer(seq);
    while (this.base < this.next && !this.unacked.has(this.base)) this.base++;
  }

  /** The unwrapped number in [base, base + space) that `seq` stands for. */
  private unwrap(seq: number): number {
    return this.base + ((seq - (this.base % this.space) + this.space) % this.space);
  }

  private transmit(n: number): void {
    this.context.send(encodePacket(DATA, n % this.space, this.unacked.get(n)));
  }
}

/** The receiving side. */
export class Receiver {
  private readonly options: ArqOptions;
  private readonly context: ReceiverContext;
  private readonly space: number;
  /** Next sequence number to deliver, wrapped. */
  private expected = 0;
  /** Selective Repeat: out-of-order payloads by wrapped sequence number. */
  private readonly buffer = new Map<number, Uint8Array>();

  constructor(options: ArqOptions, context: ReceiverContext) {
    checkOptions(options);
    this.options = options;
    this.context = context;
    this.space = 2 ** options.seqBits;
  }

  /** Handles a packet from the sender. */
  onPacket(bytes: Uint8Array): void {
    const packet = decodePacket(bytes);
    if (packet === null || packet.type !== DATA || packet.seq >= this.space) return;
    if (this.options.mode === "selective-repeat") this.onSelective(packet);
    else this.onInOrder(packet);
  }

  /** GBN and stop-and-wait: accept only the expected packet; always ACK what we expect next. */
  private onInOrder(packet: Packet): void {
    if (packet.seq === this.expected) {
      this.context.deliver(packet.payload);
      this.expected = (this.expected + 1) % this.space;
    }
    this.context.send(encodePacket(ACK, this.expected));
  }

  /** SR: buffer anything in the window, ACK it; re-ACK the window before it. */
  private onSelective(packet: Packet): void {
    const window = this.options.window;
    const offset = (packet.seq - this.expected + this.space) % this.space;
    if (offset < window) {
      // A copy of a buffered packet carries the same message (the window is at most half the space): store it again.
      this.buffer.set(packet.seq, packet.payload);
      this.context.send(encodePacket(ACK, packet.seq));
      for (let payload = this.buffer.get(this.expected); payload !== undefined; payload = this.buffer.get(this.expected)) {
        this.buffer.delete(this.expected);
        this.context.deliver(payload);
        this.expected = (this.expected + 1) % this.space;
      }
    } else if (offset >= this.space - window) {
      // Already delivered: our ACK was lost, so say it again (and deliver nothing).
      this.context.send(encodePacket(ACK, packet.seq));
    }
  }
}
