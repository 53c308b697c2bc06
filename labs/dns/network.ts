/**
 * The resolver's world: a virtual clock, simulated name servers (servers.ts)
 * 10 ms away each way, and forged replies where a test asks for them. The
 * resolver is driven sans-I/O: its `send` actions are delivered, replies come
 * back through onResponse, and onTimer runs every 100 ms of virtual time
 * while a lookup is unanswered. Pure: the same input gives the same run.
 */
import { Random } from "#runtime/core/random.ts";
import { decodeMessage, encodeMessage, CLASS_IN, TYPE, type DnsMessage } from "#runtime/wire/dns.ts";
import { thrownMessage } from "#labs/kit/harness.ts";
import { toHex } from "#labs/kit/hex.ts";
import { actionsOf } from "./read.ts";
import type { LookupResult, QueryView, ResolveInput, ResolveResult, SpoofKind } from "./scenarios.ts";
import { respond } from "./servers.ts";

/** The learner's Resolver (or any other) as the network drives it; results are read by actionsOf. */
export interface ResolverInstance {
  resolve(name: string, type: number, now: number): unknown;
  onResponse(packet: { from: string; fromPort: number; toPort: number; tcp: boolean; bytes: Uint8Array }, now: number): unknown;
  onTimer(now: number): unknown;
}

export type ResolverDriver = (config: { readonly roots: readonly string[]; readonly random: () => number }) => ResolverInstance;

/** One message on the wire, for the demo's pictures. */
export interface WireMessage {
  readonly atMs: number;
  readonly arriveMs: number | null;
  readonly from: string;
  readonly to: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly tcp: boolean;
  readonly bytes: Uint8Array;
  readonly kind: "query" | "reply" | "forged";
}

/** The resolver's own address in the pictures. */
export const RESOLVER_ADDRESS = "10.0.0.53";
const ONE_WAY_MS = 10;
const SPOOF_MS = 5;
const TICK_MS = 100;
const GIVE_UP_MS = 10_000;
const MAX_QUERIES = 200;

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly packet: { from: string; fromPort: number; toPort: number; tcp: boolean; bytes: Uint8Array };
}

