/**
 * The capstone's page load on the labs the learner has completed (issue 17):
 * for each of the dns, tcp, hpack and congestion labs, the harness scenario
 * that measures that lab's phase of the page load under the capstone's
 * controls, what the learner's run measured, and the page load with those
 * phases put in place of the built-in model's.
 *
 * No model runs here: the built-in result (live, or recorded in the class
 * edition) is taken as it is and edited. A phase before the request (the DNS
 * lookup, the TCP handshake, the first request's bytes) gets the learner's
 * length and everything after it moves by the difference; the download gets
 * the times at which the learner's congestion controller delivered the
 * page's bytes. So the same code works in both editions, and the model and
 * its recordings are untouched. DOM-free, for the unit tests.
 */
import type { BulkInput, BulkResult } from "#labs/congestion/scenarios.ts";
import type { ResolveInput, ResolveResult } from "#labs/dns/scenarios.ts";
import type { EncodeInput, EncodeStep } from "#labs/hpack/scenarios.ts";
import type { ConfigSpec, PairInput, PairResult } from "#labs/tcp/scenarios.ts";
import { fromHex } from "#runtime/core/hex.ts";
import { Random } from "#runtime/core/random.ts";
import { TYPE } from "#runtime/wire/dns-names.ts";
import { parseTcp } from "#runtime/wire/tcp.ts";
import type { PageLoadResult, Phase, PhaseKey, ResourceTiming } from "#site/simulations/capstone/model.ts";
import type { PageLoadControls } from "#site/simulations/capstone/page-load-controls.ts";
import { HTML_BYTES, PACKET, RENDER_MS, RESPONSE_HEADER_BYTES, responseBytes, SMSS, SUBRESOURCES, UPSTREAM_RTT_MS } from "#site/simulations/capstone/sizes.ts";
import { formatMs } from "#site/simulations/capstone/wiring.ts";
import type { LabProgress } from "#site/progress/store.ts";
import { chapterServers, COM_ADDRESS, EXAMPLE_ADDRESS, ROOT_ADDRESS } from "./dns-driver.ts";

/** The labs whose code can stand in for a phase of the page load, in the order the phases happen. */
export const PAGE_LOAD_LABS = ["dns", "tcp", "hpack", "congestion"] as const;
export type PageLoadLab = (typeof PAGE_LOAD_LABS)[number];

/** What each lab's code measures, as the legend says it. */
export const PHASE_OF: Record<PageLoadLab, string> = {
  dns: "DNS lookup",
  tcp: "TCP handshake",
  hpack: "request header blocks",
  congestion: "download of the files",
};

/** How the page decides a lab is completed (said in the legend). */
export const COMPLETED_RULE = "full marks on Grade, or every public test passing on the last Test";

/** A lab counts as completed with full marks on Grade, or when its last Test passed every public test (the class edition has no hidden tests to grade). */
export function isCompleted(lab: LabProgress | undefined): boolean {
  const best = lab?.bestGrade;
  if (best !== undefined && best.maxScore > 0 && best.score >= best.maxScore) return true;
  const last = lab?.lastTest;
  return last !== undefined && last.total > 0 && last.passed === last.total;
}

/** A harness run to make, or why the lab's code has no part in this page load. */
export type Plan = { readonly scenario: string; readonly input: unknown } | { readonly skip: string };

// ---------------------------------------------------------------------------
// DNS: the learner's Resolver as the page's recursive resolver.

const WWW = "www.example.com";
/** When the resolver-cached case asks the second time: well within www's 300 s TTL. */
const SECOND_LOOKUP_MS = 1000;
/** The capstone's upstream round trips (sizes.ts), by the address of the dns-driver server that plays each. */
const UPSTREAM_BY_ADDRESS: Record<string, { readonly name: string; readonly rttMs: number }> = {
  [ROOT_ADDRESS]: { name: "root", rttMs: UPSTREAM_RTT_MS.root },
  [COM_ADDRESS]: { name: ".com", rttMs: UPSTREAM_RTT_MS.tld },
  [EXAMPLE_ADDRESS]: { name: "example.com", rttMs: UPSTREAM_RTT_MS.authoritative },
};

