/**
 * A small Reno / NewReno congestion controller for the sawtooth simulation,
 * written for this chapter against the runtime's CongestionPolicy:
 * slow start and congestion avoidance (RFC 5681 §3.1), fast retransmit and
 * fast recovery (RFC 5681 §3.2, with NewReno's partial ACKs from RFC 6582
 * §3.2), and the retransmission timer of RFC 6298.
 */
import type { CongestionPolicy, RttSampleInfo, TransferState } from "#runtime/transport/bulk.ts";
import { RtoEstimator } from "./rto.ts";

export type RenoVariant = "reno" | "newreno";

export interface RenoEvent {
  readonly kind: "fast-retransmit" | "timeout" | "partial-ack" | "recovery-end";
  /** cwnd just before the event, bytes. */
  readonly cwndBefore: number;
  /** FlightSize at the event, bytes. */
  readonly flightSize: number;
  /** ssthresh after the event, bytes. */
  readonly ssthresh: number;
}

export class RenoPolicy implements CongestionPolicy {
  readonly smss: number;
  readonly variant: RenoVariant;
  /** Congestion window, bytes. */
  window: number;
  /** Slow-start threshold, bytes ("arbitrarily high" at first: RFC 5681 §3.1). */
  ssthresh = Infinity;
  inRecovery = false;
  /** RFC 6582's "recover": the highest byte sent when recovery (or a timeout) began (highestSent − 1: highestSent is one past it); -1 at first. */
  recover = -1;
  /** The retransmission timer's estimate (RFC 6298). */
  private readonly timer = new RtoEstimator();
  /** Called after every change, for plotting. */
  onChange: ((policy: RenoPolicy) => void) | null = null;
  onEvent: ((event: RenoEvent) => void) | null = null;

  /**
   * `initialSsthresh`: RFC 5681 §3.1 asks for an "arbitrarily high" value,
   * e.g. the largest possible advertised window (65,535 bytes without window
   * scaling); the default is no limit at all.
   */
  constructor(smss: number, variant: RenoVariant = "newreno", initialSsthresh = Infinity) {
    this.smss = smss;
    this.variant = variant;
    this.ssthresh = initialSsthresh;
    // Initial window within RFC 5681 §3.1's bounds, by RFC 3390's formula: min(4·SMSS, max(2·SMSS, 4380 bytes))
    // (3 segments of 1460 bytes).
    this.window = Math.min(4 * smss, Math.max(2 * smss, 4380));
  }

  cwnd(): number {
    return this.window;
  }

  onNewAck(ackedBytes: number, state: TransferState): boolean {
    let retransmit = false;
    if (this.inRecovery) {
      if (this.variant === "reno" || state.ack > this.recover) {
        // Reno leaves recovery on the first new ACK; NewReno on the one that covers `recover`.
        // Deflate the window to ssthresh (RFC 5681 §3.2 step 6; for a full ACK, one of the two choices in RFC 6582 §3.2 step 3).
        this.inRecovery = false;
        this.window = this.ssthresh;
        this.event("recovery-end", state);
      } else {
        // NewReno partial ACK (RFC 6582 §3.2 step 3): resend the next hole, deflate by what was acknowledged, add back one SMSS.
        this.window = Math.max(this.window - ackedBytes + (ackedBytes >= this.smss ? this.smss : 0), this.smss);
        retransmit = true;
        this.event("partial-ack", state);
      }
    } else if (this.window < this.ssthresh) {
      // Slow start, RFC 5681 equation (2): cwnd += min(N, SMSS).
      this.window += Math.min(ackedBytes, this.smss);
    } else {
      // Congestion avoidance, RFC 5681 equation (3): about one SMSS per round trip.
      this.window += Math.max(1, Math.floor((this.smss * this.smss) / this.window));
    }
    this.changed();
    return retransmit;
  }

  onDuplicateAck(count: number, state: TransferState): boolean {
    if (this.inRecovery) {
      this.window += this.smss; // RFC 5681 §3.2 step 4: inflate for each segment that has left the network
      this.changed();
      return false;
    }
    if (count !== 3) return false;
    // NewReno (RFC 6582 §3.2 step 2): enter fast retransmit only if the ACK covers more than `recover`,
    // so losses from a window already being recovered (or resent after a timeout) do not halve cwnd again.
    if (this.variant === "newreno" && state.ack <= this.recover) return false;
    const before = this.window;
    this.ssthresh = Math.max(Math.floor(state.flightSize / 2), 2 * this.smss); // RFC 5681 equation (4)
    this.window = this.ssthresh + 3 * this.smss; // RFC 5681 §3.2 step 3
    this.recover = state.highestSent - 1; // RFC 6582 §3.2 step 2: the highest sequence number transmitted
    this.inRecovery = true;
    this.onEvent?.({ kind: "fast-retransmit", cwndBefore: before, flightSize: state.flightSize, ssthresh: this.ssthresh });
    this.changed();
    return true; // RFC 5681 §3.2 step 3: retransmit the lost segment
  }

  onTimeout(state: TransferState): void {
    const before = this.window;
    this.ssthresh = Math.max(Math.floor(state.flightSize / 2), 2 * this.smss); // RFC 5681 equation (4)
    this.window = this.smss; // loss window: one segment (RFC 5681 §3.1)
    this.inRecovery = false;
    this.recover = state.highestSent - 1; // RFC 6582 §4: the highest sequence number transmitted
    this.timer.backOff(); // RFC 6298 §5.5
    this.onEvent?.({ kind: "timeout", cwndBefore: before, flightSize: state.flightSize, ssthresh: this.ssthresh });
    this.changed();
  }

  onRttSample(rttMs: number, sample: RttSampleInfo): void {
    if (sample.retransmitted) return; // Karn's rule (RFC 6298 §3)
    this.timer.sample(rttMs);
  }

  rtoMs(): number {
    return this.timer.rtoMs;
  }

  private event(kind: RenoEvent["kind"], state: TransferState): void {
    this.onEvent?.({ kind, cwndBefore: this.window, flightSize: state.flightSize, ssthresh: this.ssthresh });
  }

  private changed(): void {
    this.onChange?.(this);
  }
}
