/**
 * The reference solution of the dns lab: a DNS message codec (RFC 1035 §4.1
 * with name compression, EDNS(0) per RFC 6891 §6) and an iterative resolver
 * as a sans-I/O state machine. Never shipped to learners.
 */

export interface Question {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

export interface Soa {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

export type RecordData = string | Soa | Uint8Array;

export interface ResourceRecord {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly data: RecordData;
}

export interface Edns {
  readonly udpSize: number;
  readonly version: number;
  readonly dnssecOk: boolean;
}

export interface Message {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly rcode: number;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  readonly additional: readonly ResourceRecord[];
  readonly edns: Edns | null;
}

export interface QueryOptions {
  readonly id: number;
  readonly name: string;
  readonly type: number;
  readonly rd: boolean;
  readonly edns: { readonly udpSize: number; readonly dnssecOk: boolean } | null;
}

const A = 1;
const NS = 2;
const CNAME = 5;
const SOA = 6;
const OPT = 41;
const IN = 1;
const NXDOMAIN = 3;
const SERVFAIL = 2;

// ---------------------------------------------------------------- encoding

/** A query: header, one question, and an OPT record when `edns` is given (RFC 1035 §4.1, RFC 6891 §6.1.2). */
export function encodeQuery(query: QueryOptions): Uint8Array {
  const out: number[] = [];
  const u16 = (value: number) => out.push((value >> 8) & 0xff, value & 0xff);
  u16(query.id);
  u16(query.rd ? 0x0100 : 0);
  u16(1);
  u16(0);
  u16(0);
  u16(query.edns === null ? 0 : 1);
  const labels = query.name === "." ? [] : query.name.split(".");
  let length = 1;
  for (const label of labels) {
    if (label.length < 1 || label.length > 63) throw new RangeError(`label "${label}" must be 1 to 63 bytes`);
    length += label.length + 1;
    out.push(label.length);
    for (let i = 0; i < label.length; i++) out.push(label.charCodeAt(i));
  }
  if (length > 255) throw new RangeError(`name is ${length} bytes on the wire; at most 255`);
  out.push(0);
  u16(query.type);
  u16(IN);
  if (query.edns !== null) {
    out.push(0);
    u16(OPT);
    u16(query.edns.udpSize);
    u16(0);
    u16(query.edns.dnssecOk ? 0x8000 : 0);
    u16(0);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------- decoding

class Reader {
  readonly bytes: Uint8Array;
  at = 0;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  need(n: number): void {
    if (this.at + n > this.bytes.length) throw new Error(`only ${this.bytes.length} bytes, and reading on needs ${this.at + n}`);
  }
  u16(): number {
    this.need(2);
    const value = (this.bytes[this.at]! << 8) | this.bytes[this.at + 1]!;
    this.at += 2;
    return value;
  }
  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }
  /** A name at `at`, following pointers; each pointer must point before the labels it ends (RFC 1035 §4.1.4: a prior occurrence). */
  name(): string {
    const bytes = this.bytes;
    const labels: string[] = [];
    let at = this.at;
    let start = at;
    let wire = 1;
    let resume = -1;
    for (;;) {
      if (at >= bytes.length) throw new Error(`name runs past the end at ${at}`);
      const len = bytes[at]!;
      if (len >= 0xc0) {
        if (at + 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);
        const target = ((len & 0x3f) << 8) | bytes[at + 1]!;
        if (target >= start) throw new Error(`pointer at ${at} to ${target} does not point back`);
        if (resume < 0) resume = at + 2;
        at = target;
        start = target;
        continue;
      }
      if (len >= 0x40) throw new Error(`label type 0x${len.toString(16)} at ${at}`);
      if (len === 0) break;
      if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);
      wire += len + 1;
      if (wire > 255) throw new Error("name longer than 255 bytes");
      labels.push(String.fromCharCode(...bytes.subarray(at + 1, at + 1 + len)));
      at += len + 1;
    }
    this.at = resume < 0 ? at + 1 : resume;
    return labels.length === 0 ? "." : labels.join(".");
  }
}

function readRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const length = r.u16();
  r.need(length);
  const end = r.at + length;
  let data: RecordData;
  if (type === A) {
    if (length !== 4) throw new Error(`A record with RDLENGTH ${length}`);
    data = [...r.bytes.subarray(r.at, end)].join(".");
    r.at = end;
  } else if (type === NS || type === CNAME) {
    data = r.name();
  } else if (type === SOA) {
    data = { mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() };
  } else {
    data = r.bytes.slice(r.at, end);
    r.at = end;
  }
  if (r.at !== end) throw new Error(`record data does not fill RDLENGTH ${length}`);
  return { name, type, class: cls, ttl, data };
}

/** A whole message; throws on anything malformed. OPT goes to `edns`, not `additional` (RFC 6891 §6.1.1). */
export function decodeMessage(bytes: Uint8Array): Message {
  const r = new Reader(bytes);
  const id = r.u16();
  const flags = r.u16();
  const qdcount = r.u16();
  const counts = [r.u16(), r.u16(), r.u16()];
  const questions: Question[] = [];
  for (let i = 0; i < qdcount; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const sections: ResourceRecord[][] = [[], [], []];
  let edns: Edns | null = null;
  let rcode = flags & 0x000f;
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s]!; i++) {
      const record = readRecord(r);
      if (record.type !== OPT) {
        sections[s]!.push(record);
        continue;
      }
      if (s !== 2 || edns !== null || record.name !== ".") throw new Error("OPT must be one record, owned by the root, in the additional section");
      edns = { udpSize: record.class, version: (record.ttl >>> 16) & 0xff, dnssecOk: (record.ttl & 0x8000) !== 0 };
      rcode |= (record.ttl >>> 24) << 4;
    }
  }
  return {
    id,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    rcode,
    questions,
    answers: sections[0]!,
    authority: sections[1]!,
    additional: sections[2]!,
    edns,
  };
}

