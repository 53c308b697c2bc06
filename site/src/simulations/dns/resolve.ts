/**
 * The resolution simulation: a runtime Network with a stub resolver, a
 * recursive resolver and three name servers (root, .com, example.com), each
 * a host with its own link delay. Every message is a real DNS message
 * (./wire.ts) in a real UDP datagram on port 53, so the capture opens in
 * Wireshark as DNS.
 *
 * The resolver follows RFC 1034 §5.3.3 in outline: answer from the cache
 * when it can; otherwise ask the closest servers it knows for the name
 * (root hints at first), follow referrals, cache what it learns (answers,
 * NS records and glue, negative answers for the SOA's minimum), and answer
 * the stub with TTLs counted down. Queries use a random ID and a random
 * source port (RFC 5452; §9.2 on ports), and a reply is accepted only
 * when its ID, address, port and question match.
 *
 * Truncation: without EDNS(0) a UDP message may carry 512 bytes (RFC 1035
 * §4.2.1). A larger answer comes back with TC=1 and no records, and the
 * asker repeats the question over TCP (RFC 7766), each message with a
 * 2-byte length prefix (RFC 1035 §4.2.2). The TCP retry is a real, minimal
 * TCP connection: SYN, SYN-ACK, ACK, the query, the response (and a close
 * that only the capture shows), so it costs two extra round trips: one for
 * the handshake and one for the exchange. The length prefix and the message
 * go in one segment, as RFC 7766 §8 recommends. With EDNS(0) both ends advertise
 * 1232 bytes and the big answer fits in one datagram.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import type { Host } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags, type TcpFlags } from "#runtime/wire/tcp.ts";
import type { Random } from "#runtime/core/random.ts";
import { answerFrom, isWithin, ROOT, ZONES, type ServerLane, type Zone } from "./zones.ts";
import { LOOKUPS, type CacheOrigin, type CacheRow, type DnsSimConfig, type Lane, type Lookup, type SessionAction, type Step } from "./resolver-controls.ts";

export { DEFAULT_CONFIG, LANE_TITLES, LANES, LOOKUPS } from "./resolver-controls.ts";
export type { CacheOrigin, CacheRow, DnsSimConfig, Lane, Lookup, LookupId, SessionAction, Step } from "./resolver-controls.ts";
import {
  decodeMessage,
  encodeMessage,
  formatData,
  header,
  optRecord,
  RCODE,
  rcodeName,
  TYPE,
  typeName,
  CLASS_IN,
  type DnsMessage,
  type DnsQuestion,
  type DnsRecord,
} from "#runtime/wire/dns.ts";

/** The UDP payload a message may fill without EDNS(0) (RFC 1035 §4.2.1). */
export const CLASSIC_UDP_LIMIT = 512;
/** What both ends advertise with EDNS(0) on: the size DNS Flag Day 2020 settled on. */
export const EDNS_UDP_SIZE = 1232;

export interface SessionResult {
  readonly lookups: readonly Lookup[];
  /** The resolver's cache at the end, expired entries included. */
  readonly cache: readonly CacheRow[];
  /** The virtual clock at the end, ms. */
  readonly clockMs: number;
  /** The whole run as a pcapng file. */
  pcapng(): Uint8Array;
}

interface CacheEntry {
  readonly name: string;
  /** A record type, or 0 for "this name does not exist". */
  readonly type: number;
  readonly records: readonly DnsRecord[];
  readonly storedAt: number;
  readonly ttl: number;
  readonly origin: CacheOrigin;
}

const key = (name: string, type: number) => `${name.toLowerCase().replace(/\.$/, "")}|${type}`;
const NXDOMAIN_KEY = 0;

