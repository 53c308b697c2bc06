/**
 * Reference solution for the congestion-control lab: TCP NewReno congestion
 * control (RFC 5681, RFC 6582) and the retransmission timer (RFC 6298).
 * The sender in the harness does the mechanics and asks this class for
 * decisions.
 */

/** Options the sender gives the controller. */
export interface ControllerOptions {
  /** Sender Maximum Segment Size in bytes. */
  readonly smss: number;
  /** Lower bound on the RTO in ms (RFC 6298 §2.4: 1000). Tests set 0 to check the formula alone. */
  readonly minRtoMs?: number;
  /** Clock granularity G in ms (RFC 6298 §2). */
  readonly granularityMs?: number;
}

/** What the sender knows when an ACK or a timeout arrives. Offsets count bytes of data from 0. */
export interface EventInfo {
  /** Bytes sent and not yet cumulatively acknowledged (after this ACK, for a new ACK). */
  readonly flightSize: number;
  /** The cumulative ACK: every byte below this offset has arrived. */
  readonly ack: number;
  /** One past the highest byte offset ever sent. */
  readonly highestSent: number;
}

/** How an RTT measurement was taken. */
export interface RttSample {
  /** The timed segment was sent again before its ACK arrived: the ACK may answer either copy. */
  readonly retransmitted: boolean;
}

/** The controller's answer to an ACK. */
export interface AckDecision {
  /** Retransmit the first unacknowledged segment now. */
  readonly retransmit: boolean;
}

const INITIAL_RTO_MS = 1000;

export class CongestionController {
  cwnd: number;
  ssthresh = Infinity;
  private readonly smss: number;
  private readonly minRto: number;
  private readonly granularity: number;
  /** RFC 6582 `recover`: the last byte offset sent when loss was last detected (−1: offset of the ISN). */
  private recover = -1;
  private inRecovery = false;
  /** SRTT and RTTVAR (RFC 6298 §2), null until the first valid sample. */
  private estimate: { srtt: number; rttvar: number } | null = null;
  private baseRto = INITIAL_RTO_MS;
  private backoff = 1;

  constructor(options: ControllerOptions) {
    this.smss = options.smss;
    this.minRto = options.minRtoMs ?? 1000;
    this.granularity = options.granularityMs ?? 0;
    // RFC 5681 §3.1, equation 1.
    const smss = options.smss;
    this.cwnd = smss > 2190 ? 2 * smss : smss > 1095 ? 3 * smss : 4 * smss;
  }

  onNewAck(ackedBytes: number, info: EventInfo): AckDecision {
    if (this.inRecovery) {
      if (info.ack > this.recover) {
        // Full ACK: deflate the window (RFC 5681 §3.2 step 6; RFC 6582 §3.2 step 3 option 2).
        this.inRecovery = false;
        this.cwnd = this.ssthresh;
        return { retransmit: false };
      }
      // Partial ACK (RFC 6582 §3.2 step 3): resend the next hole, deflate by what was acked, add back one SMSS.
      this.cwnd = Math.max(this.cwnd - ackedBytes + (ackedBytes >= this.smss ? this.smss : 0), this.smss);
      return { retransmit: true };
    }
    if (this.cwnd < this.ssthresh) {
      this.cwnd += Math.min(ackedBytes, this.smss); // slow start, RFC 5681 eq. 2
    } else {
      this.cwnd += (this.smss * this.smss) / this.cwnd; // congestion avoidance, eq. 3
    }
    return { retransmit: false };
  }

  onDuplicateAck(count: number, info: EventInfo): AckDecision {
    if (this.inRecovery) {
      this.cwnd += this.smss; // RFC 5681 §3.2 step 4: inflate
      return { retransmit: false };
    }
    // RFC 6582 §3.2 step 2: a third duplicate ACK that does not cover `recover` starts no new recovery.
    if (count !== 3 || info.ack <= this.recover) return { retransmit: false };
    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss); // eq. 4
    this.cwnd = this.ssthresh + 3 * this.smss;
    this.recover = info.highestSent - 1; // RFC 6582 §3.2 step 2: the highest byte sent (highestSent is one past it)
    this.inRecovery = true;
    return { retransmit: true };
  }

  onTimeout(info: EventInfo): void {
    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss);
    this.cwnd = this.smss; // loss window
    this.inRecovery = false;
    this.recover = info.highestSent - 1; // RFC 6582 §4
    this.backoff *= 2; // RFC 6298 §5.5 (no cap: §2.5 allows one of 60 s or more, not less)
  }

  onRttSample(rttMs: number, sample: RttSample): void {
    // Karn's rule (RFC 6298 §3): an ambiguous sample changes nothing, not even the backoff.
    if (sample.retransmitted) return;
    const e = this.estimate;
    // Later samples: RTTVAR uses the SRTT from before this sample (RFC 6298 §2.3), so both come from `e`.
    const next =
      e === null
        ? { srtt: rttMs, rttvar: rttMs / 2 }
        : { rttvar: 0.75 * e.rttvar + 0.25 * Math.abs(e.srtt - rttMs), srtt: 0.875 * e.srtt + 0.125 * rttMs };
    this.estimate = next;
    this.baseRto = next.srtt + Math.max(this.granularity, 4 * next.rttvar);
    this.backoff = 1;
  }

  rto(): number {
    // The floor applies to the RTO as computed (§2.4); the backoff doubles that (§5.5).
    return Math.max(this.baseRto, this.minRto) * this.backoff;
  }
}
