/**
 * A correct variant: an explicit state ("slow-start" | "avoidance" |
 * "recovery") as a string literal, derived phases written out as a switch;
 * slow start while cwnd ≤ ssthresh (RFC 5681 allows either at equality);
 * equation 3 without rounding (fractional cwnd); `recover` in RFC sequence
 * numbers (offset + 1, so the ISN is 0); no RTO cap; the backoff kept as a
 * count of timeouts.
 */

export interface ControllerOptions {
  readonly smss: number;
  readonly minRtoMs?: number;
  readonly granularityMs?: number;
}

export interface EventInfo {
  readonly flightSize: number;
  readonly ack: number;
  readonly highestSent: number;
}

export interface RttSample {
  readonly retransmitted: boolean;
}

export interface AckDecision {
  readonly retransmit: boolean;
}

type Phase = "slow-start" | "avoidance" | "recovery";

const NO: AckDecision = Object.freeze({ retransmit: false });
const YES: AckDecision = Object.freeze({ retransmit: true });

/** Sequence number of a byte offset: the SYN takes 0, byte 0 is sequence 1. */
const seq = (offset: number): number => offset + 1;

export class CongestionController {
  cwnd: number;
  ssthresh = Infinity;
  private inFastRecovery = false;
  /** RFC 6582 `recover` as a sequence number (the ISN, 0, at first). */
  private recoverSeq = 0;
  private estimate: { srtt: number; rttvar: number } | undefined;
  private timeouts = 0;
  private readonly smss: number;
  private readonly minRto: number;
  private readonly g: number;

  constructor(options: ControllerOptions) {
    this.smss = options.smss;
    this.minRto = options.minRtoMs ?? 1000;
    this.g = options.granularityMs ?? 0;
    if (options.smss > 2190) this.cwnd = 2 * options.smss;
    else if (options.smss > 1095) this.cwnd = 3 * options.smss;
    else this.cwnd = 4 * options.smss;
  }

  private get phase(): Phase {
    if (this.inFastRecovery) return "recovery";
    return this.cwnd <= this.ssthresh ? "slow-start" : "avoidance";
  }

  /** Does the cumulative ACK (a sequence number: the next one expected) cover `recover`? */
  private covers(info: EventInfo): boolean {
    return seq(info.ack) > this.recoverSeq;
  }

  onNewAck(ackedBytes: number, info: EventInfo): AckDecision {
    switch (this.phase) {
      case "recovery":
        if (this.covers(info)) {
          this.cwnd = this.ssthresh;
          this.inFastRecovery = false;
          return NO;
        }
        this.cwnd = Math.max(this.smss, this.cwnd - ackedBytes + (ackedBytes >= this.smss ? this.smss : 0));
        return YES;
      case "slow-start":
        this.cwnd += Math.min(this.smss, ackedBytes);
        return NO;
      case "avoidance":
        this.cwnd += (this.smss * this.smss) / this.cwnd;
        return NO;
    }
  }

  onDuplicateAck(count: number, info: EventInfo): AckDecision {
    if (this.phase === "recovery") {
      this.cwnd += this.smss;
      return NO;
    }
    if (count !== 3 || !this.covers(info)) return NO;
    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss);
    this.cwnd = this.ssthresh + 3 * this.smss;
    this.recoverSeq = info.highestSent; // seq(highestSent − 1): the last byte sent
    this.inFastRecovery = true;
    return YES;
  }

  onTimeout(info: EventInfo): void {
    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss);
    this.cwnd = this.smss;
    this.recoverSeq = info.highestSent;
    this.inFastRecovery = false;
    this.timeouts++;
  }

  onRttSample(rttMs: number, sample: RttSample): void {
    if (sample.retransmitted) return;
    const e = this.estimate;
    this.estimate =
      e === undefined
        ? { srtt: rttMs, rttvar: rttMs / 2 }
        : { rttvar: 0.75 * e.rttvar + 0.25 * Math.abs(e.srtt - rttMs), srtt: 0.875 * e.srtt + 0.125 * rttMs };
    this.timeouts = 0;
  }

  rto(): number {
    const e = this.estimate;
    const base = e === undefined ? 1000 : Math.max(this.minRto, e.srtt + Math.max(this.g, 4 * e.rttvar));
    return base * 2 ** this.timeouts;
  }
}
