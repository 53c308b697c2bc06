/**
 * The simple congestion policy the page-load model gives the runtime's
 * BulkSender: RFC 6928's 10-segment initial window, slow start and
 * congestion avoidance as in RFC 5681 §3.1 (one SMSS per ACK, then about
 * one SMSS per round trip), a halving on three duplicate ACKs with an
 * immediate resend (fast retransmit, without fast recovery's window
 * inflation), a one-segment window after a timeout, and RFC 6298's
 * retransmission timer with its 1-second minimum.
 */
import type { CongestionPolicy, RttSampleInfo, TransferState } from "#runtime/transport/bulk.ts";
import { INITIAL_WINDOW, SMSS } from "./sizes.ts";
import { RtoEstimator } from "#site/simulations/tcp-udp/rto.ts";

export class SlowStartPolicy implements CongestionPolicy {
  /** Congestion window, bytes. */
  window = INITIAL_WINDOW;
  ssthresh = Infinity;
  private readonly timer = new RtoEstimator();
  /** The highest byte sent when the window was last cut (RFC 6582 "recover"): later losses from the same window do not cut it again. */
  private recover = -1;

  cwnd(): number {
    return this.window;
  }

  onNewAck(ackedBytes: number): boolean {
    if (this.window < this.ssthresh) this.window += Math.min(ackedBytes, SMSS);
    else this.window += Math.max(1, Math.floor((SMSS * SMSS) / this.window));
    return false;
  }

  onDuplicateAck(count: number, state: TransferState): boolean {
    if (count !== 3) return false;
    if (state.ack <= this.recover) return true; // same window: resend, but do not halve again
    this.ssthresh = Math.max(Math.floor(state.flightSize / 2), 2 * SMSS);
    this.window = this.ssthresh;
    this.recover = state.highestSent - 1; // RFC 6582 §3.2: highestSent is one past the highest byte sent
    return true;
  }

  onTimeout(state: TransferState): void {
    this.ssthresh = Math.max(Math.floor(state.flightSize / 2), 2 * SMSS);
    this.window = SMSS;
    this.recover = state.highestSent - 1; // RFC 6582 §3.2: highestSent is one past the highest byte sent
    this.timer.backOff();
  }

  onRttSample(rttMs: number, sample: RttSampleInfo): void {
    if (sample.retransmitted) return; // Karn's rule
    this.timer.sample(rttMs);
  }

  rtoMs(): number {
    return this.timer.rtoMs;
  }
}
