/** The notification simulation's controls (NotifySim.astro) and techniques: one home for the values it offers. */

export const TECHNIQUES = ["short-polling", "long-polling", "sse", "websocket"] as const;
export type Technique = (typeof TECHNIQUES)[number];

export const TECHNIQUE_NAMES: Record<Technique, string> = {
  "short-polling": "Short polling",
  "long-polling": "Long polling",
  sse: "Server-sent events",
  websocket: "WebSocket",
};

/** Short-poll intervals, one-way delays (ms) and event rates (per minute) the controls offer. */
export const INTERVALS: readonly string[] = ["500", "1000", "2000", "5000", "10000"];
export const DELAYS: readonly string[] = ["10", "50", "100", "250"];
export const RATES: readonly string[] = ["5", "10", "20", "40", "60"];
/** Seeds the class edition recorded (1..CLASS_SEEDS); the live edition offers 1..9999. */
export const CLASS_SEEDS = 5;

/** What the learner chose. */
export interface NotifyControls {
  readonly pollIntervalMs: number;
  readonly oneWayMs: number;
  readonly eventsPerMinute: number;
  readonly seed: number;
}

/** One recorded file per interval, delay and rate (about 10 kB a run). */
export const notifyFile = (c: NotifyControls): string => `${c.pollIntervalMs}-${c.oneWayMs}-${c.eventsPerMinute}`;

export const notifyKey = (c: NotifyControls): string => String(c.seed);
