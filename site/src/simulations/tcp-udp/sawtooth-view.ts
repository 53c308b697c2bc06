/** What the sawtooth picture needs from a run, live or recorded (sawtooth.model.ts, sawtooth.recorded.ts). */
import type { SawtoothPoint } from "./sawtooth.ts";

/** A point of the plot as [t ms, cwnd segments, ssthresh segments or null, 1 in fast recovery else 0]: compact, since runs are recorded. */
export type PackedPoint = readonly [t: number, cwnd: number, ssthresh: number | null, recovery: 0 | 1];

/** What the picture needs from a run. */
export interface SawtoothView {
  readonly points: readonly PackedPoint[];
  /** When each retransmission timeout fired, ms. */
  readonly timeoutTimes: readonly number[];
  readonly throughputBps: number;
  readonly fastRetransmits: number;
  readonly queueDrops: number;
  readonly bdpSegments: number;
}

export function unpack(point: PackedPoint): SawtoothPoint {
  return { t: point[0], cwnd: point[1], ssthresh: point[2], recovery: point[3] === 1 };
}