// ---------------------------------------------------------------- the resolver

export interface ResolverConfig {
  readonly roots: readonly string[];
  readonly random: () => number;
}

export interface Packet {
  readonly from: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly tcp: boolean;
  readonly bytes: Uint8Array;
}

export type Action =
  | { readonly kind: "send"; readonly to: string; readonly fromPort: number; readonly tcp: boolean; readonly bytes: Uint8Array }
  | { readonly kind: "answer"; readonly rcode: number; readonly records: readonly ResourceRecord[] };

const TIMEOUT_MS = 1000;
const UDP_SIZE = 1232;

interface Lookup {
  name: string;
  readonly type: number;
  readonly chain: ResourceRecord[];
  readonly parent: Lookup | null;
  zone: string;
  servers: string[];
  /** Name servers of a glueless referral still to be looked up. */
  pending: string[];
}

interface Query {
  readonly lookup: Lookup;
  readonly server: string;
  readonly id: number;
  readonly port: number;
  readonly tcp: boolean;
  readonly sentAt: number;
}

interface Entry {
  readonly records: readonly ResourceRecord[];
  readonly expires: number;
}

const lower = (name: string) => name.toLowerCase();
const within = (name: string, zone: string) => zone === "." || name === zone || name.endsWith(`.${zone}`);

export class Resolver {
  private readonly roots: readonly string[];
  private readonly random: () => number;
  private readonly cache = new Map<string, Entry>();
  private readonly queries: Query[] = [];

  constructor(config: ResolverConfig) {
    this.roots = [...config.roots];
    this.random = config.random;
  }

  resolve(name: string, type: number, now: number): Action[] {
    return this.start({ name, type, chain: [], parent: null, zone: ".", servers: [], pending: [] }, now);
  }