export function dnsPlan(c: PageLoadControls): Plan {
  if (c.dns === "browser") return { skip: "the browser's own cache holds the answer, so no resolver is asked" };
  // "Cached at the resolver": the learner's Resolver looks the name up once, then again a second later; the second lookup is the page's.
  const lookups = [{ name: WWW, type: TYPE.A, atMs: 0 }, ...(c.dns === "resolver" ? [{ name: WWW, type: TYPE.A, atMs: SECOND_LOOKUP_MS }] : [])];
  const input: ResolveInput = { roots: [ROOT_ADDRESS], servers: chapterServers(false), lookups, seed: c.seed };
  return { scenario: "resolve", input };
}

/** A phase measured by the learner's run: its new `length`, or the `change` of its length, ms. */
export interface Measured {
  readonly key: PhaseKey;
  readonly length?: number;
  readonly change?: number;
  /** Packets the learner's run lost in the phase, when it replaces the built-in phase's packets (the row's "N lost"). */
  readonly lost?: number;
  /** What the learner's run did, in words (escaped HTML). */
  readonly note: string;
}

/** The learner's upstream queries for the page's lookup, timed at the capstone's round trips; a TCP query costs one more round trip for its handshake (RFC 7766 §5, RFC 9293 §3.5). */
export function dnsMeasure(result: ResolveResult, c: PageLoadControls): Measured | { readonly failed: string } {
  const index = c.dns === "resolver" ? 1 : 0;
  const lookup = result.lookups[index];
  if (lookup === undefined || lookup.doneMs === null || lookup.rcode !== 0 || !lookup.records.some((r) => r.type === TYPE.A)) {
    return { failed: `your Resolver gave no A record for ${WWW}${result.faults.length > 0 ? ` (${result.faults[0]})` : ""}` };
  }
  let upstream = 0;
  const asked: string[] = [];
  for (const query of result.queries.filter((q) => q.lookup === index)) {
    const server = UPSTREAM_BY_ADDRESS[query.to];
    if (server === undefined) continue;
    upstream += server.rttMs * (query.tcp ? 2 : 1);
    asked.push(`${server.name}${query.tcp ? " over TCP" : ""}`);
  }
  const builtIn = c.dns === "none" ? UPSTREAM_RTT_MS.root + UPSTREAM_RTT_MS.tld + UPSTREAM_RTT_MS.authoritative : 0;
  const queries = asked.length === 0 ? "no upstream query (answered from its cache)" : `${asked.length} upstream quer${asked.length === 1 ? "y" : "ies"} (${asked.join(", ")})`;
  return {
    key: "dns",
    change: upstream - builtIn,
    note: `your Resolver${c.dns === "resolver" ? ", asked a second time," : ""} sent ${queries}: ${formatMs(upstream)} upstream at the chapter's ${UPSTREAM_RTT_MS.root}, ${UPSTREAM_RTT_MS.tld} and ${UPSTREAM_RTT_MS.authoritative} ms round trips (the built-in resolver: ${formatMs(builtIn)})`,
  };
}

// ---------------------------------------------------------------------------
// TCP: the learner's Connection as the browser and the web server.

/** The capstone's client port and HTTPS (sizes.ts, model.ts); RFC 6298 §2's 1 s initial RTO, as the model's handshake retry timer. */
const TCP_CLIENT: ConfigSpec = { localAddress: "192.168.1.20", localPort: 50123, remoteAddress: "93.184.215.14", remotePort: 443, iss: 1_000_000, window: 65535, mss: SMSS, rtoMs: 1000, mslMs: 1000 };
const TCP_SERVER: ConfigSpec = { localAddress: "93.184.215.14", localPort: 443, remoteAddress: "192.168.1.20", remotePort: 50123, iss: 2_000_000, window: 65535, mss: SMSS, rtoMs: 1000, mslMs: 1000 };
const TCP_RUN_MS = 30_000;

