/**
 * The capstone's page-load controls (PageLoadSim.astro, PacketLadderSim.astro):
 * one home for the values they offer. The class edition replays recorded
 * runs (page-load.recorded.ts), so it offers the values marked `recorded`
 * only: the whole space is over ten thousand runs of a tenth of a second.
 * The chapter's "things to try" (course/capstone/index.mdx) stay possible:
 * 20 and 100 Mb/s, 200 ms to the server, 2% loss over a few seeds.
 */
import type { DnsCache, HttpCache, Protocol, TlsMode } from "./model.ts";

/** A control's choice: its value, its text, and whether the class edition recorded it. */
export type Choice<T extends string = string> = readonly [value: T, text: string, recorded: boolean];

export const SERVER_RTTS: readonly Choice[] = [
  ["10", "10 ms (CDN nearby)", false],
  ["20", "20 ms", true],
  ["50", "50 ms", true],
  ["100", "100 ms", false],
  ["200", "200 ms (other continent)", true],
  ["300", "300 ms", false],
];
export const RESOLVER_RTTS: readonly Choice[] = [
  ["2", "2 ms", false],
  ["10", "10 ms", true],
  ["30", "30 ms", false],
  ["60", "60 ms", true],
];
export const BANDWIDTHS: readonly Choice[] = [
  ["1", "1 Mb/s", false],
  ["5", "5 Mb/s", false],
  ["20", "20 Mb/s", true],
  ["100", "100 Mb/s", true],
];
export const LOSSES: readonly Choice[] = [
  ["0", "0%", true],
  ["0.01", "1%", false],
  ["0.02", "2%", true],
  ["0.05", "5%", false],
];
export const PROTOCOLS: readonly Choice<Protocol>[] = [
  ["h2", "HTTP/2 over TLS 1.3 + TCP", true],
  ["h3", "HTTP/3 over QUIC", true],
];
export const DNS_CACHES: readonly Choice<DnsCache>[] = [
  ["none", "nowhere (cold)", true],
  ["resolver", "at the resolver", true],
  ["browser", "in the browser", true],
];
export const TLS_MODES: readonly Choice<TlsMode>[] = [
  ["full", "first visit: full handshake", true],
  ["resumed", "resumed (PSK)", true],
  ["zero-rtt", "resumed + 0-RTT request", true],
];
export const HTTP_CACHES: readonly Choice<HttpCache>[] = [
  ["empty", "empty", true],
  ["fresh", "CSS, JS, images fresh", true],
];
/** Loss seeds the class edition recorded (1..CLASS_SEEDS). */
export const CLASS_SEEDS = 3;

/** The choices an edition offers. */
export const offered = <T extends string>(choices: readonly Choice<T>[], recordedOnly: boolean): readonly Choice<T>[] =>
  recordedOnly ? choices.filter(([, , recorded]) => recorded) : choices;

/** Every value the class edition recorded, as numbers or strings. */
export const recordedValues = <T extends string>(choices: readonly Choice<T>[]): T[] => offered(choices, true).map(([value]) => value);

export interface PageLoadControls {
  readonly serverRttMs: number;
  readonly resolverRttMs: number;
  readonly bandwidthMbps: number;
  readonly loss: number;
  readonly protocol: Protocol;
  readonly dns: DnsCache;
  readonly tls: TlsMode;
  readonly httpCache: HttpCache;
  readonly seed: number;
}

/** One recorded file per protocol, caches and TLS mode (tens of kilobytes). */
export const pageLoadFile = (c: PageLoadControls): string => `${c.protocol}-${c.dns}-${c.tls}-${c.httpCache}`;
/** The resolver is not asked when the browser has the name; without loss the seed changes nothing. */
export const pageLoadKey = (c: PageLoadControls): string =>
  `${c.serverRttMs}-${c.dns === "browser" ? 0 : c.resolverRttMs}-${c.bandwidthMbps}-${c.loss}-${c.loss === 0 ? 1 : c.seed}`;