  onResponse(packet: Packet, now: number): Action[] {
    const query = this.queries.find((q) => q.tcp === packet.tcp && q.server === packet.from && packet.fromPort === 53 && q.port === packet.toPort);
    if (query === undefined) return [];
    let bytes = packet.bytes;
    if (packet.tcp) bytes = bytes.subarray(2);
    let message: Message;
    try {
      message = decodeMessage(bytes);
    } catch {
      return [];
    }
    const q = message.questions[0];
    const lookup = query.lookup;
    if (!message.qr || message.id !== query.id || message.questions.length !== 1 || lower(q!.name) !== lower(lookup.name) || q!.type !== lookup.type || q!.class !== IN) return [];
    this.queries.splice(this.queries.indexOf(query), 1);
    return this.handle(lookup, query, message, now);
  }

  onTimer(now: number): Action[] {
    const actions: Action[] = [];
    for (const query of this.queries.filter((q) => now - q.sentAt >= TIMEOUT_MS)) {
      this.queries.splice(this.queries.indexOf(query), 1);
      actions.push(...this.next(query.lookup, now));
    }
    return actions;
  }

  private get(name: string, key: string | number, now: number): readonly ResourceRecord[] | undefined {
    const entry = this.cache.get(`${lower(name)} ${key}`);
    return entry !== undefined && now < entry.expires ? entry.records : undefined;
  }

  private put(name: string, key: string | number, records: readonly ResourceRecord[], ttl: number, now: number): void {
    this.cache.set(`${lower(name)} ${key}`, { records, expires: now + ttl * 1000 });
  }

  private putSet(records: readonly ResourceRecord[], now: number): void {
    this.put(records[0]!.name, records[0]!.type, records, Math.min(...records.map((r) => r.ttl)), now);
  }

  /** RFC 2308 §5: a negative answer is cached for min(SOA TTL, SOA MINIMUM); without an SOA, not at all. */
  private putNegative(name: string, key: string, authority: readonly ResourceRecord[], now: number): void {
    const soa = authority.find((r) => r.type === SOA);
    if (soa !== undefined) this.put(name, key, [], Math.min(soa.ttl, (soa.data as Soa).minimum), now);
  }

  /** Answers from the cache, or asks the closest servers it knows. */
  private start(lookup: Lookup, now: number): Action[] {
    for (;;) {
      if (this.get(lookup.name, "nx", now) !== undefined) return this.finish(lookup, NXDOMAIN, now);
      const records = this.get(lookup.name, lookup.type, now) ?? this.get(lookup.name, `nodata ${lookup.type}`, now);
      if (records !== undefined) return this.finish(lookup, 0, now, records);
      const alias = this.get(lookup.name, CNAME, now);
      if (alias === undefined) break;
      if (!this.follow(lookup, alias[0]!)) return this.finish(lookup, SERVFAIL, now);
    }
    const labels = lower(lookup.name).split(".");
    lookup.zone = ".";
    lookup.servers = [...this.roots];
    for (let i = 0; i < labels.length; i++) {
      const zone = labels.slice(i).join(".");
      const servers = (this.get(zone, NS, now) ?? []).flatMap((ns) => (this.get(ns.data as string, A, now) ?? []).map((a) => a.data as string));
      if (servers.length > 0) {
        lookup.zone = zone;
        lookup.servers = servers;
        break;
      }
    }
    return this.next(lookup, now);
  }

  /** Adds a CNAME to the chain; false when its target is already in it (a loop). */
  private follow(lookup: Lookup, cname: ResourceRecord): boolean {
    const target = cname.data as string;
    if (lower(target) === lower(lookup.chain[0]?.name ?? lookup.name) || lookup.chain.some((r) => lower(r.data as string) === lower(target))) return false;
    lookup.chain.push(cname);
    lookup.name = target;
    return true;
  }

