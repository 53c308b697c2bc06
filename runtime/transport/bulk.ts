/**
 * The mechanics of a TCP-like bulk transfer, with no congestion-control
 * policy in them: segments carried as real TCP headers, a receiver that
 * buffers out-of-order data and acknowledges every arrival cumulatively, and
 * a sender that keeps FlightSize, counts duplicate ACKs by RFC 5681 §2's
 * definition, times one segment per round trip and runs one retransmission
 * timer. Every decision (how much may be in flight, whether to retransmit,
 * how long the timer runs) belongs to the {@link CongestionPolicy} the
 * sender is given.
 *
 * Byte offsets count data bytes from 0; on the wire, offset k travels as
 * sequence number k + 1 (the SYN would take number 0; there is no handshake).
 */
import type { Timer } from "../core/event-queue.ts";
import { ms } from "../core/time.ts";
import type { Host } from "../net/host.ts";
import { IP_PROTOCOL } from "../wire/ipv4.ts";
import { emitTcp, tcpFlags } from "../wire/tcp.ts";

/** The sender's TCP port. */
export const BULK_SENDER_PORT = 40000;
/** The receiver's TCP port. */
export const BULK_RECEIVER_PORT = 80;
/** The receive window every segment advertises (never a limit here). */
export const BULK_WINDOW = 65535;

/** What the sender reports with each event, in byte offsets. */
export interface TransferState {
  /** FlightSize (RFC 5681 §2): bytes sent and not yet cumulatively acknowledged. */
  readonly flightSize: number;
  /** SND.UNA: every byte below this offset is acknowledged. */
  readonly ack: number;
  /** One past the highest offset ever sent (SND.MAX; RFC 6582's "highest sequence number transmitted"). */
  readonly highestSent: number;
}

/** How an RTT measurement was taken. */
export interface RttSampleInfo {
  /**
   * Some byte of the timed segment was sent again before the ACK that covers
   * it arrived, so the ACK may answer either copy and the measurement is
   * ambiguous. Karn's rule (RFC 6298 §3): such a sample must not be used.
   */
  readonly retransmitted: boolean;
}

/** The decisions a {@link BulkSender} asks for. */
export interface CongestionPolicy {
  /** Bytes the sender may keep outstanding now. */
  cwnd(): number;
  /** An ACK acknowledged `ackedBytes` new bytes (`state` is after it); true: resend the first unacknowledged segment. */
  onNewAck(ackedBytes: number, state: TransferState): boolean;
  /** The `count`-th duplicate ACK in a row; true: resend the first unacknowledged segment. */
  onDuplicateAck(count: number, state: TransferState): boolean;
  /** The retransmission timer expired (the sender then resends from SND.UNA as the window allows). */
  onTimeout(state: TransferState): void;
  /**
   * The ACK covering the timed segment arrived: `rttMs` runs from that
   * segment's first transmission to now. Reported for every timed segment,
   * retransmitted or not; `sample.retransmitted` says which (the sender
   * applies no Karn's rule itself: that is the policy's job).
   */
  onRttSample(rttMs: number, sample: RttSampleInfo): void;
  /** How long the retransmission timer runs, in ms. */
  rtoMs(): number;
}

/** What the sender did, for traces and counts. */
export interface BulkSenderObserver {
  /** A segment is about to go out (or to be dropped by {@link BulkSenderOptions.lose}). */
  sent?(offset: number, length: number, retransmission: boolean): void;
  event?(kind: "new-ack" | "dup-ack" | "timeout" | "fast-retransmit" | "partial-retransmit", detail: string): void;
}

/** Options for {@link BulkSender}. */
export interface BulkSenderOptions {
  /** The current virtual time in ms. */
  readonly now: () => number;
  readonly from: Host;
  readonly to: Host;
  /** Bytes to send. */
  readonly total: number;
  /** Segment size (SMSS), bytes. */
  readonly smss: number;
  readonly policy: CongestionPolicy;
  readonly observer?: BulkSenderObserver;
  /**
   * Scripted loss, like clicking a packet in an applet: asked before each
   * segment goes out; true drops it before it reaches the link (the sender
   * still counts it as sent and times it as usual).
   */
  readonly lose?: (offset: number, length: number, retransmission: boolean) => boolean;
}

/**
 * Sends `total` bytes to a {@link BulkReceiver} as fast as its policy
 * allows. Call {@link start}, then run the network.
 */
export class BulkSender {
  /** SND.UNA: the oldest unacknowledged offset. */
  una = 0;
  /** One past the highest offset ever sent (SND.MAX). */
  highestSent = 0;
  /** Virtual ms when every byte was acknowledged, else null. */
  finishedAt: number | null = null;
  /** SND.NXT: the next offset to send; moves back to SND.UNA after a timeout. */
  private next = 0;
  private dupAcks = 0;
  private timer: Timer | null = null;
  /** The segment timed for an RTT sample: its offsets, first send time, and whether any of it was sent again. */
  private timing: { readonly start: number; readonly end: number; readonly at: number; retransmitted: boolean } | null = null;
  private readonly options: BulkSenderOptions;

  constructor(options: BulkSenderOptions) {
    this.options = options;
    options.from.listenTcp(BULK_SENDER_PORT, (segment) => {
      const { ack, flags, window } = segment.repr;
      if (flags.ack) this.onAck(ack - 1, segment.payload.length, window);
    });
  }

  /** FlightSize (RFC 5681 §2). */
  get flightSize(): number {
    return this.highestSent - this.una;
  }

  /** Sends the first window. */
  start(): void {
    this.fill();
  }

  private state(): TransferState {
    return Object.freeze({ flightSize: this.flightSize, ack: this.una, highestSent: this.highestSent });
  }