export function tcpPlan(c: PageLoadControls): Plan {
  if (c.protocol === "h3") return { skip: "HTTP/3 runs over QUIC, with no TCP handshake (RFC 9000)" };
  const input: PairInput = {
    seed: c.seed,
    link: { loss: c.loss, delayMs: c.serverRttMs / 2 },
    client: TCP_CLIENT,
    server: TCP_SERVER,
    clientData: "47455420",
    serverData: "485454502f",
    untilMs: TCP_RUN_MS,
  };
  return { scenario: "pair", input };
}

/** From the learner's SYN to the first SYN-ACK that reached their client, which then acknowledged it (RFC 9293 §3.5). */
export function tcpMeasure(result: PairResult, c: PageLoadControls): Measured | { readonly failed: string } {
  const flags = (hex: string) => {
    try {
      return parseTcp(fromHex(hex), 0, 0, { verifyChecksum: false }).repr.flags;
    } catch {
      return undefined;
    }
  };
  const syn = result.ladder.find((s) => s.from === "client" && flags(s.hex)?.syn === true);
  const synAck = result.ladder.find((s) => s.from === "server" && !s.lost && s.arrivedMs !== null && flags(s.hex)?.syn === true && flags(s.hex)?.ack === true);
  if (syn === undefined) return { failed: "your client sent no SYN" };
  if (synAck === undefined || synAck.arrivedMs === null) return { failed: `no SYN-ACK from your server reached your client within ${TCP_RUN_MS / 1000} s` };
  const at = synAck.arrivedMs;
  const acked = result.ladder.some((s) => s.from === "client" && s.atMs >= at && flags(s.hex)?.ack === true && flags(s.hex)?.syn !== true);
  if (!acked) return { failed: "your client did not acknowledge the SYN-ACK" };
  const segments = result.ladder.filter((s) => s.atMs < at).length;
  const lost = result.ladder.filter((s) => s.atMs < at && s.lost).length;
  return {
    key: "tcp",
    length: at - syn.atMs,
    lost,
    note: `your Connection was ESTABLISHED after ${formatMs(at - syn.atMs)}: ${segments} segment${segments === 1 ? "" : "s"} sent before the SYN-ACK arrived${lost > 0 ? `, ${lost} lost` : ""}, over ${formatMs(c.serverRttMs)} round trips${c.loss > 0 ? ` and ${(c.loss * 100).toFixed(0)}% loss (its own random draws)` : ""}`,
  };
}

// ---------------------------------------------------------------------------
// HPACK: the learner's Encoder compresses the page's requests.

