/** The handshake simulation's controls (HandshakeSim.astro): one home for the values it offers. */

/** The first transmissions a learner may drop, in the order they are sent. */
export const DROPPABLE_SEGMENTS = [
  "SYN",
  "SYN-ACK",
  "ACK (handshake)",
  "request",
  "response",
  "FIN (client)",
  "ACK of client FIN",
  "FIN (server)",
  "last ACK",
] as const;
export type DroppableSegment = (typeof DROPPABLE_SEGMENTS)[number];

export const LOSS_RATES: readonly (readonly [string, string])[] = [
  ["0", "0%"],
  ["0.1", "10%"],
  ["0.2", "20%"],
  ["0.3", "30%"],
];

/** The one-way delay slider, ms: every 5 ms live; the class edition recorded every 50 ms. */
export const DELAY = { min: 5, max: 300, step: 5, value: 50 } as const;
export const CLASS_DELAY = { min: 50, max: 300, step: 50, value: 50 } as const;
/** Seeds the class edition recorded (1..CLASS_SEEDS). */
export const CLASS_SEEDS = 5;

/** What the connection carries: the client's request and the server's response (bytes). "Use my code" sends the same. */
export const REQUEST_BYTES = 80;
export const RESPONSE_BYTES = 600;
/** RFC 6298 §2 (rule 2.1): the initial retransmission timeout, 1 s. */
export const INITIAL_RTO_MS = 1000;
/** The Maximum Segment Lifetime: 2 minutes (RFC 9293 §4, glossary), so TIME-WAIT lasts 4 minutes. */
export const MSL_MS = 120_000;

/** What the learner chose; `drop` is "none" or one segment. */
export interface HandshakeControls {
  readonly oneWayMs: number;
  readonly drop: DroppableSegment | "none";
  readonly lossRate: number;
  readonly seed: number;
}

/** One recorded file per delay and dropped segment. */
export const handshakeFile = (c: HandshakeControls): string => `${c.oneWayMs}-${c.drop.replace(/[^a-zA-Z]+/g, "_")}`;

/** A loss-free link ignores the seed. */
export const handshakeKey = (c: HandshakeControls): string => `${c.lossRate}/${c.lossRate === 0 ? 1 : c.seed}`;