  private onAck(ack: number, payloadLength: number, window: number): void {
    if (this.finishedAt !== null) return;
    const { policy, observer } = this.options;
    if (ack > this.una && ack <= this.highestSent) {
      const acked = ack - this.una;
      this.una = ack;
      if (this.next < ack) this.next = ack;
      this.dupAcks = 0;
      if (this.timing !== null && ack >= this.timing.end) {
        const timing = this.timing;
        this.timing = null;
        policy.onRttSample(this.options.now() - timing.at, Object.freeze({ retransmitted: timing.retransmitted }));
      }
      observer?.event?.("new-ack", `ack ${ack} (+${acked} bytes)`);
      const retransmit = policy.onNewAck(acked, this.state());
      if (this.una >= this.options.total) {
        this.finishedAt = this.options.now();
        this.stopTimer();
        return;
      }
      if (retransmit) {
        observer?.event?.("partial-retransmit", `resend ${this.una}`);
        this.retransmitFirst();
      }
      this.restartTimer(); // RFC 6298 §5.3: new data acknowledged restarts the timer
    } else if (ack === this.una && payloadLength === 0 && window === BULK_WINDOW && this.highestSent > this.una) {
      // RFC 5681 §2: a duplicate ACK acknowledges nothing new, carries no data, leaves the window alone, with data outstanding.
      this.dupAcks++;
      observer?.event?.("dup-ack", `ack ${ack} (#${this.dupAcks})`);
      if (policy.onDuplicateAck(this.dupAcks, this.state())) {
        observer?.event?.("fast-retransmit", `resend ${this.una}`);
        this.retransmitFirst();
        this.restartTimer();
      }
    }
    this.fill();
  }

  private onTimeout(): void {
    this.timer = null;
    this.options.observer?.event?.("timeout", `oldest unacknowledged offset ${this.una}`);
    this.options.policy.onTimeout(this.state());
    this.dupAcks = 0;
    this.next = this.una; // go back: resend from the hole as the window allows
    this.fill();
    if (this.timer === null) this.restartTimer();
  }

  /** Sends segments from SND.NXT while the window allows. */
  private fill(): void {
    const cwnd = this.options.policy.cwnd();
    const { total, smss } = this.options;
    while (this.next < total) {
      const length = Math.min(smss, total - this.next);
      // With nothing outstanding one segment may always go, so a tiny window cannot stall the transfer.
      if (this.next > this.una && this.next - this.una + length > cwnd) break;
      this.sendSegment(this.next, length);
      this.next += length;
      if (this.next > this.highestSent) this.highestSent = this.next;
      if (this.timer === null) this.restartTimer();
    }
  }

  private retransmitFirst(): void {
    const length = Math.min(this.options.smss, this.options.total - this.una);
    this.sendSegment(this.una, length);
  }

  private sendSegment(offset: number, length: number): void {
    const { from, to } = this.options;
    const retransmission = offset < this.highestSent;
    if (!retransmission && this.timing === null) this.timing = { start: offset, end: offset + length, at: this.options.now(), retransmitted: false };
    if (retransmission && this.timing !== null && offset < this.timing.end && offset + length > this.timing.start) this.timing.retransmitted = true;
    this.options.observer?.sent?.(offset, length, retransmission);
    if (this.options.lose?.(offset, length, retransmission) === true) return;
    const payload = new Uint8Array(length);
    for (let i = 0; i < length; i++) payload[i] = (offset + i) & 0xff;
    const repr = { srcPort: BULK_SENDER_PORT, dstPort: BULK_RECEIVER_PORT, seq: offset + 1, ack: 0, flags: tcpFlags({ ack: true }), window: BULK_WINDOW, urgentPointer: 0, options: [] };
    from.sendIp(IP_PROTOCOL.TCP, to.addressValue, emitTcp(repr, payload, from.addressValue, to.addressValue));
  }

  private restartTimer(): void {
    this.stopTimer();
    if (this.highestSent <= this.una) return;
    this.timer = this.options.from.timer(ms(this.options.policy.rtoMs()), "retransmission timer", () => this.onTimeout());
  }

  private stopTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}

/** What the receiver did, for traces. */
export interface BulkReceiverObserver {
  /** An ACK of `ack` (the next offset expected) is about to go out. */
  acked?(ack: number): void;
}

/** The receiving end: buffers out-of-order segments and answers every arrival with a cumulative ACK. */
export class BulkReceiver {
  /** RCV.NXT: the next in-order offset expected. */
  next = 0;
  private readonly buffered = new Map<number, number>();
  private readonly host: Host;
  private readonly peer: Host;
  private readonly observer: BulkReceiverObserver | undefined;

  constructor(host: Host, peer: Host, observer?: BulkReceiverObserver) {
    this.host = host;
    this.peer = peer;
    this.observer = observer;
    host.listenTcp(BULK_RECEIVER_PORT, (segment) => this.onSegment(segment.repr.seq - 1, segment.payload.length));
  }

  private onSegment(offset: number, length: number): void {
    if (offset + length > this.next) this.buffered.set(offset, Math.max(length, this.buffered.get(offset) ?? 0));
    for (let run = this.buffered.get(this.next); run !== undefined; run = this.buffered.get(this.next)) {
      this.buffered.delete(this.next);
      this.next += run;
    }
    this.observer?.acked?.(this.next);
    const repr = { srcPort: BULK_RECEIVER_PORT, dstPort: BULK_SENDER_PORT, seq: 1, ack: this.next + 1, flags: tcpFlags({ ack: true }), window: BULK_WINDOW, urgentPointer: 0, options: [] };
    this.host.sendIp(IP_PROTOCOL.TCP, this.peer.addressValue, emitTcp(repr, new Uint8Array(0), this.host.addressValue, this.peer.addressValue));
  }
}
