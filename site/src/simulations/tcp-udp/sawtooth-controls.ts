/** The sawtooth simulation's controls (SawtoothSim.astro): one home for the values it offers. */
import type { RenoVariant } from "./reno.ts";

export const VARIANTS: readonly (readonly [RenoVariant, string])[] = [
  ["reno", "Reno (RFC 5681)"],
  ["newreno", "NewReno (RFC 6582)"],
];
export const QUEUES: readonly number[] = [5, 20, 40, 80];
export const LOSS_RATES: readonly (readonly [string, string])[] = [
  ["0", "0%"],
  ["0.001", "0.1%"],
  ["0.005", "0.5%"],
  ["0.02", "2%"],
];
export const RTTS: readonly (readonly [number, string])[] = [
  [20, "20 ms"],
  [50, "50 ms"],
  [100, "100 ms"],
];
/** Seeds the class edition recorded (1..CLASS_SEEDS): a 20 s run takes most of a second to compute. */
export const CLASS_SEEDS = 3;
export const RATE_BPS = 10e6;
/** The sender's segment size, bytes (sawtooth.ts, and "Use my code" through the congestion lab's harness). */
export const SMSS = 1460;
export const DURATION_MS = 20_000;

export interface SawtoothControls {
  readonly variant: RenoVariant;
  readonly queuePackets: number;
  readonly lossRate: number;
  readonly rttMs: number;
  readonly seed: number;
}

/** One recorded file per run (a run's points are tens of kilobytes); without random loss the seed changes nothing. */
export const sawtoothFile = (c: SawtoothControls): string => `${c.variant}-${c.queuePackets}-${c.lossRate}-${c.rttMs}-${c.lossRate === 0 ? 1 : c.seed}`;
export const sawtoothKey = (): string => "run";
