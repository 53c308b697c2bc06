/**
 * Reliable delivery (ARQ): every message arrives exactly once, unchanged and
 * in order, over a link that loses, duplicates, reorders and corrupts.
 *
 * You write a sender and a receiver as state machines: they never touch a
 * socket or a clock. The harness calls their methods when something happens
 * (a message to send, a packet, a timer) and they act through the small
 * context object they were given. One pair of classes speaks three protocols,
 * chosen by `options.mode`:
 *
 * - stop-and-wait: Go-Back-N with a window of 1;
 * - go-back-n: cumulative ACKs, one timer, resend everything outstanding on timeout;
 * - selective-repeat: individual ACKs, a timer per packet, the receiver buffers.
 *
 * The instructions pin every detail; the stages there match the TODOs here.
 */

/** Packet type of a data packet (byte 0). */
export const DATA = 1;
/** Packet type of an acknowledgement (byte 0). */
export const ACK = 2;
/** Bytes before the payload: type (1), sequence/ack number (2), checksum (2). */
export const HEADER_BYTES = 5;
/** The largest message `offer` accepts, in bytes (longer ones: throw a RangeError). Empty messages are allowed. */
export const MAX_MESSAGE = 1024;

/** Which ARQ protocol the sender and receiver speak. */
export type Mode = "stop-and-wait" | "go-back-n" | "selective-repeat";

/** Settings shared by a sender and its receiver (both get the same object). */
export interface ArqOptions {
  readonly mode: Mode;
  /**
   * Most messages sent and not yet acknowledged at any time: an integer. Must be 1 for
   * stop-and-wait, at most 2^seqBits − 1 for Go-Back-N and at most
   * 2^(seqBits − 1) for Selective Repeat: constructors throw a RangeError otherwise.
   */
  readonly window: number;
  /** Sequence numbers run from 0 to 2^seqBits − 1, then wrap to 0 (an integer, 2 ≤ seqBits ≤ 16). */
  readonly seqBits: number;
  /** Retransmission timeout, in milliseconds of virtual time: a finite number > 0. */
  readonly timeoutMs: number;
}

/** What a sender may do. */
export interface SenderContext {
  /** The current virtual time, in milliseconds. */
  now(): number;
  /** Sends a packet to the receiver. The context copies it: you may reuse the array. */
  send(packet: Uint8Array): void;
  /**
   * Starts timer `key`, or restarts it if it is running: `onTimer(key)` is
   * called after `delayMs` unless `cancelTimer(key)` comes first. Keys are
   * yours to choose (e.g. 0 for Go-Back-N's one timer, the sequence number
   * for Selective Repeat's per-packet timers).
   */
  setTimer(key: number, delayMs: number): void;
  /** Stops timer `key`; nothing happens if it is not running. */
  cancelTimer(key: number): void;
}

/** What a receiver may do. */
export interface ReceiverContext {
  /** Sends a packet (an ACK) back to the sender. The context copies it. */
  send(packet: Uint8Array): void;
  /** Hands a message to the application: in order, each exactly once. The context copies it. */
  deliver(message: Uint8Array): void;
}

/** A packet's fields, once parsed. */
export interface Packet {
  /** DATA or ACK. */
  readonly type: number;
  /** DATA: the packet's sequence number. ACK: see the instructions (it differs by mode). */
  readonly seq: number;
  /** DATA: the message. ACK: empty. */
  readonly payload: Uint8Array;
}

/**
 * The Internet checksum (RFC 1071) of `bytes`: add them up as 16-bit
 * big-endian words (an odd last byte is the high byte of a last word whose
 * low byte is 0), adding every carry out of bit 15 back in, then invert all
 * 16 bits. The checksum of no bytes is 0xffff.
 *
 * @returns a number in 0..0xffff.
 */
export function internetChecksum(bytes: Uint8Array): number {
  // TODO (stage 1)
  void bytes;
  return 0;
}

/**
 * Builds a packet: byte 0 `type`, bytes 1-2 `seq` (big-endian), bytes 3-4 the
 * checksum of the whole packet computed while bytes 3-4 are zero, then the payload.
 */
export function encodePacket(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  // TODO (stage 1)
  void type;
  void seq;
  return payload.slice();
}

/**
 * Parses a packet; null when it is shorter than a header or its checksum does
 * not match. (The type, the number's range and an ACK's length are checked by
 * the caller, who knows what it expects.)
 */
export function decodePacket(bytes: Uint8Array): Packet | null {
  // TODO (stage 1)
  void bytes;
  return null;
}

/** The sending side. */
export class Sender {
  /**
   * @throws RangeError when the options break the contract: seqBits not an
   * integer in 2..16, window not an integer ≥ 1 or too large for the mode
   * (see {@link ArqOptions.window}), timeoutMs not finite and > 0, or an unknown mode.
   */
  constructor(options: ArqOptions, context: SenderContext) {
    // TODO (stages 2-4): check the options, keep them and the context; set up your state.
    void options;
    void context;
  }

  /**
   * Offers the next message. If the window has room, send it now (as DATA
   * with the next sequence number) and return true; otherwise return false
   * and send nothing: the harness offers the same message again after your
   * next `onPacket` or `onTimer`.
   *
   * `message` (0..MAX_MESSAGE bytes) is lent for this call only: it may be a
   * view into a larger buffer and is overwritten afterwards, so copy it.
   * @throws RangeError for a message longer than MAX_MESSAGE (and change nothing).
   */
  offer(message: Uint8Array): boolean {
    // TODO (stages 2-4)
    void message;
    return false;
  }

  /**
   * Handles a packet from the receiver. Ignore it if its checksum is wrong, it
   * is no ACK, it has a payload, or it acknowledges nothing outstanding (a
   * duplicate, a late one, a number never sent). `packet` is lent for this call only.
   */
  onPacket(packet: Uint8Array): void {
    // TODO (stages 2-4)
    void packet;
  }

  /**
   * Handles the expiry of timer `key` (one you set, not cancelled since). A
   * timer that fires must have something to resend: cancel timers you no longer need.
   */
  onTimer(key: number): void {
    // TODO (stages 2-4)
    void key;
  }

  /** True when every message accepted by `offer` has been acknowledged. */
  done(): boolean {
    // TODO (stages 2-4)
    return false;
  }
}

/** The receiving side. */
export class Receiver {
  /**
   * @throws RangeError when the options break the contract (the same checks as the Sender's).
   */
  constructor(options: ArqOptions, context: ReceiverContext) {
    // TODO (stages 2-4)
    void options;
    void context;
  }

  /**
   * Handles a packet from the sender: deliver what is new and in order, and
   * ACK (see the instructions for which ACK, per mode). Ignore corrupted,
   * short, non-DATA packets and numbers of 2^seqBits or more. `packet` is lent
   * for this call only: copy a payload you buffer.
   */
  onPacket(packet: Uint8Array): void {
    // TODO (stages 2-4)
    void packet;
  }
}
