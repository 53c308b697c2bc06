/**
 * TCP congestion control: your controller. The sender in the harness does
 * the mechanics (segments, cumulative ACKs, counting duplicate ACKs,
 * FlightSize, timing segments, the retransmission timer) and asks this class
 * for every decision. Read the instructions for the stages and the rules.
 *
 * Sizes are in bytes, times in milliseconds, offsets count bytes of data
 * from 0. The harness reads `cwnd` and `ssthresh` after every call.
 */

/** Options the sender gives the controller. */
export interface ControllerOptions {
  /** Sender Maximum Segment Size (SMSS) in bytes. */
  readonly smss: number;
  /** Lower bound on the RTO in ms (RFC 6298 §2.4): 1000 when absent. Some tests set 0 to check the formula alone. */
  readonly minRtoMs?: number;
  /** Clock granularity G in ms (RFC 6298 §2): 0 when absent. */
  readonly granularityMs?: number;
}

/** What the sender knows when an ACK or a timeout arrives. */
export interface EventInfo {
  /**
   * FlightSize (RFC 5681 §2): bytes sent and not yet cumulatively
   * acknowledged. For onNewAck, after this ACK took effect.
   */
  readonly flightSize: number;
  /** The cumulative ACK: every byte below this offset has arrived. */
  readonly ack: number;
  /**
   * One past the highest byte offset ever sent: the last byte sent is
   * highestSent − 1, RFC 6582's "highest sequence number transmitted" (what
   * `recover` remembers).
   */
  readonly highestSent: number;
}

/** How an RTT measurement was taken. */
export interface RttSample {
  /**
   * Some byte of the timed segment was sent again before the ACK that covers
   * it arrived, so the ACK may answer either copy: the measurement is
   * ambiguous (Karn's rule, RFC 6298 §3).
   */
  readonly retransmitted: boolean;
}

/** The controller's answer to an ACK. */
export interface AckDecision {
  /** true: retransmit the first unacknowledged segment now. */
  readonly retransmit: boolean;
}

export class CongestionController {
  /** Congestion window, bytes: the sender keeps at most this much in flight. */
  cwnd: number;
  /** Slow-start threshold, bytes. Infinity means "arbitrarily high" (RFC 5681 §3.1). */
  ssthresh = Infinity;
  private readonly smss: number;

  constructor(options: ControllerOptions) {
    this.smss = options.smss;
    // TODO stage 1: the initial window of RFC 5681 §3.1 (equation 1). One segment is far too timid.
    this.cwnd = this.smss;
  }

  /**
   * An ACK acknowledged `ackedBytes` new bytes. Stage 1: grow cwnd (slow
   * start or congestion avoidance: equation 3 or byte counting). Stage 2:
   * end fast recovery. Stage 3: tell a partial ACK (info.ack ≤ recover)
   * from a full one (info.ack > recover, with recover = highestSent − 1).
   */
  onNewAck(ackedBytes: number, info: EventInfo): AckDecision {
    void ackedBytes;
    void info;
    return { retransmit: false };
  }

  /**
   * The `count`-th duplicate ACK in a row (1, 2, 3, ...; the sender counts
   * them by RFC 5681 §2's definition). Stage 2: the third starts fast
   * retransmit (answer retransmit: true) and fast recovery; later ones inflate cwnd.
   */
  onDuplicateAck(count: number, info: EventInfo): AckDecision {
    void count;
    void info;
    return { retransmit: false };
  }

  /** The retransmission timer expired; the sender will resend from the oldest unacknowledged byte. Stage 1 and 4. */
  onTimeout(info: EventInfo): void {
    void info;
  }

  /**
   * The ACK covering the timed segment arrived; `rttMs` runs from that
   * segment's first transmission to now. The sender reports every
   * measurement: apply Karn's rule yourself and ignore one whose
   * `sample.retransmitted` is true. Stage 4.
   */
  onRttSample(rttMs: number, sample: RttSample): void {
    void rttMs;
    void sample;
  }

  /** How long the retransmission timer runs, in ms (RFC 6298). Stage 4. */
  rto(): number {
    return 1000;
  }
}
