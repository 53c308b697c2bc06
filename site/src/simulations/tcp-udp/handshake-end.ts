/**
 * One end of the handshake simulation's TCP connection, as an event-fed
 * model (sans-I/O, like the labs): segments arrive, timers fire and the
 * application calls connect, listen, write and close; the end answers
 * through its hooks (segments to send, timers to set, news for the
 * application) and never touches a network, so a driver decides what the
 * wire and the clock are (handshake.ts puts it on a runtime link).
 *
 * It keeps one segment in flight and waits for its ACK, which is all a
 * connection of SYN, one request, one response and FIN needs. Lost segments
 * that use sequence space (SYN, FIN, data) are sent again when the
 * retransmission timer expires (RFC 6298, in rto.ts).
 */
import { tcpFlags, type TcpFlags, type TcpState } from "#runtime/wire/tcp.ts";
import { RtoEstimator } from "./rto.ts";

/** The connection states of RFC 9293 §3.3.2 (the runtime's one list). */
export type { TcpState };

/** Why the end sent a segment, so a driver can name it (the segments a learner may drop). */
export type SegmentRole = "syn" | "data" | "fin" | "handshake-ack" | "fin-ack" | "repeat-ack";

export interface OutgoingSegment {
  /** Sequence and acknowledgment numbers as they go on the wire (unsigned 32-bit). */
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  /** Payload bytes. */
  readonly length: number;
  /** The same numbers counted from each side's initial sequence number, as Wireshark shows them; ack is null without the ACK flag. */
  readonly relativeSeq: number;
  readonly relativeAck: number | null;
  readonly role: SegmentRole;
  /** A copy of a segment sent before (after a timeout, a repeated SYN, or a duplicate that needs its ACK again). */
  readonly retransmission: boolean;
}

/** A segment as it arrived: wire numbers, flags and payload length. */
export interface IncomingSegment {
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  readonly length: number;
}

export type TcpTimer = "retransmission" | "time-wait";

/** What the end asks of its driver. All times are ms. */
export interface TcpEndHooks {
  send(segment: OutgoingSegment): void;
  /** Starts the timer, replacing a pending one of the same kind. */
  setTimer(timer: TcpTimer, delayMs: number): void;
  cancelTimer(timer: TcpTimer): void;
  state(state: TcpState): void;
  /** The retransmission timer expired with this RTO. */
  timedOut(rtoMs: number): void;
  /** Too many retransmissions of one segment: the end stops trying. */
  gaveUp(): void;
  /** For the application: the connection is open, data came in, the peer closed its side. */
  established(): void;
  deliver(length: number): void;
  peerClosed(): void;
}

const MAX_RETRIES = 8;

/** The segment waiting for its ACK; `seq` counts from the ISS. */
interface Outstanding {
  readonly seq: number;
  readonly flags: Partial<TcpFlags>;
  readonly length: number;
  readonly role: SegmentRole;
  readonly firstSentMs: number;
  retransmitted: boolean;
  tries: number;
}

export class TcpEnd {
  /**
   * Initial send sequence number. RFC 9293 §3.4.1 computes it as a 4 µs clock
   * plus a keyed hash of the addresses and ports; the driver passes a seeded
   * random draw that stands in for both (one connection per run, so the clock
   * part changes nothing).
   */
  readonly iss: number;
  /** Segments sent again, retransmission timer expiries, and whether the end gave up. */
  retransmissions = 0;
  timeouts = 0;
  gaveUp = false;
  private current: TcpState = "CLOSED";
  private irs = 0;
  /** Sequence variables (RFC 9293 §3.3.1), counted from the ISS and the IRS. */
  private sndUna = 0;
  private sndNxt = 0;
  private rcvNxt = 0;
  private readonly rto = new RtoEstimator();
  private outstanding: Outstanding | null = null;
  private readonly mslMs: number;
  private readonly hooks: TcpEndHooks;
  /** The time of the event being handled. */
  private nowMs = 0;

  constructor(iss: number, mslMs: number, hooks: TcpEndHooks) {
    this.iss = iss;
    this.mslMs = mslMs;
    this.hooks = hooks;
  }

  get state(): TcpState {
    return this.current;
  }

  /** Passive OPEN (RFC 9293 §3.10.1). */
  listen(nowMs: number): void {
    this.nowMs = nowMs;
    this.enter("LISTEN");
  }

