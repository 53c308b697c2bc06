/**
 * DNSSEC validation from the root's trust anchor down to one answer. A
 * validating resolver with a cold cache asks the root, .com and example.com
 * servers over a runtime Network (real DNS messages in UDP datagrams, the DO
 * bit set in EDNS(0)), and checks each link of the chain as it arrives:
 * the root DNSKEY against the configured trust anchor (a DS digest), each
 * zone's DNSKEY against the DS its parent signed, and every RRset against
 * its RRSIG's key and validity window (RFC 4035 §5). A NXDOMAIN must come
 * with an NSEC proving the name is absent (RFC 4035 §5.4).
 *
 * Record layouts are real (RFC 4034: DNSKEY §2.1, RRSIG §3.1, NSEC §4.1,
 * DS §5.1 with a real SHA-256 digest, key tags from Appendix B). Only the
 * signature is a stand-in: SHA-256 over the public key and the signed data,
 * in place of ECDSA P-256 (algorithm 13, RFC 6605), so it proves nothing
 * about who signed; it only breaks when the data or the key changes.
 */
import { sha256 } from "#runtime/crypto/sha256.ts";
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { CLASS_IN, decodeMessage, encodeMessage, header, optRecord, RCODE, TYPE, type DnsRecord } from "#runtime/wire/dns.ts";

export type Breakage = "none" | "expired-rrsig" | "wrong-ds" | "missing-nsec";
export type Target = "www" | "nope";

export interface DnssecOptions {
  /** www.example.com exists (an A record); nope.example.com does not (NXDOMAIN). */
  readonly target: Target;
  readonly breakage: Breakage;
  /** A resolver that does not validate passes answers through without the AD bit. */
  readonly validating: boolean;
}

/** DNSKEY flags 257: Zone Key plus Secure Entry Point (RFC 4034 §2.1.1). */
const KEY_FLAGS = 257;
/** ECDSA P-256 with SHA-256 (RFC 6605); the signature here only stands in for it. */
export const ALGORITHM = 13;
/** SHA-256 DS digest (RFC 4509). */
export const DIGEST_SHA256 = 2;
/** "Now" for the run, as seconds since 1970: 2026-12-01 00:00 UTC. */
export const NOW = 1_796_083_200;
const DAY = 86_400;
/** P-256 public keys and signatures are 64 bytes each (RFC 6605 §4). */
const SIGNATURE_BYTES = 64;
/** Extended DNS Error codes (RFC 8914 §4) a resolver can attach to its SERVFAIL. */
export const EDE = { bogus: 6, expired: 7, nsecMissing: 12 } as const;

const ZONES = [
  { zone: ".", server: "root", address: "198.41.0.4", oneWayMs: 5 },
  { zone: "com", server: ".com", address: "192.5.6.30", oneWayMs: 12 },
  { zone: "example.com", server: "example.com", address: "199.43.135.53", oneWayMs: 20 },
] as const;

export interface Step {
  /** The question the resolver sent and the server that answered it. */
  readonly question: string;
  readonly server: string;
  readonly sentMs: number;
  readonly answeredMs: number;
  /** Size of the response datagram's DNS payload. */
  readonly bytes: number;
  /** What the response carried, one short line per RRset. */
  readonly carried: readonly string[];
  /** The check made on it, and whether it held ("–" when the resolver does not validate). */
  readonly check: string;
  readonly ok: boolean | undefined;
}

export interface DnssecResult {
  readonly steps: readonly Step[];
  /** What the stub gets back. */
  readonly rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL";
  readonly ad: boolean;
  readonly ede?: number;
  readonly answer?: string;
  /** When the stub has its reply, ms (the stub is 1 ms from the resolver each way). */
  readonly doneMs: number;
  /** The step where validation failed, if any. */
  readonly failedAt?: number;
}

