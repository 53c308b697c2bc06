/** The HTTP/1.x exchange simulation's controls (ExchangeSim.astro): one home for the values it offers. */
import type { ExchangeMode } from "./exchange.ts";

/** The three files fetched. */
export const EXCHANGE_FILES = [
  { path: "/", bytes: 2600 },
  { path: "/style.css", bytes: 1200 },
  { path: "/logo.svg", bytes: 900 },
] as const;

export const MODES: readonly (readonly [ExchangeMode, string])[] = [
  ["close", "new connection per request (HTTP/1.0)"],
  ["keep-alive", "persistent (HTTP/1.1 keep-alive)"],
  ["pipeline", "persistent and pipelined"],
];
export const RTTS: readonly (readonly [string, string])[] = [
  ["20", "20 ms"],
  ["50", "50 ms"],
  ["100", "100 ms"],
];
export const LOSSES: readonly (readonly [string, string])[] = [
  ["0", "0%"],
  ["0.1", "10%"],
  ["0.25", "25%"],
];
/** Seeds the class edition recorded (1..CLASS_SEEDS): a run is a few packets, so more than elsewhere. */
export const CLASS_SEEDS = 5;

export interface ExchangeControls {
  readonly mode: ExchangeMode;
  readonly rttMs: number;
  readonly lossRate: number;
  readonly seed: number;
}

/** One recorded file per mode; without loss the seed changes nothing. */
export const exchangeFile = (c: ExchangeControls): string => c.mode;
export const exchangeKey = (c: ExchangeControls): string => `${c.rttMs}-${c.lossRate}-${c.lossRate === 0 ? 1 : c.seed}`;
