/**
 * The route lookup simulation's data, controls and result types
 * (RouteLookup.astro): what both its live model (routing.ts) and its
 * recording (routing.recorded.ts) need, and no routing.
 */
import { parseIpv4Address } from "#runtime/wire/address.ts";
import type { DropReason } from "#runtime/trace/events.ts";

/** The edge router's table, as the learner sees it. */
export const EDGE_ROUTES: ReadonlyArray<{ readonly cidr: string; readonly via: string }> = [
  { cidr: "0.0.0.0/0", via: "isp" },
  { cidr: "10.0.0.0/8", via: "core" },
  { cidr: "10.1.0.0/16", via: "client" },
  { cidr: "10.20.0.0/16", via: "campus" },
  { cidr: "10.20.30.0/24", via: "lab" },
];

/** Destinations worth trying, with what each shows. */
export const SAMPLE_DESTINATIONS: ReadonlyArray<{ readonly address: string; readonly label: string }> = [
  { address: "10.20.30.40", label: "lab host: /24 beats /16, /8 and /0" },
  { address: "10.20.5.5", label: "campus host: /16 is the longest match" },
  { address: "10.99.0.1", label: "corporate host: only /8 and /0 match" },
  { address: "203.0.113.10", label: "web server: only the default route matches" },
  { address: "10.20.30.99", label: "no such host on the lab network" },
  { address: "10.50.0.1", label: "inside 10/8 but unknown to core: a loop" },
  { address: "192.0.2.1", label: "beyond the ISP's table" },
];

/** One route checked against a destination. */
export interface RouteCheck {
  readonly cidr: string;
  readonly prefixLength: number;
  readonly via: string;
  /** The destination's first `prefixLength` bits equal the route's. */
  readonly matches: boolean;
  /** How many leading bits the destination shares with the route's network. */
  readonly commonBits: number;
  readonly chosen: boolean;
}

/** One hop of a forwarded packet. */
export interface Hop {
  readonly from: string;
  readonly to: string;
  /** TTL in the packet as it entered this link. */
  readonly ttl: number;
  /** Virtual time it entered the link, in ms. */
  readonly timeMs: number;
  /** The route the sending node used, e.g. "10.20.0.0/16". */
  readonly route: string;
}

export interface Forwarding {
  readonly hops: readonly Hop[];
  readonly outcome:
    | { readonly kind: "delivered"; readonly node: string; readonly timeMs: number }
    | { readonly kind: "dropped"; readonly where: string; readonly reason: DropReason; readonly timeMs: number };
}

/** What the simulation shows for one destination and TTL. */
export interface RouteLookupResult {
  /** The edge router's routes checked against the destination, most specific first. */
  readonly checks: readonly RouteCheck[];
  /** The next hop the edge router's longest-prefix match chose. */
  readonly chosen: string | undefined;
  readonly forwarding: Forwarding;
}

/** What the learner chose: a destination address (32-bit number) and the initial TTL. */
export interface RoutingControls {
  readonly destination: number;
  readonly ttl: number;
}

/**
 * The TTLs the class edition recorded (it replays runs: every TTL from 1 to 255
 * for every destination would be megabytes, the loop's most of all); the live
 * edition takes any TTL from 1 to 255.
 */
export const CLASS_TTLS: readonly number[] = [1, 2, 3, 4, 5, 8, 16, 32, 64, 128, 255];

/** One recorded file per destination, keyed by TTL. */
export const routingFile = (c: RoutingControls): string => c.destination.toString(16).padStart(8, "0");
export const routingKey = (c: RoutingControls): string => String(c.ttl);

/** An address as 32 bits in four dotted groups. */
export function toBinary(address: number): string {
  return [24, 16, 8, 0].map((shift) => ((address >>> shift) & 0xff).toString(2).padStart(8, "0")).join(".");
}

/** Parses a dotted address, or returns the error message to show. */
export function readAddress(text: string): number | string {
  try {
    return parseIpv4Address(text.trim());
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