  /** Active OPEN: send a SYN (RFC 9293 §3.10.1). */
  connect(nowMs: number): void {
    this.nowMs = nowMs;
    this.enter("SYN-SENT");
    this.sendReliable({ syn: true }, 0, "syn");
  }

  /** SEND of `length` bytes, pushed (RFC 9293 §3.10.2). */
  write(nowMs: number, length: number): void {
    this.nowMs = nowMs;
    this.sendReliable({ psh: true }, length, "data");
  }

  /** CLOSE (RFC 9293 §3.10.4): a FIN, then FIN-WAIT-1, or LAST-ACK once the peer has closed. */
  close(nowMs: number): void {
    this.nowMs = nowMs;
    this.enter(this.current === "CLOSE-WAIT" ? "LAST-ACK" : "FIN-WAIT-1");
    this.sendReliable({ fin: true }, 0, "fin");
  }

  /** A segment arrived; the state it finds decides what it means (RFC 9293 §3.10.7). */
  receive(nowMs: number, segment: IncomingSegment): void {
    this.nowMs = nowMs;
    const { flags } = segment;
    if (flags.syn) {
      if (this.current === "LISTEN") this.irs = segment.seq;
      if (this.current === "SYN-SENT" && flags.ack) this.irs = segment.seq;
    }
    const seq = (segment.seq - this.irs) >>> 0;
    const ack = (segment.ack - this.iss) >>> 0;
    this.dispatch(flags, seq, ack, segment.length);
  }

  timerFired(nowMs: number, timer: TcpTimer): void {
    this.nowMs = nowMs;
    if (timer === "time-wait") this.enter("CLOSED");
    else this.onRetransmissionTimeout();
  }

  private dispatch(flags: TcpFlags, seq: number, ack: number, length: number): void {
    switch (this.current) {
      case "CLOSED":
        return;
      case "LISTEN":
        this.onListen(flags);
        return;
      case "SYN-SENT":
        this.onSynSent(flags, ack);
        return;
      case "SYN-RECEIVED":
        this.onSynReceived(flags, seq, ack, length);
        return;
      default:
        this.onSynchronized(flags, seq, ack, length);
    }
  }

  private onListen(flags: TcpFlags): void {
    if (!flags.syn || flags.ack) return;
    this.rcvNxt = 1;
    this.enter("SYN-RECEIVED");
    this.sendReliable({ syn: true, ack: true }, 0, "syn");
  }

  private onSynSent(flags: TcpFlags, ack: number): void {
    if (!flags.syn || !flags.ack || ack !== 1) return;
    this.rcvNxt = 1;
    this.processAck(ack);
    this.enter("ESTABLISHED");
    this.sendAck("handshake-ack");
    this.hooks.established();
  }

  private onSynReceived(flags: TcpFlags, seq: number, ack: number, length: number): void {
    if (flags.syn) {
      // The client's SYN again: our SYN-ACK was lost or is late. Answer it again.
      this.retransmissions++;
      const o = this.outstanding;
      if (o !== null) {
        o.retransmitted = true;
        this.emit(o.seq, o.flags, o.length, o.role, true);
      }
      return;
    }
    if (flags.ack && this.processAck(ack)) {
      this.enter("ESTABLISHED");
      this.hooks.established();
      if (length > 0) this.dispatch(flags, seq, ack, length); // the request completed the handshake
    }
  }

  /** ESTABLISHED and the closing states. */
  private onSynchronized(flags: TcpFlags, seq: number, ack: number, length: number): void {
    if (this.isDuplicate(seq, flags, length)) {
      // A copy of something already received: its ACK was lost, so acknowledge again.
      if (this.current === "TIME-WAIT" && flags.fin) this.restartTimeWait();
      this.sendAck("repeat-ack", true);
      return;
    }
    if (flags.ack && this.processAck(ack) && this.onAllAcked()) return;
    if (length > 0 && seq === this.rcvNxt) {
      this.rcvNxt += length;
      this.hooks.deliver(length);
      return;
    }
    if (flags.fin && seq === this.rcvNxt) this.onFin();
  }

  /** Data or FIN at rcvNxt is new; anything before it is a duplicate. */
  private isDuplicate(seq: number, flags: TcpFlags, length: number): boolean {
    return (length > 0 || flags.fin || flags.syn) && seq < this.rcvNxt;
  }

