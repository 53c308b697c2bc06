/**
 * The resolution simulation's controls and what a run shows (ResolverSim.astro,
 * resolver.client.ts): one home for the values it offers, shared by the live
 * model (resolve.ts) and the class edition's recorded runs (resolver.recorded.ts).
 */
import type { DnsMessage } from "#runtime/wire/dns.ts";
import { TYPE } from "#runtime/wire/dns-names.ts";

export const LANES = ["stub", "resolver", "root", "tld", "auth"] as const;
export type Lane = (typeof LANES)[number];
export const LANE_TITLES: Record<Lane, string> = {
  stub: "stub (your laptop)",
  resolver: "recursive resolver",
  root: "root server",
  tld: ".com server",
  auth: "example.com server",
};

/** The names the learner can look up. */
export const LOOKUPS = [
  { id: "www-a", name: "www.example.com", type: TYPE.A, label: "www.example.com A" },
  { id: "www-aaaa", name: "www.example.com", type: TYPE.AAAA, label: "www.example.com AAAA" },
  { id: "mx", name: "example.com", type: TYPE.MX, label: "example.com MX" },
  { id: "shop", name: "shop.example.com", type: TYPE.A, label: "shop.example.com A (CNAME chain)" },
  { id: "pool", name: "pool.example.com", type: TYPE.A, label: "pool.example.com A (36 addresses, > 512 bytes)" },
  { id: "nosuch", name: "nosuch.example.com", type: TYPE.A, label: "nosuch.example.com A (does not exist)" },
] as const;
export type LookupId = (typeof LOOKUPS)[number]["id"];

export interface DnsSimConfig {
  /** One-way delays, ms: stub to resolver, resolver to each server. */
  readonly stubMs: number;
  readonly rootMs: number;
  readonly tldMs: number;
  readonly authMs: number;
  /** Stub and resolver add an OPT record offering 1232-byte UDP answers. */
  readonly edns: boolean;
  readonly seed: number;
}

export const DEFAULT_CONFIG: DnsSimConfig = { stubMs: 5, rootMs: 20, tldMs: 30, authMs: 40, edns: false, seed: 1 };

export type SessionAction = { readonly kind: "resolve"; readonly lookup: LookupId } | { readonly kind: "advance"; readonly seconds: number };

/** One packet of the run, as the diagram and the step list show it. */
export interface Step {
  readonly from: Lane;
  readonly to: Lane;
  readonly transport: "UDP" | "TCP";
  /** Short text for the arrow. */
  readonly label: string;
  readonly sentMs: number;
  arrivedMs: number | null;
  /** The DNS message it carried (none for bare TCP segments). */
  readonly message: DnsMessage | null;
  /** DNS message size in bytes (without the TCP length prefix). */
  readonly dnsBytes: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

export interface Lookup {
  readonly id: LookupId;
  readonly name: string;
  readonly type: number;
  readonly startMs: number;
  endMs: number;
  readonly steps: Step[];
  /** The final response the stub got. */
  response: DnsMessage | null;
  /** Queries the resolver sent to name servers for this lookup. */
  upstreamQueries: number;
  /** True when some exchange fell back to TCP. */
  usedTcp: boolean;
}

export type CacheOrigin = "answer" | "referral" | "glue" | "negative";

export interface CacheRow {
  readonly name: string;
  readonly type: string;
  readonly data: string;
  /** Seconds left; 0 when expired (still shown, no longer used). */
  readonly ttlLeft: number;
  readonly ttl: number;
  readonly origin: CacheOrigin;
}


/** The delay sliders: name, label, the live default, and the one other value the class edition recorded. */
export const DELAYS = [
  ["stubMs", "Stub ↔ resolver", DEFAULT_CONFIG.stubMs, 105],
  ["rootMs", "Resolver ↔ root", DEFAULT_CONFIG.rootMs, 120],
  ["tldMs", "Resolver ↔ .com", DEFAULT_CONFIG.tldMs, 130],
  ["authMs", "Resolver ↔ example.com", DEFAULT_CONFIG.authMs, 140],
] as const;
/** The clock buttons, seconds. */
export const ADVANCES = [60, 600, 3600, 90_000] as const;
/**
 * Actions a recorded session holds in the class edition: each one more
 * multiplies the recordings by ten (six lookups, four clock steps). With the
 * default delays a lookup, a clock step and another lookup (the caching
 * exercises); with any other delays one lookup (the latency exercises).
 */
export const CLASS_SESSION_ACTIONS = { defaultDelays: 3, otherDelays: 1 } as const;
export const classSessionActions = (c: DnsSimConfig): number =>
  DELAYS.every(([name, , value]) => c[name] === value) ? CLASS_SESSION_ACTIONS.defaultDelays : CLASS_SESSION_ACTIONS.otherDelays;

/** What a run shows: the last lookup in full, the earlier ones as one history line each, the cache, the clock and the capture. */
export interface SessionView {
  readonly lookups: readonly Lookup[];
  readonly cache: readonly CacheRow[];
  readonly clockMs: number;
  /** The whole run as a pcapng file, base64. */
  readonly pcapng: string;
}

const actionKey = (a: SessionAction): string => (a.kind === "resolve" ? `r:${a.lookup}` : `a:${a.seconds}`);

/** One recorded file per setting of the controls and first two actions (a file of every session that starts so stays under 200 kB). */
export const resolverFile = (c: DnsSimConfig, actions: readonly SessionAction[]): string =>
  [c.edns ? "edns" : "classic", c.stubMs, c.rootMs, c.tldMs, c.authMs, c.seed, ...actions.slice(0, 2).map(actionKey)].join("-").replace(/:/g, "_");

/** The actions after the first two. */
export const resolverKey = (actions: readonly SessionAction[]): string => actions.slice(2).map(actionKey).join(",") || "-";