const BROWSER_HEADERS = ["user-agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "accept-encoding: gzip, deflate, br", "accept-language: en-GB,en;q=0.8"];
const ACCEPT: Record<string, string> = { html: "text/html,application/xhtml+xml", css: "text/css,*/*;q=0.1", js: "*/*", image: "image/avif,image/webp,*/*" };

/** The page's requests as header lists (RFC 9113 §8.3.1 pseudo-fields first): the HTML, then the files not fresh in the HTTP cache. */
export function pageRequests(c: PageLoadControls): { name: string; value: string }[][] {
  const request = (path: string, kind: string, referer: boolean) =>
    [":method: GET", ":scheme: https", `:authority: ${WWW}`, `:path: ${path}`, `accept: ${ACCEPT[kind]}`, ...BROWSER_HEADERS, ...(referer ? [`referer: https://${WWW}/`] : [])].map((line) => {
      const colon = line.indexOf(":", 1);
      return { name: line.slice(0, colon), value: line.slice(colon + 2) };
    });
  const files = c.httpCache === "fresh" ? [] : SUBRESOURCES.map((r) => request(`/${r.name}`, r.kind, true));
  return [request("/", "html", false), ...files];
}

/** HPACK bytes the built-in model counts in its request packets (sizes.ts): about 250 in the first; a later one's 110 bytes less IP and TCP (40), the TLS record's header, type and tag (5 + 1 + 16, RFC 8446 §5.2) and the frame header (9, RFC 9113 §4.1). */
export const BUILT_IN_FIRST_BLOCK = 250;
export const BUILT_IN_LATER_BLOCK = PACKET.laterRequestH2 - 40 - 22 - 9;

export function hpackPlan(c: PageLoadControls): Plan {
  if (c.protocol === "h3") return { skip: "HTTP/3 compresses headers with QPACK (RFC 9204), not HPACK" };
  // Browsers Huffman-code their strings; 4,096 bytes is HTTP/2's default table size (RFC 9113 §6.5.2).
  const input: EncodeInput = { maxTableSize: 4096, blocks: pageRequests(c).map((headers) => ({ headers, huffman: true })) };
  return { scenario: "encode", input };
}

/** The first request's block is on the way to the first byte: it moves everything after it by its extra serialisation time on the access link. */
export function hpackMeasure(steps: readonly EncodeStep[], c: PageLoadControls): Measured | { readonly failed: string } {
  const sizes: number[] = [];
  for (const [i, step] of steps.entries()) {
    if (!("hex" in step)) return { failed: `your Encoder threw on request ${i + 1}: ${step.error}` };
    sizes.push(step.hex.length / 2);
  }
  if (sizes.length === 0) return { failed: "your Encoder returned no block" };
  const [first, ...later] = sizes as [number, ...number[]];
  const builtIn = BUILT_IN_FIRST_BLOCK + later.length * BUILT_IN_LATER_BLOCK;
  const yours = sizes.reduce((a, b) => a + b, 0);
  const ms = ((first - BUILT_IN_FIRST_BLOCK) * 8) / (c.bandwidthMbps * 1000);
  return {
    key: "request",
    change: ms,
    note:
      `your Encoder wrote ${first} bytes for GET /` +
      (later.length > 0 ? ` and ${later.join(", ")} for the ${later.length} later requests` : "") +
      `: ${yours} bytes in all against the built-in model's ${builtIn}; at ${c.bandwidthMbps} Mb/s the first block's difference is ${Math.abs(ms).toFixed(2)} ms of sending time (the later requests overlap the downloads)`,
  };
}

// ---------------------------------------------------------------------------
// Congestion control: the learner's controller sends the page's bytes.

/** The model's drop-tail queue at the access link (model.ts). */
const QUEUE_BYTES = 256_000;
const BULK_RUN_MS = 600_000;

/** The responses in the order the built-in server sends them: the HTML, then by RFC 9218 urgency, in document order among equals. */
function responseOrder(c: PageLoadControls): { index: number; bytes: number }[] {
  const files = c.httpCache === "fresh" ? [] : SUBRESOURCES.map((r, i) => ({ index: i + 1, urgency: r.urgency, bytes: responseBytes(r.bytes) }));
  files.sort((a, b) => a.urgency - b.urgency || a.index - b.index);
  return [{ index: 0, bytes: responseBytes(HTML_BYTES) }, ...files.map(({ index, bytes }) => ({ index, bytes }))];
}

/** Segments whose first transmission the access link loses, each with probability `loss` (the model's Bernoulli loss, other draws). */
export function bulkLoss(loss: number, seed: number, totalBytes: number): number[] {
  if (loss <= 0) return [];
  const random = new Random(seed).fork("capstone:your-labs:loss");
  const offsets: number[] = [];
  for (let k = 0; k * SMSS < totalBytes; k++) if (random.chance(loss)) offsets.push(k * SMSS);
  return offsets;
}

export function congestionPlan(c: PageLoadControls): Plan {
  const totalBytes = responseOrder(c).reduce((sum, r) => sum + r.bytes, 0);
  const drop = bulkLoss(c.loss, c.seed, totalBytes);
  const input: BulkInput = {
    seed: c.seed,
    smss: SMSS,
    totalBytes,
    rate: c.bandwidthMbps * 1e6,
    delayMs: c.serverRttMs / 2,
    queueBytes: QUEUE_BYTES,
    untilMs: BULK_RUN_MS,
    ...(drop.length > 0 ? { drop } : {}),
    calls: true,
    summary: true,
  };
  return { scenario: "bulk", input };
}

/** When the browser could read the first `bytes` of the connection, ms after the first segment arrived: the learner's ACK for them, less the one-way delay back. */
export interface Delivery {
  readonly readableAfter: (bytes: number) => number;
  /** First transmissions lost in the HTML's bytes, and in the rest (with the packets the full queue dropped). */
  readonly lost: { readonly html: number; readonly rest: number };
  readonly note: string;
}

export function congestionMeasure(result: BulkResult, c: PageLoadControls): Delivery | { readonly failed: string } {
  const total = responseOrder(c).reduce((sum, r) => sum + r.bytes, 0);
  if (result.finishedAtMs === null) return { failed: `your controller had not delivered the page's ${(total / 1000).toFixed(0)} kB after ${BULK_RUN_MS / 1000} s` };
  const acks: { t: number; ack: number }[] = [];
  for (const call of result.calls ?? []) if (call.event.kind === "newAck") acks.push({ t: call.t, ack: call.event.info.ack });
  if (acks.length === 0 || result.callsTruncated === true) return { failed: "the harness recorded no usable ACKs of your run" };
  const oneWay = c.serverRttMs / 2;
  const first = acks[0]!.t - oneWay;
  const readableAfter = (bytes: number) => {
    const ack = acks.find((a) => a.ack >= bytes) ?? acks.at(-1)!;
    return Math.max(0, ack.t - oneWay - first);
  };
  const htmlEnd = responseBytes(HTML_BYTES);
  const dropped = bulkLoss(c.loss, c.seed, total);
  const lostHtml = dropped.filter((offset) => offset < htmlEnd).length;
  const lost = { html: lostHtml, rest: dropped.length - lostHtml + result.counts.queueDrops };
  const initial = typeof result.initial.cwnd === "number" ? result.initial.cwnd / SMSS : NaN;
  return {
    readableAfter,
    lost,
    note:
      `your controller delivered the page's ${(total / 1000).toFixed(0)} kB in ${formatMs(result.finishedAtMs)} as one transfer (initial window ${Number.isFinite(initial) ? `${Math.round(initial * 10) / 10} segment${initial === 1 ? "" : "s"}` : "not a number"}; the built-in model's is 10, RFC 6928)` +
      `: ${result.counts.fastRetransmits} fast retransmits, ${result.counts.timeouts} timeouts`,
  };
}

// ---------------------------------------------------------------------------
// Putting the learner's phases into the built-in page load.

/** Every time at or after `at` moves by `delta` ms. */
export function shiftAfter(result: PageLoadResult, at: number, delta: number): PageLoadResult {
  if (delta === 0) return result;
  const move = (t: number) => (t >= at ? t + delta : t);
  return {
    ...result,
    phases: result.phases.map((p) => ({ ...p, startMs: move(p.startMs), endMs: move(p.endMs) })),
    resources: result.resources.map((r) => ({ ...r, discoveredMs: r.discoveredMs === 0 ? 0 : move(r.discoveredMs), requestMs: r.requestMs === null ? null : move(r.requestMs), firstByteMs: move(r.firstByteMs), doneMs: move(r.doneMs) })),
    firstPaintMs: move(result.firstPaintMs),
    loadMs: move(result.loadMs),
  };
}

/** Gives phase `key` the length `length`, moving everything after it. */
export function withPhaseLength(result: PageLoadResult, key: PhaseKey, length: number): PageLoadResult {
  const phase = result.phases.find((p) => p.key === key);
  if (phase === undefined) return result;
  return shiftAfter(result, phase.endMs, length - (phase.endMs - phase.startMs));
}

/**
 * The files' times from the learner's delivery: the connection carries the
 * responses back to back (responseOrder) from the HTML's first byte on; the
 * browser finds each file when the HTML up to its tag has arrived and asks
 * for it then, and no response arrives before its request could reach the
 * server and come back.
 */
export function withDelivery(result: PageLoadResult, delivery: Delivery, c: PageLoadControls): PageLoadResult {
  const html = result.resources[0]!;
  const start = html.firstByteMs;
  const at = (bytes: number) => start + delivery.readableAfter(bytes);
  const order = responseOrder(c);
  const ends = new Map<number, { from: number; to: number }>();
  let offset = 0;
  for (const r of order) {
    ends.set(r.index, { from: offset, to: offset + r.bytes });
    offset += r.bytes;
  }
  const htmlEnd = ends.get(0)!.to;
  const resources: ResourceTiming[] = result.resources.map((r, i) => {
    if (i === 0) return { ...r, doneMs: at(htmlEnd) };
    const found = at(Math.min(RESPONSE_HEADER_BYTES + SUBRESOURCES[i - 1]!.discoveredAt, htmlEnd));
    if (r.fromCache) return { ...r, discoveredMs: found, firstByteMs: found, doneMs: found };
    const span = ends.get(i)!;
    const earliest = found + c.serverRttMs;
    return { ...r, discoveredMs: found, requestMs: found, firstByteMs: Math.max(earliest, at(span.from + RESPONSE_HEADER_BYTES)), doneMs: Math.max(earliest, at(span.to)) };
  });
  const subs = resources.slice(1).filter((r) => !r.fromCache);
  const phases: Phase[] = result.phases.map((p) => {
    if (p.key === "html") return { ...p, endMs: resources[0]!.doneMs };
    if (p.key === "subresources" && subs.length > 0) return { ...p, startMs: Math.min(...subs.map((r) => r.requestMs ?? r.discoveredMs)), endMs: Math.max(...subs.map((r) => r.doneMs)) };
    return p;
  });
  const firstPaintMs = Math.max(...resources.filter((r) => r.blocksPaint).map((r) => r.doneMs)) + RENDER_MS;
  const loadMs = Math.max(...resources.map((r) => r.doneMs));
  return withLost(withLost({ ...result, phases, resources, firstPaintMs, loadMs }, "html", delivery.lost.html), "subresources", delivery.lost.rest);
}

/** Puts a measured phase in place: its length changes, and everything after it moves. */
export function withMeasured(result: PageLoadResult, measured: Measured): PageLoadResult {
  const phase = result.phases.find((p) => p.key === measured.key);
  if (phase === undefined) return result;
  const length = measured.length ?? phase.endMs - phase.startMs + (measured.change ?? 0);
  const moved = withPhaseLength(result, measured.key, length);
  return measured.lost === undefined ? moved : withLost(moved, measured.key, measured.lost);
}

/** The phase's packets lost are the learner's run's, not the built-in run's. */
function withLost(result: PageLoadResult, key: PhaseKey, lost: number): PageLoadResult {
  return { ...result, traffic: result.traffic.map((t) => (t.key === key ? { ...t, lost } : t)) };
}

/** Adds "(your code)" to the labels of the phases the learner's runs gave. */
export function labelMine(result: PageLoadResult, keys: ReadonlySet<PhaseKey>): PageLoadResult {
  return { ...result, phases: result.phases.map((p) => (keys.has(p.key) ? { ...p, label: `${p.label} (your code)` } : p)) };
}