const u16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [...u16(Math.floor(n / 0x10000)), ...u16(n % 0x10000)];
const concat = (...parts: readonly (Uint8Array | readonly number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A name in uncompressed, lower-case wire form (RFC 4034 §6.2). */
export function nameWire(name: string): Uint8Array {
  const labels = name === "." ? [] : name.toLowerCase().split(".");
  return concat(...labels.map((l) => [l.length, ...[...l].map((c) => c.charCodeAt(0))]), [0]);
}

/** RFC 4034 Appendix B: the key tag, a 16-bit checksum of the DNSKEY RDATA. */
export function keyTag(rdata: Uint8Array): number {
  let sum = 0;
  rdata.forEach((b, i) => (sum += i & 1 ? b : b << 8));
  return (sum + ((sum >>> 16) & 0xffff)) & 0xffff;
}

export function dnskeyRdata(publicKey: Uint8Array): Uint8Array {
  return concat(u16(KEY_FLAGS), [3, ALGORITHM], publicKey);
}

/** RFC 4034 §5.1.4: digest = hash(owner name | DNSKEY RDATA). */
export function dsRdata(owner: string, dnskey: Uint8Array): Uint8Array {
  return concat(u16(keyTag(dnskey)), [ALGORITHM, DIGEST_SHA256], sha256(concat(nameWire(owner), dnskey)));
}

const raw = (name: string, type: number, ttl: number, bytes: Uint8Array): DnsRecord => ({ name, type, class: CLASS_IN, ttl, data: { kind: "raw", bytes } });

/** One record in canonical wire form: owner, type, class, original TTL, RDLENGTH, RDATA (RFC 4034 §6.2). */
function recordWire(r: DnsRecord, ttl: number): Uint8Array {
  const message = encodeMessage({ header: header({ id: 0 }), questions: [], answers: [{ ...r, ttl }], authority: [], additional: [] }, { compress: false });
  return message.subarray(12);
}

interface Key {
  readonly zone: string;
  readonly publicKey: Uint8Array;
  readonly rdata: Uint8Array;
}

/**
 * The RRSIG over one RRset (RFC 4034 §3.1): its RDATA fields, then the
 * signature over those fields and the RRset (§3.1.8.1). `window` is
 * [inception, expiration] in seconds since 1970.
 */
function rrsig(set: readonly DnsRecord[], key: Key, window: readonly [number, number]): DnsRecord {
  const first = set[0]!;
  const labels = first.name === "." ? 0 : first.name.split(".").length;
  const fields = concat(u16(first.type), [ALGORITHM, labels], u32(first.ttl), u32(window[1]), u32(window[0]), u16(keyTag(key.rdata)), nameWire(key.zone));
  const signature = sign(key.publicKey, fields, set);
  return raw(first.name, TYPE.RRSIG, first.ttl, concat(fields, signature));
}

function sign(publicKey: Uint8Array, fields: Uint8Array, set: readonly DnsRecord[]): Uint8Array {
  const ttl = set[0]!.ttl;
  const h = sha256(concat(publicKey, fields, ...set.map((r) => recordWire(r, ttl))));
  return concat(h, sha256(h)); // 64 bytes, the size of a P-256 signature (r and s)

}

/** RFC 4035 §5.3: the RRSIG names this key, is in its window, and its signature matches. */
function verify(set: readonly DnsRecord[], sig: DnsRecord | undefined, key: Key, now: number): string | undefined {
  if (sig === undefined || sig.data.kind !== "raw") return "no RRSIG";
  const b = sig.data.bytes;
  const read32 = (at: number) => (b[at]! * 0x1000000 + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!) >>> 0;
  const expiration = read32(8);
  const inception = read32(12);
  const fieldsEnd = b.length - SIGNATURE_BYTES;
  if (((b[16]! << 8) | b[17]!) !== keyTag(key.rdata)) return "RRSIG names another key";
  if (now > expiration) return `RRSIG expired ${Math.round((now - expiration) / DAY)} days ago`;
  if (now < inception) return "RRSIG not yet valid";
  return same(sign(key.publicKey, b.subarray(0, fieldsEnd), set), b.subarray(fieldsEnd)) ? undefined : "signature does not match";
}

function keyFor(zone: string): Key {
  const half = sha256(concat(nameWire(zone), [0x6b, 0x65, 0x79]));
  const publicKey = concat(half, sha256(half));
  return { zone, publicKey, rdata: dnskeyRdata(publicKey) };
}

/** The trust anchor for the root a resolver ships with (IANA publishes it as a DS). */
export function rootTrustAnchor(): Uint8Array {
  return dsRdata(".", keyFor(".").rdata);
}

/** Builds every zone's records for a run; `breakage` spoils one link. */
function buildZones(breakage: Breakage) {
  const keys = ZONES.map((z) => keyFor(z.zone));
  const valid: [number, number] = [NOW - 10 * DAY, NOW + 20 * DAY];
  const expired: [number, number] = [NOW - 40 * DAY, NOW - 3 * DAY];
  const dnskeySet = (i: number) => {
    const set = [raw(ZONES[i]!.zone, TYPE.DNSKEY, 3600, keys[i]!.rdata)];
    return [...set, rrsig(set, keys[i]!, valid)];
  };
  const dsSet = (child: number) => {
    const wrong = breakage === "wrong-ds" && child === 2;
    // A stale DS left at the parent after a key rollover: it hashes a key the child no longer publishes.
    const childKey = wrong ? dnskeyRdata(sha256(keys[child]!.publicKey)) : keys[child]!.rdata;
    const set = [raw(ZONES[child]!.zone, TYPE.DS, 86_400, dsRdata(ZONES[child]!.zone, childKey))];
    return [...set, rrsig(set, keys[child - 1]!, valid)];
  };
  const a = [{ name: "www.example.com", type: TYPE.A, class: CLASS_IN, ttl: 300, data: { kind: "A", address: "192.0.2.80" } } as DnsRecord];
  const aSet = [...a, rrsig(a, keys[2]!, breakage === "expired-rrsig" ? expired : valid)];
  const soa: DnsRecord = {
    name: "example.com",
    type: TYPE.SOA,
    class: CLASS_IN,
    ttl: 3600,
    data: { kind: "SOA", mname: "ns1.example.com", rname: "hostmaster.example.com", serial: 2026120101, refresh: 7200, retry: 900, expire: 1_209_600, minimum: 300 },
  };
  // NSEC example.com -> www.example.com: no name sorts between them, so neither nope.example.com nor *.example.com exists.
  const bitmap = [0, 7, 0x62, 0x01, 0x00, 0x08, 0x00, 0x03, 0x80]; // window 0: A NS SOA MX AAAA RRSIG NSEC DNSKEY
  const nsec = [raw("example.com", TYPE.NSEC, 300, concat(nameWire("www.example.com"), bitmap))];
  const nx = [soa, rrsig([soa], keys[2]!, valid), ...(breakage === "missing-nsec" ? [] : [...nsec, rrsig(nsec, keys[2]!, valid)])];
  return { keys, dnskeySet, dsSet, aSet, nx };
}

const splitSets = (records: readonly DnsRecord[]) => {
  const sigs = records.filter((r) => r.type === TYPE.RRSIG);
  const data = records.filter((r) => r.type !== TYPE.RRSIG);
  const sigFor = (type: number) => sigs.find((s) => s.data.kind === "raw" && ((s.data.bytes[0]! << 8) | s.data.bytes[1]!) === type);
  return { data, sigFor };
};

export function runDnssec(options: DnssecOptions): DnssecResult {
  const z = buildZones(options.breakage);
  const name = `${options.target}.example.com`;
  const net = new Network({ seed: 1 });
  const resolver = net.host("resolver", "10.0.0.53");
  const servers = ZONES.map((zone) => {
    const host = net.host(zone.server, zone.address);
    net.connect(resolver, host, { delay: ms(zone.oneWayMs), rate: 100e6 });
    resolver.addRoute(`${zone.address}/32`, host);
    return host;
  });
  const socket = resolver.udp(40_053);

  /** What each server answers: its DNSKEY set, or a referral with the child's DS, or the final answer. */
  const serve = (i: number, qname: string, qtype: number) => {
    if (qtype === TYPE.DNSKEY) return { answers: z.dnskeySet(i), authority: [], rcode: RCODE.NOERROR };
    if (i < 2) {
      const child = ZONES[i + 1]!.zone;
      return { answers: [], authority: [raw(child, TYPE.NS, 172_800, nameWire(`a.ns.${child}`)), ...z.dsSet(i + 1)], rcode: RCODE.NOERROR };
    }
    return qname.startsWith("www.") ? { answers: z.aSet, authority: [], rcode: RCODE.NOERROR } : { answers: [], authority: z.nx, rcode: RCODE.NXDOMAIN };
  };
  servers.forEach((host, i) => {
    const s = host.udp(53);
    s.onDatagram = (d) => {
      const q = decodeMessage(d.payload);
      const question = q.questions[0]!;
      const reply = serve(i, question.name, question.type);
      const message = { header: header({ id: q.header.id, qr: true, aa: i === 2, rcode: reply.rcode }), questions: q.questions, answers: reply.answers, authority: reply.authority, additional: [optRecord(1232, { dnssecOk: true })] };
      s.send(d.from, encodeMessage(message));
    };
  });

  // The walk: [server, name, type]; a non-validating resolver skips the DNSKEY queries.
  const plan: [number, string, number][] = options.validating
    ? [[0, ".", TYPE.DNSKEY], [0, name, TYPE.A], [1, "com", TYPE.DNSKEY], [1, name, TYPE.A], [2, "example.com", TYPE.DNSKEY], [2, name, TYPE.A]]
    : [[0, name, TYPE.A], [1, name, TYPE.A], [2, name, TYPE.A]];
  const steps: Step[] = [];
  let trusted: Uint8Array | undefined = rootTrustAnchor(); // the DS digest the next DNSKEY must match
  let key: Key | undefined;
  let failedAt: number | undefined;
  let ede: number | undefined;
  let final: { rcode: number; answer?: string } = { rcode: RCODE.SERVFAIL };

  const check = (qtype: number, i: number, records: readonly DnsRecord[], rcode: number): string => {
    const { data, sigFor } = splitSets(records);
    const now = NOW;
    if (qtype === TYPE.DNSKEY) {
      const dnskey = data.find((r) => r.type === TYPE.DNSKEY)!;
      const rd = dnskey.data.kind === "raw" ? dnskey.data.bytes : new Uint8Array();
      const source = i === 0 ? "the root trust anchor" : `the DS from ${ZONES[i - 1]!.server}`;
      if (trusted === undefined || !same(dsRdata(ZONES[i]!.zone, rd), trusted)) throw new Bogus(`DNSKEY (tag ${keyTag(rd)}) does not hash to ${source}`, EDE.bogus);
      const k = keyFor(ZONES[i]!.zone);
      const problem = verify([dnskey], sigFor(TYPE.DNSKEY), k, now);
      if (problem !== undefined) throw new Bogus(`DNSKEY RRset: ${problem}`, EDE.bogus);
      key = k;
      return `DNSKEY tag ${keyTag(rd)} matches ${source}; its RRSIG verifies`;
    }
    if (i < 2) {
      const ds = data.find((r) => r.type === TYPE.DS)!;
      const problem = verify([ds], sigFor(TYPE.DS), key!, now);
      if (problem !== undefined) throw new Bogus(`DS RRset: ${problem}`, EDE.bogus);
      trusted = ds.data.kind === "raw" ? ds.data.bytes : undefined;
      return `DS for ${ZONES[i + 1]!.zone} signed by ${ZONES[i]!.server}'s key: verifies`;
    }
    if (rcode === RCODE.NXDOMAIN) {
      const nsec = data.find((r) => r.type === TYPE.NSEC);
      if (nsec === undefined) throw new Bogus("NXDOMAIN without an NSEC proving the name absent", EDE.nsecMissing);
      const problem = verify([nsec], sigFor(TYPE.NSEC), key!, now);
      if (problem !== undefined) throw new Bogus(`NSEC: ${problem}`, EDE.bogus);
      return "NSEC example.com → www.example.com covers nope and *: verifies";
    }
    const a = data.find((r) => r.type === TYPE.A)!;
    const problem = verify([a], sigFor(TYPE.A), key!, now);
    if (problem !== undefined) throw new Bogus(`A RRset: ${problem}`, problem.includes("expired") ? EDE.expired : EDE.bogus);
    return "A RRset signed by example.com's key: verifies";
  };

  let sentAt = 0;
  const ask = (n: number) => {
    const [i, qname, qtype] = plan[n]!;
    sentAt = toMs(net.now);
    const query = { header: header({ id: 0x1000 + n, rd: false }), questions: [{ name: qname, type: qtype, class: CLASS_IN }], answers: [], authority: [], additional: [optRecord(1232, { dnssecOk: true })] };
    socket.send({ address: ZONES[i]!.address, port: 53 }, encodeMessage(query));
  };
  socket.onDatagram = (d) => {
    const n = steps.length;
    const [i, qname, qtype] = plan[n]!;
    const reply = decodeMessage(d.payload);
    const records = [...reply.answers, ...reply.authority];
    const carried = summarize(records);
    let verdict = "–";
    let ok: boolean | undefined;
    if (options.validating && failedAt === undefined) {
      try {
        verdict = check(qtype, i, records, reply.header.rcode);
        ok = true;
      } catch (e) {
        if (!(e instanceof Bogus)) throw e;
        verdict = e.message;
        ok = false;
        failedAt = n;
        ede = e.ede;
      }
    }
    steps.push({ question: `${qname === "." ? "." : qname} ${qtype === TYPE.DNSKEY ? "DNSKEY" : "A"}`, server: ZONES[i]!.server, sentMs: sentAt, answeredMs: toMs(net.now), bytes: d.payload.length, carried, check: verdict, ok });
    if (failedAt !== undefined) return;
    if (n + 1 < plan.length) ask(n + 1);
    else {
      const a = reply.answers.find((r) => r.type === TYPE.A);
      final = { rcode: reply.header.rcode, ...(a?.data.kind === "A" ? { answer: a.data.address } : {}) };
    }
  };
  ask(0);
  net.run();
  const last = steps[steps.length - 1]!;
  const stubMs = last.answeredMs + 2; // one 1 ms hop each way to the stub
  if (failedAt !== undefined) return { steps, rcode: "SERVFAIL", ad: false, ...(ede === undefined ? {} : { ede }), doneMs: stubMs, failedAt };
  return { steps, rcode: final.rcode === RCODE.NXDOMAIN ? "NXDOMAIN" : "NOERROR", ad: options.validating, ...(final.answer === undefined ? {} : { answer: final.answer }), doneMs: stubMs };
}

/** A failed check: what failed, and the Extended DNS Error the resolver reports for it. */
class Bogus extends Error {
  readonly ede: number;
  constructor(message: string, ede: number) {
    super(message);
    this.ede = ede;
  }
}

const TYPE_LABEL = new Map<number, string>(Object.entries(TYPE).map(([k, v]) => [v, k]));

function summarize(records: readonly DnsRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    const label = `${r.name === "." ? "." : r.name} ${TYPE_LABEL.get(r.type) ?? r.type}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.keys()];
}
