/** The loss simulation's controls (LossSim.astro): one home for the values it offers and the link it runs over. */
import type { ArqProtocol } from "./arq.ts";

export const PROTOCOLS: readonly (readonly [ArqProtocol, string])[] = [
  ["none", "none (plain UDP)"],
  ["stop-and-wait", "stop-and-wait"],
  ["go-back-n", "Go-Back-N"],
  ["selective-repeat", "Selective Repeat"],
];
export const LOSS_RATES: readonly string[] = ["0", "0.05", "0.1", "0.2", "0.3"];
export const MAX_WINDOW = 8;
/** Seeds the class edition recorded (1..CLASS_SEEDS); the chapters use seeds 1 and 9. */
export const CLASS_SEEDS = 10;

export const MESSAGES = 8;
/** Bytes of each message after the header (arq.ts; "Use my code" sends messages of this size through the lab's harness). */
export const MESSAGE_BYTES = 200;
export const ONE_WAY_MS = 20;
export const RATE_BPS = 200_000;
export const TIMEOUT_MS = 150;

/** What the learner chose. */
export interface LossControls {
  readonly protocol: ArqProtocol;
  readonly lossRate: number;
  readonly window: number;
  readonly seed: number;
}

/** One recorded file per protocol and loss rate. */
export const lossFile = (c: LossControls): string => `${c.protocol}-${c.lossRate}`;

/** Stop-and-wait and no ARQ ignore the window; a loss-free link ignores the seed. */
export const lossKey = (c: LossControls): string =>
  `${c.protocol === "none" || c.protocol === "stop-and-wait" ? 1 : c.window}/${c.lossRate === 0 ? 1 : c.seed}`;
