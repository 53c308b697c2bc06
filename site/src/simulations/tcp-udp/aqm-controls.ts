/** The queue simulation's controls (AqmSim.astro): one home for the values it offers. */

export type Aqm = "droptail" | "codel" | "codel-ecn" | "fq-codel";
export const AQMS: readonly Aqm[] = ["droptail", "codel", "codel-ecn", "fq-codel"];
export const AQM_NAMES: Readonly<Record<Aqm, string>> = {
  droptail: "Drop-tail",
  codel: "CoDel",
  "codel-ecn": "CoDel + ECN",
  "fq-codel": "FQ-CoDel",
};

/** Buffer sizes in packets; the first is about one BDP at 10 Mb/s and 40 ms. */
export const BUFFERS: readonly number[] = [32, 256, 1000];
export const RATES_BPS: readonly number[] = [5e6, 10e6, 20e6];
export const RTTS_MS: readonly number[] = [20, 40, 100];
export const DURATION_S = 20;
/** Seeds the class edition recorded (1..CLASS_SEEDS). */
export const CLASS_SEEDS = 3;

/** What the learner chose (the queue shown in the chart only picks one of the four results). */
export interface AqmControls {
  readonly bufferPackets: number;
  readonly rateBps: number;
  readonly baseRttMs: number;
  readonly seed: number;
}

/** One recorded file per buffer and rate. */
export const aqmFile = (c: AqmControls): string => `${c.bufferPackets}-${c.rateBps}`;
export const aqmKey = (c: AqmControls): string => `${c.baseRttMs}/${c.seed}`;
