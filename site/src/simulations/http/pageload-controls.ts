/** The HTTP page-load simulation's controls (PageLoadSim.astro): one home for the values it offers. */
import type { HttpVersion } from "./pageload.ts";

export const LOSSES: readonly string[] = ["0", "0.005", "0.01", "0.02", "0.05"];
export const RTTS: readonly string[] = ["20", "50", "100", "200"];
export const RATES: readonly (readonly [string, string])[] = [
  ["2", "2 Mb/s"],
  ["10", "10 Mb/s"],
  ["50", "50 Mb/s"],
];
export const PIPELINES: readonly (readonly [string, string])[] = [
  ["1", "off"],
  ["4", "on, 4 requests deep"],
];
/** Files after the HTML (a range input); the class edition recorded every CLASS_FILES_STEP-th value. */
export const FILES = { min: 10, max: 40, step: 5, initial: 30 } as const;
export const CLASS_FILES_STEP = 10;
/** Seeds the class edition recorded (1..CLASS_SEEDS): four runs per setting and seed. */
export const CLASS_SEEDS = 2;

/** One run: a version's page load under the controls. */
export interface PageLoadControls {
  readonly version: HttpVersion;
  readonly resources: number;
  readonly rttMs: number;
  readonly rateMbps: number;
  readonly lossRate: number;
  /** HTTP/1.1 only (1: no pipelining). */
  readonly pipelineDepth: number;
  readonly seed: number;
}

/** One recorded file per network setting: every version, file count and seed of it (tens of kilobytes). */
export const pageLoadFile = (c: PageLoadControls): string => `${c.lossRate}-${c.rttMs}-${c.rateMbps}`;
/** Pipelining changes only HTTP/1.1; without loss the seed changes nothing. */
export const pageLoadKey = (c: PageLoadControls): string =>
  `${c.version}-${c.resources}-${c.version === "http1" ? c.pipelineDepth : 1}-${c.lossRate === 0 ? 1 : c.seed}`;