  /** Everything sent is acknowledged, our FIN included (RFC 9293 §3.10.7.4, the ACK field); true when the connection is gone. */
  private onAllAcked(): boolean {
    if (this.current === "FIN-WAIT-1") this.enter("FIN-WAIT-2");
    else if (this.current === "CLOSING") this.startTimeWait();
    else if (this.current === "LAST-ACK") {
      this.enter("CLOSED");
      return true;
    }
    return false;
  }

  /** The peer's FIN: step over it and acknowledge it (RFC 9293 §3.10.7.4, the FIN bit). */
  private onFin(): void {
    switch (this.current) {
      case "ESTABLISHED":
        this.rcvNxt += 1;
        this.enter("CLOSE-WAIT");
        this.sendAck("fin-ack");
        this.hooks.peerClosed();
        return;
      case "FIN-WAIT-1":
        this.rcvNxt += 1;
        this.sendAck("fin-ack");
        this.enter("CLOSING");
        return;
      case "FIN-WAIT-2":
        this.rcvNxt += 1;
        this.sendAck("fin-ack");
        this.startTimeWait();
        return;
      default:
        return;
    }
  }

  private enter(state: TcpState): void {
    if (this.current === state) return;
    this.current = state;
    this.hooks.state(state);
  }

  /** Sends a segment that uses sequence space and must be acknowledged. */
  private sendReliable(flags: Partial<TcpFlags>, length: number, role: SegmentRole): void {
    const seq = this.sndNxt;
    this.sndNxt += length + (flags.syn === true ? 1 : 0) + (flags.fin === true ? 1 : 0);
    this.outstanding = { seq, flags, length, role, firstSentMs: this.nowMs, retransmitted: false, tries: 0 };
    this.emit(seq, flags, length, role, false);
    this.armTimer();
  }

  /** A bare ACK of everything received so far. */
  private sendAck(role: SegmentRole, retransmission = false): void {
    this.emit(this.sndNxt, {}, 0, role, retransmission);
  }

  /** Every segment but the first SYN carries an ACK: once a connection is established it is always sent (RFC 9293 §3.1). */
  private emit(seq: number, flags: Partial<TcpFlags>, length: number, role: SegmentRole, retransmission: boolean): void {
    const withAck = this.current !== "SYN-SENT" && !(flags.syn === true && flags.ack !== true);
    const all = tcpFlags({ ...flags, ack: withAck || flags.ack === true });
    this.hooks.send({
      seq: (this.iss + seq) >>> 0,
      ack: all.ack ? (this.irs + this.rcvNxt) >>> 0 : 0,
      flags: all,
      length,
      relativeSeq: seq,
      relativeAck: all.ack ? this.rcvNxt : null,
      role,
      retransmission,
    });
  }

  private armTimer(): void {
    this.hooks.setTimer("retransmission", this.rto.rtoMs);
  }

  private onRetransmissionTimeout(): void {
    const o = this.outstanding;
    if (o === null) return;
    this.timeouts++;
    this.hooks.timedOut(this.rto.rtoMs);
    if (o.tries >= MAX_RETRIES) {
      this.gaveUp = true;
      this.hooks.gaveUp();
      return;
    }
    o.tries++;
    o.retransmitted = true;
    this.retransmissions++;
    this.rto.backOff(); // RFC 6298 §5.5
    this.emit(o.seq, o.flags, o.length, o.role, true);
    this.armTimer();
  }

  /** Processes the acknowledgment field; true when it acknowledged the outstanding segment. */
  private processAck(ack: number): boolean {
    const o = this.outstanding;
    if (ack <= this.sndUna || ack > this.sndNxt) return false;
    this.sndUna = ack;
    if (o === null || ack < this.sndNxt) return false;
    // Karn's rule (RFC 6298 §3): no round-trip samples from retransmitted segments.
    if (!o.retransmitted) this.rto.sample(this.nowMs - o.firstSentMs);
    if (o.flags.syn === true && o.retransmitted) this.rto.afterSynTimeout();
    this.outstanding = null;
    this.hooks.cancelTimer("retransmission");
    return true;
  }

  private startTimeWait(): void {
    this.enter("TIME-WAIT");
    this.restartTimeWait();
  }

  /** RFC 9293 §3.10.7.4: a retransmitted FIN in TIME-WAIT is acknowledged and the 2 MSL wait starts over. */
  private restartTimeWait(): void {
    this.hooks.setTimer("time-wait", 2 * this.mslMs);
  }
}
