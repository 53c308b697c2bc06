/**
 * A correct variant: congestion avoidance by byte counting (RFC 5681 §3.1's
 * recommended method, RFC 3465), `recover` kept as the offset one past the
 * last byte sent (so a full ACK is ack ≥ it), one RTO number doubled in place
 * with a 120 s cap, and ssthresh rounded down to whole bytes.
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

export class CongestionController {
  cwnd: number;
  ssthresh = Infinity;
  private readonly smss: number;
  private readonly floor: number;
  private readonly g: number;
  /** One past the last byte sent when loss was last detected; 0 before any loss. */
  private recoverEnd = 0;
  private recovering = false;
  /** Bytes acknowledged in congestion avoidance since cwnd last grew. */
  private bytesAcked = 0;
  private srtt = 0;
  private rttvar = 0;
  private sampled = false;
  private timer = 1000;

  constructor(options: ControllerOptions) {
    this.smss = options.smss;
    this.floor = options.minRtoMs ?? 1000;
    this.g = options.granularityMs ?? 0;
    const windows: [number, number][] = [[2190, 2], [1095, 3]];
    this.cwnd = (windows.find(([limit]) => options.smss > limit)?.[1] ?? 4) * options.smss;
  }

  onNewAck(ackedBytes: number, info: EventInfo): AckDecision {
    if (this.recovering) {
      if (info.ack >= this.recoverEnd) {
        this.recovering = false;
        this.cwnd = this.ssthresh;
        return { retransmit: false };
      }
      let next = this.cwnd - ackedBytes;
      if (ackedBytes >= this.smss) next += this.smss;
      this.cwnd = next < this.smss ? this.smss : next;
      return { retransmit: true };
    }
    if (this.cwnd < this.ssthresh) {
      this.cwnd += ackedBytes < this.smss ? ackedBytes : this.smss;
      return { retransmit: false };
    }
    this.bytesAcked += ackedBytes;
    if (this.bytesAcked >= this.cwnd) {
      this.bytesAcked -= this.cwnd;
      this.cwnd += this.smss;
    }
    return { retransmit: false };
  }

  onDuplicateAck(count: number, info: EventInfo): AckDecision {
    if (this.recovering) {
      this.cwnd += this.smss;
      return { retransmit: false };
    }
    if (count === 3 && info.ack >= this.recoverEnd) {
      this.halve(info);
      this.cwnd = this.ssthresh + 3 * this.smss;
      this.recovering = true;
      return { retransmit: true };
    }
    return { retransmit: false };
  }

  onTimeout(info: EventInfo): void {
    this.halve(info);
    this.cwnd = this.smss;
    this.recovering = false;
    this.timer = Math.min(this.timer * 2, 120_000);
  }

  onRttSample(rttMs: number, sample: RttSample): void {
    if (sample.retransmitted) return;
    if (this.sampled) {
      const error = Math.abs(this.srtt - rttMs);
      this.rttvar += (error - this.rttvar) / 4;
      this.srtt += (rttMs - this.srtt) / 8;
    } else {
      this.sampled = true;
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
    }
    const computed = this.srtt + Math.max(this.g, 4 * this.rttvar);
    this.timer = computed < this.floor ? this.floor : computed;
  }

  rto(): number {
    return this.timer;
  }

  /** Equation 4, rounded down to whole bytes; remembers the recovery point and starts a fresh byte count. */
  private halve(info: EventInfo): void {
    this.ssthresh = Math.max(Math.floor(info.flightSize / 2), 2 * this.smss);
    this.recoverEnd = info.highestSent;
    this.bytesAcked = 0;
  }
}