/** The resolver's cache: RRsets by (name, type), each with the time it was stored. */
export class Cache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }

  /** Stores an RRset; its TTL is the smallest of its records' (RFC 2181 §5.2 wants them equal). */
  put(name: string, type: number, records: readonly DnsRecord[], origin: CacheOrigin, ttl = Math.min(...records.map((r) => r.ttl))): void {
    this.entries.set(key(name, type), { name, type, records, storedAt: this.now(), ttl, origin });
  }

  /** Seconds left for an entry (fractions dropped). */
  left(entry: CacheEntry): number {
    return Math.max(0, Math.floor(entry.ttl - (this.now() - entry.storedAt) / 1e9));
  }

  /** The live entry for (name, type), if any. */
  get(name: string, type: number): CacheEntry | undefined {
    const entry = this.entries.get(key(name, type));
    if (entry === undefined) return undefined;
    return this.now() < entry.storedAt + entry.ttl * 1e9 ? entry : undefined;
  }

  rows(): CacheRow[] {
    const rows: CacheRow[] = [];
    const depth = (name: string) => name.split(".").reverse().join(".");
    const sorted = [...this.entries.values()].sort((x, y) => depth(x.name).localeCompare(depth(y.name)) || x.type - y.type);
    for (const entry of sorted) {
      const left = this.left(entry);
      if (entry.type === NXDOMAIN_KEY || entry.records.length === 0 || entry.origin === "negative") {
        rows.push({ name: entry.name, type: entry.type === NXDOMAIN_KEY ? "(any)" : typeName(entry.type), data: entry.type === NXDOMAIN_KEY ? "NXDOMAIN" : "no such data", ttlLeft: left, ttl: entry.ttl, origin: "negative" });
        continue;
      }
      for (const record of entry.records) rows.push({ name: entry.name, type: typeName(entry.type), data: formatData(record), ttlLeft: left, ttl: entry.ttl, origin: entry.origin });
    }
    return rows;
  }
}

/** A label for a message on an arrow. */
export function describeMessage(message: DnsMessage): string {
  const q = message.questions[0];
  const asked = q === undefined ? "?" : `${q.name} ${typeName(q.type)}?`;
  if (!message.header.qr) return asked;
  if (message.header.tc) return "TC=1: truncated, ask again over TCP";
  if (message.header.rcode === RCODE.NXDOMAIN) return "NXDOMAIN (name does not exist)";
  if (message.header.rcode !== RCODE.NOERROR) return rcodeName(message.header.rcode);
  const answers = message.answers;
  if (answers.length > 0) {
    const first = answers[0]!;
    const more = answers.length > 1 ? ` (+${answers.length - 1} more)` : "";
    return `${typeName(first.type)} ${formatData(first)}${more}`;
  }
  const ns = message.authority.filter((r) => r.type === TYPE.NS);
  if (ns.length > 0) return `referral: ${ns[0]!.name} NS ${formatData(ns[0]!)}`;
  return "no data (NOERROR, empty answer)";
}

interface Endpoint {
  readonly host: Host;
  readonly lane: Lane;
}

