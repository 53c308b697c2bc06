/**
 * The packet ladder's own controls (PacketLadderSim.astro; protocol, TLS and
 * DNS come from page-load-controls.ts). A recorded run holds every packet
 * (tens of kilobytes), so the class edition records one round-trip time and
 * one bandwidth, two loss rates and two seeds; and, with the defaults
 * (either protocol), one run per packet a learner may drop: the handshakes,
 * the requests and the DATA segments course/capstone/packets.mdx names.
 */
import type { Choice, PageLoadControls } from "./page-load-controls.ts";

export const LADDER_RTTS: readonly Choice[] = [
  ["20", "20 ms", false],
  ["50", "50 ms", true],
  ["100", "100 ms", false],
];
export const LADDER_BANDWIDTHS: readonly Choice[] = [
  ["5", "5 Mb/s", false],
  ["20", "20 Mb/s", true],
  ["100", "100 Mb/s", false],
];
export const LADDER_LOSSES: readonly Choice[] = [
  ["0", "0%", true],
  ["0.02", "2%", false],
  ["0.05", "5%", true],
];
export const LADDER_CLASS_SEEDS = 2;
/** The ladder does not vary the resolver's distance. */
export const LADDER_RESOLVER_RTT_MS = 10;

export type LadderControls = Omit<PageLoadControls, "resolverRttMs" | "httpCache">;
/** A run as recorded: its controls and the packets dropped on their first transmission. */
export type LadderRunControls = LadderControls & { readonly drop: readonly string[] };

/** The page's defaults, under which the class edition lets a learner drop a packet (either protocol). */
export const LADDER_DEFAULTS: Omit<LadderControls, "protocol"> = { tls: "full", dns: "none", serverRttMs: 50, bandwidthMbps: 20, loss: 0, seed: 1 };
export const atDefaults = (c: LadderControls): boolean => Object.entries(LADDER_DEFAULTS).every(([name, value]) => c[name as keyof LadderControls] === value);

/** One recorded file per run; without loss the seed changes nothing. */
export const ladderFile = (c: LadderRunControls): string =>
  `${c.protocol}-${c.tls}-${c.dns}-${c.serverRttMs}-${c.bandwidthMbps}-${c.loss}-${c.loss === 0 ? 1 : c.seed}` +
  c.drop.map((key) => `-drop-${key.replace(/[^A-Za-z0-9]+/g, "-")}`).join("");
export const ladderKey = (): string => "run";
