import type { Simulator } from "../core/simulator.ts";
import type { Metrics } from "../trace/metrics.ts";
import type { Trace } from "../trace/trace.ts";

/** What every component of one simulated network shares. */
export interface NetworkContext {
  readonly sim: Simulator;
  readonly trace: Trace;
  readonly metrics: Metrics;
  /** A fresh packet id, unique in this network. */
  newPacketId(): number;
}