/** Runs the actions in order against a fresh network and cache and reports everything. */
export function runSession(config: DnsSimConfig, actions: readonly SessionAction[]): SessionResult {
  const net = new Network({ seed: config.seed, trace: { record: false, capture: true } });
  const random: Random = net.sim.random.fork("dns");
  const nowMs = () => toMs(net.now);
  const link = (delayMs: number) => ({ rate: Infinity, delay: ms(delayMs) });

  const stub: Endpoint = { host: net.host("stub", "10.0.0.2"), lane: "stub" };
  const resolver: Endpoint = { host: net.host("resolver", "10.0.0.53"), lane: "resolver" };
  net.connect(stub.host, resolver.host, link(config.stubMs));
  const servers = new Map<string, { endpoint: Endpoint; zone: Zone }>();
  const delays: Record<ServerLane, number> = { root: config.rootMs, tld: config.tldMs, auth: config.authMs };
  for (const zone of ZONES) {
    const host = net.host(zone.server.lane, zone.server.address);
    net.connect(resolver.host, host, link(delays[zone.server.lane]));
    resolver.host.addRoute(`${zone.server.address}/32`, host);
    servers.set(zone.server.address, { endpoint: { host, lane: zone.server.lane }, zone });
  }

  const lookups: Lookup[] = [];
  let current: Lookup | null = null;
  const byPacket = new Map<number, Step>();
  const record = (packet: number, step: Omit<Step, "sentMs" | "arrivedMs">) => {
    const full: Step = { ...step, sentMs: nowMs(), arrivedMs: null };
    current?.steps.push(full);
    byPacket.set(packet, full);
  };
  const arrived = (packet: number) => {
    const step = byPacket.get(packet);
    if (step !== undefined) step.arrivedMs = nowMs();
  };

  // ------------------------------------------------------------ transports
  const usedPorts = new Map<Host, Set<number>>();
  /** A random port from the dynamic range 49152-65535 that this host is not using. */
  const randomPort = (host: Host) => {
    const used = usedPorts.get(host) ?? new Set<number>();
    usedPorts.set(host, used);
    let port = 49152 + random.int(0, 16383);
    while (used.has(port)) port = 49152 + random.int(0, 16383);
    used.add(port);
    return port;
  };

  const limitFor = (query: DnsMessage) => {
    const opt = query.additional.find((r) => r.type === TYPE.OPT);
    return opt === undefined ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, opt.class);
  };
  /** Encodes a response; over UDP one too big for the asker's limit becomes header + question with TC=1. */
  const fit = (response: DnsMessage, query: DnsMessage, transport: "UDP" | "TCP"): DnsMessage => {
    const opt = config.edns && query.additional.some((r) => r.type === TYPE.OPT) ? [optRecord(EDNS_UDP_SIZE)] : [];
    const full = { ...response, additional: [...response.additional, ...opt] };
    if (transport === "TCP" || encodeMessage(full).length <= limitFor(query)) return full;
    return { header: { ...response.header, tc: true }, questions: response.questions, answers: [], authority: [], additional: opt };
  };

  const tcpSegment = (from: Endpoint, to: Endpoint, srcPort: number, dstPort: number, seq: number, ack: number, flags: Partial<TcpFlags>, payload: Uint8Array): number => {
    const repr = { srcPort, dstPort, seq: seq >>> 0, ack: ack >>> 0, flags: tcpFlags(flags), window: 65535, urgentPointer: 0, options: [] };
    const bytes = emitTcp(repr, payload, from.host.addressValue, to.host.addressValue);
    return from.host.sendIp(IP_PROTOCOL.TCP, to.host.addressValue, bytes).id;
  };
  const framed = (message: Uint8Array) => {
    const out = new Uint8Array(message.length + 2);
    out[0] = message.length >>> 8;
    out[1] = message.length & 0xff;
    out.set(message, 2);
    return out;
  };

  /** A DNS server on port 53, UDP and TCP: `handle` gets each query and a function to answer it. */
  const serve = (server: Endpoint, handle: (query: DnsMessage, transport: "UDP" | "TCP", client: Endpoint, reply: (response: DnsMessage) => void) => void) => {
    const peerOf = (address: string): Endpoint => (address === stub.host.address ? stub : resolver);
    const socket = server.host.udp(53);
    socket.onDatagram = (datagram) => {
      arrived(datagram.packet);
      const query = decodeMessage(datagram.payload);
      const client = peerOf(datagram.from.address);
      handle(query, "UDP", client, (response) => {
        const sent = fit(response, query, "UDP");
        const bytes = encodeMessage(sent);
        const packet = socket.send(datagram.from, bytes);
        record(packet, { from: server.lane, to: client.lane, transport: "UDP", label: describeMessage(sent), message: sent, dnsBytes: bytes.length, srcPort: 53, dstPort: datagram.from.port });
      });
    };
    const connections = new Map<string, { iss: number; rcvNxt: number; sndNxt: number }>();
    server.host.listenTcp(53, (segment) => {
      arrived(segment.packet);
      const client = peerOf(segment.from.address);
      const id = `${segment.from.address}:${segment.from.port}`;
      const f = segment.repr.flags;
      const send = (flags: Partial<TcpFlags>, payload: Uint8Array, c: { iss: number; rcvNxt: number; sndNxt: number }) =>
        tcpSegment(server, client, 53, segment.from.port, c.sndNxt, c.rcvNxt, flags, payload);
      if (f.syn) {
        const c = { iss: random.nextUint32(), rcvNxt: segment.repr.seq + 1, sndNxt: 0 };
        c.sndNxt = c.iss;
        connections.set(id, c);
        const packet = send({ syn: true, ack: true }, new Uint8Array(0), c);
        c.sndNxt += 1;
        record(packet, { from: server.lane, to: client.lane, transport: "TCP", label: "SYN-ACK", message: null, dnsBytes: 0, srcPort: 53, dstPort: segment.from.port });
        return;
      }
      const c = connections.get(id);
      if (c === undefined) return;
      if (segment.payload.length >= 2) {
        c.rcvNxt = segment.repr.seq + segment.payload.length;
        const length = (segment.payload[0]! << 8) | segment.payload[1]!;
        const query = decodeMessage(segment.payload.subarray(2, 2 + length));
        handle(query, "TCP", client, (response) => {
          const bytes = encodeMessage(fit(response, query, "TCP"));
          const payload = framed(bytes);
          const packet = send({ ack: true, psh: true }, payload, c);
          c.sndNxt += payload.length;
          record(packet, { from: server.lane, to: client.lane, transport: "TCP", label: `${describeMessage(response)} (over TCP)`, message: response, dnsBytes: bytes.length, srcPort: 53, dstPort: segment.from.port });
        });
      }
      if (f.fin) {
        c.rcvNxt = segment.repr.seq + segment.payload.length + 1;
        send({ fin: true, ack: true }, new Uint8Array(0), c);
        c.sndNxt += 1;
      }
    });
  };

  /** Asks `to` one question over TCP on a new connection and calls `done` with the response. */
  const askTcp = (from: Endpoint, to: Endpoint, query: DnsMessage, done: (response: DnsMessage) => void) => {
    const port = randomPort(from.host);
    const iss = random.nextUint32();
    let sndNxt = iss;
    let rcvNxt = 0;
    const bytes = encodeMessage(query);
    const meta = (label: string) => ({ from: from.lane, to: to.lane, transport: "TCP" as const, label, message: null, dnsBytes: 0, srcPort: port, dstPort: 53 });
    from.host.listenTcp(port, (segment) => {
      arrived(segment.packet);
      const f = segment.repr.flags;
      if (f.syn && f.ack) {
        rcvNxt = segment.repr.seq + 1;
        sndNxt += 1;
        record(tcpSegment(from, to, port, 53, sndNxt, rcvNxt, { ack: true }, new Uint8Array(0)), meta("ACK"));
        const payload = framed(bytes);
        const packet = tcpSegment(from, to, port, 53, sndNxt, rcvNxt, { ack: true, psh: true }, payload);
        sndNxt += payload.length;
        record(packet, { ...meta(`${describeMessage(query)} (over TCP)`), message: query, dnsBytes: bytes.length });
        return;
      }
      if (segment.payload.length >= 2) {
        rcvNxt = segment.repr.seq + segment.payload.length;
        const length = (segment.payload[0]! << 8) | segment.payload[1]!;
        const response = decodeMessage(segment.payload.subarray(2, 2 + length));
        // Done with this connection: close our side (shown only in the capture).
        tcpSegment(from, to, port, 53, sndNxt, rcvNxt, { fin: true, ack: true }, new Uint8Array(0));
        sndNxt += 1;
        done(response);
        return;
      }
      if (f.fin) {
        rcvNxt = segment.repr.seq + 1;
        tcpSegment(from, to, port, 53, sndNxt, rcvNxt, { ack: true }, new Uint8Array(0));
      }
    });
    record(tcpSegment(from, to, port, 53, iss, 0, { syn: true }, new Uint8Array(0)), meta("SYN"));
  };

  /** Asks `to` over UDP from a fresh random port with a random ID; falls back to TCP on TC=1. */
  const ask = (from: Endpoint, to: Endpoint, question: DnsQuestion, rd: boolean, done: (response: DnsMessage) => void) => {
    const port = randomPort(from.host);
    const socket = from.host.udp(port);
    const query: DnsMessage = {
      header: header({ id: random.int(0, 0xffff), rd }),
      questions: [question],
      answers: [],
      authority: [],
      additional: config.edns ? [optRecord(EDNS_UDP_SIZE)] : [],
    };
    socket.onDatagram = (datagram) => {
      const response = decodeMessage(datagram.payload);
      const q = response.questions[0];
      // RFC 5452: accept only a reply that matches the ID, the server's address and port, and the question.
      const matches =
        response.header.qr && response.header.id === query.header.id && datagram.from.address === to.host.address && datagram.from.port === 53 &&
        q !== undefined && q.name.toLowerCase() === question.name.toLowerCase() && q.type === question.type;
      if (!matches) return;
      arrived(datagram.packet);
      socket.close();
      if (response.header.tc) {
        if (current !== null) current.usedTcp = true;
        askTcp(from, to, query, done);
      } else done(response);
    };
    const bytes = encodeMessage(query);
    const packet = socket.send({ address: to.host.address, port: 53 }, bytes);
    record(packet, { from: from.lane, to: to.lane, transport: "UDP", label: describeMessage(query), message: query, dnsBytes: bytes.length, srcPort: port, dstPort: 53 });
  };

  // ------------------------------------------------------------ name servers
  for (const { endpoint, zone } of servers.values()) {
    serve(endpoint, (query, _transport, _client, reply) => {
      const q = query.questions[0]!;
      const a = answerFrom(zone, q);
      reply({
        header: header({ id: query.header.id, qr: true, aa: a.aa, rd: query.header.rd, rcode: a.rcode }),
        questions: query.questions,
        answers: a.answers,
        authority: a.authority,
        additional: a.additional,
      });
    });
  }

  // ------------------------------------------------------------ the recursive resolver
  const cache = new Cache(() => net.now);

  /** The closest zone whose servers the cache knows (NS and an address), else the root hints. */
  const closestServer = (name: string): { zone: string; server: Endpoint } => {
    const labels = name.split(".");
    for (let i = 0; i < labels.length; i++) {
      const zone = labels.slice(i).join(".");
      const ns = cache.get(zone, TYPE.NS);
      if (ns === undefined) continue;
      for (const record of ns.records) {
        if (record.data.kind !== "NS") continue;
        const address = cache.get(record.data.host, TYPE.A)?.records[0];
        if (address?.data.kind !== "A") continue;
        const server = servers.get(address.data.address);
        if (server !== undefined) return { zone, server: server.endpoint };
      }
    }
    return { zone: ".", server: servers.get(ROOT.server.address)!.endpoint };
  };

  /** Records as the stub sees them: TTLs counted down by the time spent in the cache. */
  const aged = (entry: CacheEntry) => entry.records.map((r) => ({ ...r, ttl: cache.left(entry) }));

  interface Outcome {
    readonly rcode: number;
    readonly answers: DnsRecord[];
    readonly authority: DnsRecord[];
  }

  const resolve = (name: string, type: number, chain: DnsRecord[], depth: number, done: (outcome: Outcome) => void): void => {
    if (depth > 12) return done({ rcode: RCODE.SERVFAIL, answers: chain, authority: [] });
    const hit = cache.get(name, type);
    if (hit !== undefined) {
      if (hit.origin === "negative") return done({ rcode: RCODE.NOERROR, answers: chain, authority: aged(hit) });
      return done({ rcode: RCODE.NOERROR, answers: [...chain, ...aged(hit)], authority: [] });
    }
    const nx = cache.get(name, NXDOMAIN_KEY);
    if (nx !== undefined) return done({ rcode: RCODE.NXDOMAIN, answers: chain, authority: aged(nx) });
    const alias = cache.get(name, TYPE.CNAME);
    if (alias !== undefined && alias.records[0]?.data.kind === "CNAME") {
      return resolve(alias.records[0].data.target, type, [...chain, ...aged(alias)], depth + 1, done);
    }
    const { server } = closestServer(name);
    if (current !== null) current.upstreamQueries++;
    ask(resolver, server, { name, type, class: CLASS_IN }, false, (response) => {
      const { answers, authority, additional } = response;
      if (response.header.rcode === RCODE.NXDOMAIN) {
        const soa = authority.find((r) => r.type === TYPE.SOA);
        // RFC 2308 §5: a negative answer lives for min(SOA TTL, SOA MINIMUM).
        if (soa?.data.kind === "SOA") cache.put(name, NXDOMAIN_KEY, [soa], "negative", Math.min(soa.ttl, soa.data.minimum));
        return done({ rcode: RCODE.NXDOMAIN, answers: [...chain, ...answers], authority: soa === undefined ? [] : [soa] });
      }
      if (answers.length > 0) {
        const groups = new Map<string, DnsRecord[]>();
        for (const r of answers) groups.set(key(r.name, r.type), [...(groups.get(key(r.name, r.type)) ?? []), r]);
        for (const set of groups.values()) cache.put(set[0]!.name, set[0]!.type, set, "answer");
        // Walk the answer: the records for the name, or its CNAME chain.
        let target = name;
        const collected: DnsRecord[] = [];
        for (let hops = 0; hops < 10; hops++) {
          const direct = answers.filter((r) => r.name.toLowerCase() === target.toLowerCase() && r.type === type);
          if (direct.length > 0) return done({ rcode: RCODE.NOERROR, answers: [...chain, ...collected, ...direct], authority: [] });
          const c = answers.find((r) => r.name.toLowerCase() === target.toLowerCase() && r.type === TYPE.CNAME);
          if (c === undefined || c.data.kind !== "CNAME") break;
          collected.push(c);
          target = c.data.target;
        }
        // The chain leaves what this server answered for: resolve the rest from the top.
        return resolve(target, type, [...chain, ...collected], depth + 1, done);
      }
      const ns = authority.filter((r) => r.type === TYPE.NS);
      if (ns.length > 0 && !response.header.aa && isWithin(name, ns[0]!.name)) {
        cache.put(ns[0]!.name, TYPE.NS, ns, "referral");
        for (const glue of additional.filter((r) => r.type === TYPE.A)) cache.put(glue.name, TYPE.A, [glue], "glue");
        return resolve(name, type, chain, depth + 1, done);
      }
      const soa = authority.find((r) => r.type === TYPE.SOA);
      if (soa?.data.kind === "SOA") cache.put(name, type, [soa], "negative", Math.min(soa.ttl, soa.data.minimum));
      done({ rcode: response.header.rcode, answers: chain, authority: soa === undefined ? [] : [soa] });
    });
  };

  serve(resolver, (query, _transport, _client, reply) => {
    const q = query.questions[0]!;
    resolve(q.name, q.type, [], 0, (outcome) => {
      reply({
        header: header({ id: query.header.id, qr: true, rd: query.header.rd, ra: true, rcode: outcome.rcode }),
        questions: query.questions,
        answers: outcome.answers,
        authority: outcome.authority,
        additional: [],
      });
    });
  });

  // ------------------------------------------------------------ the learner's actions
  for (const action of actions) {
    if (action.kind === "advance") {
      net.run({ until: net.now + ms(action.seconds * 1000) });
      continue;
    }
    const spec = LOOKUPS.find((l) => l.id === action.lookup) ?? LOOKUPS[0];
    const lookup: Lookup = { id: spec.id, name: spec.name, type: spec.type, startMs: nowMs(), endMs: nowMs(), steps: [], response: null, upstreamQueries: 0, usedTcp: false };
    lookups.push(lookup);
    current = lookup;
    ask(stub, resolver, { name: spec.name, type: spec.type, class: CLASS_IN }, true, (response) => {
      lookup.response = response;
      lookup.endMs = nowMs();
    });
    net.run();
    current = null;
  }

  return {
    lookups,
    cache: cache.rows(),
    clockMs: nowMs(),
    pcapng: () => net.trace.toPcapng(),
  };
}