  /** Asks the next server of the current zone, or gives up. */
  private next(lookup: Lookup, now: number): Action[] {
    const server = lookup.servers.shift();
    if (server === undefined) return this.finish(lookup, SERVFAIL, now);
    return this.send(lookup, server, false, now);
  }

  private send(lookup: Lookup, server: string, tcp: boolean, now: number): Action[] {
    const id = this.random() & 0xffff;
    const port = 1024 + (this.random() % 64512);
    const message = encodeQuery({ id, name: lookup.name, type: lookup.type, rd: false, edns: { udpSize: UDP_SIZE, dnssecOk: false } });
    this.queries.push({ lookup, server, id, port, tcp, sentAt: now });
    const bytes = tcp ? Uint8Array.of(message.length >> 8, message.length & 0xff, ...message) : message;
    return [{ kind: "send", to: server, fromPort: port, tcp, bytes }];
  }

  private handle(lookup: Lookup, query: Query, message: Message, now: number): Action[] {
    if (message.tc && !query.tcp) return this.send(lookup, query.server, true, now);
    if (message.rcode !== 0 && message.rcode !== NXDOMAIN) return this.next(lookup, now);
    const asked = lookup.name;
    for (;;) {
      const here = message.answers.filter((r) => lower(r.name) === lower(lookup.name));
      const set = here.filter((r) => r.type === lookup.type);
      if (set.length > 0) {
        this.putSet(set, now);
        return this.finish(lookup, 0, now, set);
      }
      const cname = here.find((r) => r.type === CNAME);
      if (cname === undefined) break;
      if (!this.follow(lookup, cname)) return this.finish(lookup, SERVFAIL, now);
      this.putSet([cname], now);
    }
    if (message.rcode === NXDOMAIN) {
      this.putNegative(lookup.name, "nx", message.authority, now);
      return this.finish(lookup, NXDOMAIN, now);
    }
    if (lookup.name !== asked) return this.start(lookup, now);
    const ns = message.authority.filter((r) => r.type === NS);
    if (ns.length === 0) {
      this.putNegative(lookup.name, `nodata ${lookup.type}`, message.authority, now);
      return this.finish(lookup, 0, now);
    }
    const zone = lower(ns[0]!.name);
    if (zone === lookup.zone || !within(zone, lookup.zone) || !within(lower(lookup.name), zone)) return this.next(lookup, now);
    this.putSet(ns, now);
    lookup.zone = zone;
    lookup.servers = [];
    lookup.pending = [];
    for (const server of ns) {
      const host = server.data as string;
      const glue = message.additional.filter((r) => r.type === A && lower(r.name) === lower(host));
      if (glue.length === 0) lookup.pending.push(host);
      else {
        this.putSet(glue, now);
        lookup.servers.push(...glue.map((r) => r.data as string));
      }
    }
    if (lookup.servers.length > 0) return this.next(lookup, now);
    return this.lookupServer(lookup, now);
  }

  /** A glueless referral: look up the next name server's address first (a lookup of its own). */
  private lookupServer(lookup: Lookup, now: number): Action[] {
    const host = lookup.pending.shift();
    if (host === undefined) return this.finish(lookup, SERVFAIL, now);
    for (let l: Lookup | null = lookup; l !== null; l = l.parent) if (lower(l.name) === lower(host) && l.type === A) return this.finish(lookup, SERVFAIL, now);
    return this.start({ name: host, type: A, chain: [], parent: lookup, zone: ".", servers: [], pending: [] }, now);
  }

  private finish(lookup: Lookup, rcode: number, now: number, records: readonly ResourceRecord[] = []): Action[] {
    const parent = lookup.parent;
    if (parent === null) return [{ kind: "answer", rcode, records: rcode === SERVFAIL ? [] : [...lookup.chain, ...records] }];
    const addresses = rcode === 0 ? records.map((r) => r.data as string) : [];
    if (addresses.length === 0) return this.lookupServer(parent, now);
    parent.servers = addresses;
    return this.next(parent, now);
  }
}