export function runResolver(input: ResolveInput, makeResolver: ResolverDriver): { result: ResolveResult; wire: WireMessage[] } {
  const random = new Random(input.seed).fork("dns-resolver");
  const faults: string[] = [];
  const queries: QueryView[] = [];
  const lookups: LookupResult[] = [];
  const wire: WireMessage[] = [];
  const queue: Pending[] = [];
  let seq = 0;
  let now = 0;
  let current: { index: number; startMs: number; done: boolean } | null = null;
  let resolver: ResolverInstance;
  try {
    resolver = makeResolver({ roots: [...input.roots], random: () => random.nextUint32() });
  } catch (error) {
    return { result: { lookups: input.lookups.map((l) => ({ startMs: l.atMs, doneMs: null, rcode: null, records: [] })), queries, faults: [`new Resolver(config) threw ${thrownMessage(error)}`] }, wire };
  }

  const act = (what: string, call: () => unknown): void => {
    let actions: ReturnType<typeof actionsOf>;
    try {
      actions = actionsOf(call(), `the actions ${what} returned`);
    } catch (error) {
      faults.push(`${what} at ${now} ms threw ${thrownMessage(error)}`);
      return;
    }
    for (const action of actions) {
      if (action.kind === "answer") {
        if (current === null || current.done) {
          faults.push(`${what} at ${now} ms returned an answer, but no lookup was waiting for one`);
          continue;
        }
        current.done = true;
        lookups.push({ startMs: current.startMs, doneMs: now, rcode: action.rcode, records: action.records });
        continue;
      }
      if (queries.length >= MAX_QUERIES) {
        if (queries.length === MAX_QUERIES) faults.push(`more than ${MAX_QUERIES} queries: stopped sending them`);
        continue;
      }
      send(action, what);
    }
  };

  const send = (action: { to: string; fromPort: number; tcp: boolean; bytes: Uint8Array }, what: string): void => {
    const server = input.servers.find((s) => s.address === action.to);
    if (!(action.fromPort >= 1 && action.fromPort <= 65535)) return void faults.push(`${what} at ${now} ms sent from port ${action.fromPort}, which is no UDP or TCP port`);
    if (server === undefined) return void faults.push(`${what} at ${now} ms sent a query to ${action.to}, where no name server is`);
    let body = action.bytes;
    if (action.tcp) {
      if (body.length < 2 || ((body[0]! << 8) | body[1]!) !== body.length - 2) {
        return void faults.push(`${what} at ${now} ms sent ${toHex(body.subarray(0, 4))}… over TCP without a correct 2-byte length in front (RFC 1035 §4.2.2)`);
      }
      body = body.subarray(2);
    }
    let query: DnsMessage;
    try {
      query = decodeMessage(body);
    } catch (error) {
      return void faults.push(`${what} at ${now} ms sent bytes no name server can read (${thrownMessage(error)}): ${toHex(body)}`);
    }
    const question = query.questions[0];
    const opt = query.additional.find((r) => r.type === TYPE.OPT);
    queries.push({
      lookup: current?.index ?? -1,
      atMs: now,
      to: action.to,
      tcp: action.tcp,
      fromPort: action.fromPort,
      id: query.header.id,
      name: question?.name ?? "(no question)",
      type: question?.type ?? 0,
      rd: query.header.rd,
      udpSize: opt === undefined ? null : opt.class,
      hex: toHex(body),
    });
    wire.push({ atMs: now, arriveMs: now + ONE_WAY_MS, from: RESOLVER_ADDRESS, to: action.to, fromPort: action.fromPort, toPort: 53, tcp: action.tcp, bytes: action.bytes, kind: "query" });
    const spoof = input.spoofs?.find((s) => s.query === queries.length - 1);
    if (spoof !== undefined && spoof.kind !== "duplicate") deliver(now + SPOOF_MS, forged(spoof.kind, action, query), "forged");
    const reply = respond(server, query, action.tcp);
    if (reply === null) return;
    const bytes = encodeMessage(reply);
    const framed = action.tcp ? Uint8Array.of(bytes.length >> 8, bytes.length & 0xff, ...bytes) : bytes;
    const packet = { from: server.address, fromPort: 53, toPort: action.fromPort, tcp: action.tcp, bytes: framed };
    deliver(now + 2 * ONE_WAY_MS, packet, "reply");
    if (spoof?.kind === "duplicate") deliver(now + 2 * ONE_WAY_MS + SPOOF_MS, packet, "reply");
  };

  const deliver = (at: number, packet: Pending["packet"], kind: WireMessage["kind"]): void => {
    queue.push({ at, seq: seq++, packet });
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
    wire.push({ atMs: at - ONE_WAY_MS, arriveMs: at, from: packet.from, to: RESOLVER_ADDRESS, fromPort: packet.fromPort, toPort: packet.toPort, tcp: packet.tcp, bytes: packet.bytes, kind });
  };

  const deliverNext = (): void => {
    const next = queue.shift()!;
    now = next.at;
    act("onResponse()", () => resolver.onResponse(next.packet, now));
  };

  input.lookups.forEach((lookup, index) => {
    while (queue.length > 0 && queue[0]!.at <= lookup.atMs) deliverNext();
    now = Math.max(now, lookup.atMs);
    current = { index, startMs: now, done: false };
    const startMs = now;
    act(`resolve("${lookup.name}", ${lookup.type})`, () => resolver.resolve(lookup.name, lookup.type, now));
    while (!current.done && now - startMs < GIVE_UP_MS) {
      const tick = (Math.floor(now / TICK_MS) + 1) * TICK_MS;
      if (queue.length > 0 && queue[0]!.at <= tick) deliverNext();
      else {
        now = tick;
        act("onTimer()", () => resolver.onTimer(now));
      }
    }
    if (!current.done) {
      current.done = true;
      lookups.push({ startMs, doneMs: null, rcode: null, records: [] });
    }
  });
  return { result: { lookups, queries, faults }, wire };
}

/** A forged reply to `query`: it answers with 6.6.6.6, and one thing about it gives it away. */
function forged(kind: Exclude<SpoofKind, "duplicate">, action: { to: string; fromPort: number; tcp: boolean }, query: DnsMessage): Pending["packet"] {
  const question = query.questions[0] ?? { name: "example", type: TYPE.A, class: CLASS_IN };
  const message: DnsMessage = {
    header: { id: kind === "id" ? query.header.id ^ 0x8000 : query.header.id, qr: kind !== "not-response", opcode: 0, aa: true, tc: false, rd: false, ra: false, rcode: 0 },
    questions: kind === "no-question" ? [] : [{ name: kind === "name" ? `evil.${question.name}` : question.name, type: kind === "type" ? TYPE.AAAA : question.type, class: kind === "class" ? 3 : question.class }],
    answers: [{ name: question.name, type: TYPE.A, class: CLASS_IN, ttl: 86400, data: { kind: "A", address: "6.6.6.6" } }],
    authority: [],
    additional: [],
  };
  let bytes = encodeMessage(message);
  if (kind === "malformed") bytes = bytes.slice(0, bytes.length - 3);
  const tcp = kind === "tcp" ? !action.tcp : action.tcp;
  if (tcp) bytes = Uint8Array.of(bytes.length >> 8, bytes.length & 0xff, ...bytes);
  return {
    from: kind === "source" ? "192.0.2.66" : action.to,
    fromPort: kind === "source-port" ? 5353 : 53,
    toPort: kind === "dest-port" ? (action.fromPort === 65535 ? 65534 : action.fromPort + 1) : action.fromPort,
    tcp,
    bytes,
  };
}
