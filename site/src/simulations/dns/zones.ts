/**
 * The simulated DNS: three servers (a root server, a .com TLD server and the
 * authoritative server of example.com) with the data each holds, and how a
 * server answers a question from its data (RFC 1034 §4.3.2, much reduced):
 * a referral when the name lies below a zone cut it delegates, the records
 * when it has them, the CNAME (and what it points to inside the zone) when
 * the name is an alias, otherwise NXDOMAIN or "no data" with the zone's SOA
 * so that the asker can cache the negative answer (RFC 2308 §3).
 */
import { CLASS_IN, RCODE, TYPE, type DnsQuestion, type DnsRecord, type RData } from "#runtime/wire/dns.ts";

export type ServerLane = "root" | "tld" | "auth";

export interface Zone {
  /** The zone's apex: ".", "com", "example.com". */
  readonly apex: string;
  readonly server: { readonly lane: ServerLane; readonly name: string; readonly address: string };
  /** The zone's own records (SOA included). */
  readonly records: readonly DnsRecord[];
  /** Child zones: NS records at the cut and glue addresses. */
  readonly delegations: readonly { readonly ns: readonly DnsRecord[]; readonly glue: readonly DnsRecord[] }[];
}

const rr = (name: string, type: number, ttl: number, data: RData): DnsRecord => ({ name, type, class: CLASS_IN, ttl, data });
const a = (name: string, ttl: number, address: string) => rr(name, TYPE.A, ttl, { kind: "A", address });
const soa = (apex: string, mname: string, rname: string, ttl: number, minimum: number) =>
  rr(apex, TYPE.SOA, ttl, { kind: "SOA", mname, rname, serial: 2026112101, refresh: 7200, retry: 3600, expire: 1209600, minimum });

/** How many addresses pool.example.com has: enough that the answer needs more than 512 bytes. */
export const POOL_SIZE = 36;

export const ROOT: Zone = {
  apex: ".",
  server: { lane: "root", name: "a.root-servers.net", address: "198.41.0.4" },
  records: [soa(".", "a.root-servers.net", "nstld.verisign-grs.com", 86400, 86400)],
  delegations: [
    {
      ns: [rr("com", TYPE.NS, 172800, { kind: "NS", host: "a.gtld-servers.net" })],
      glue: [a("a.gtld-servers.net", 172800, "192.5.6.30")],
    },
  ],
};

export const COM: Zone = {
  apex: "com",
  server: { lane: "tld", name: "a.gtld-servers.net", address: "192.5.6.30" },
  records: [soa("com", "a.gtld-servers.net", "nstld.verisign-grs.com", 900, 86400)],
  delegations: [
    {
      ns: [rr("example.com", TYPE.NS, 86400, { kind: "NS", host: "ns1.example.com" })],
      glue: [a("ns1.example.com", 86400, "203.0.113.53")],
    },
  ],
};

export const EXAMPLE: Zone = {
  apex: "example.com",
  server: { lane: "auth", name: "ns1.example.com", address: "203.0.113.53" },
  records: [
    soa("example.com", "ns1.example.com", "hostmaster.example.com", 3600, 300),
    rr("example.com", TYPE.NS, 86400, { kind: "NS", host: "ns1.example.com" }),
    rr("example.com", TYPE.MX, 3600, { kind: "MX", preference: 10, exchange: "mail.example.com" }),
    rr("example.com", TYPE.TXT, 3600, { kind: "TXT", strings: ["v=spf1 mx -all"] }),
    a("ns1.example.com", 86400, "203.0.113.53"),
    a("mail.example.com", 3600, "203.0.113.25"),
    a("www.example.com", 300, "203.0.113.10"),
    rr("www.example.com", TYPE.AAAA, 300, { kind: "AAAA", address: "2001:db8::10" }),
    rr("shop.example.com", TYPE.CNAME, 3600, { kind: "CNAME", target: "store.example.com" }),
    rr("store.example.com", TYPE.CNAME, 1800, { kind: "CNAME", target: "lb.example.com" }),
    a("lb.example.com", 60, "203.0.113.20"),
    a("lb.example.com", 60, "203.0.113.21"),
    ...Array.from({ length: POOL_SIZE }, (_, i) => a("pool.example.com", 60, `198.51.100.${i + 1}`)),
  ],
  delegations: [],
};

export const ZONES: readonly Zone[] = [ROOT, COM, EXAMPLE];

const lower = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** True when `name` is `zone` or lies below it. */
export function isWithin(name: string, zone: string): boolean {
  const n = lower(name);
  const z = lower(zone);
  return z === "" || n === z || n.endsWith(`.${z}`);
}

export interface ZoneAnswer {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answers: DnsRecord[];
  readonly authority: DnsRecord[];
  readonly additional: DnsRecord[];
}

/** What `zone`'s server says to `question`. */
export function answerFrom(zone: Zone, question: DnsQuestion): ZoneAnswer {
  const answers: DnsRecord[] = [];
  let name = question.name;
  for (let hops = 0; hops < 8; hops++) {
    // Below a zone cut this server knows only the delegation: a referral.
    const cut = zone.delegations.find((d) => isWithin(name, d.ns[0]!.name));
    if (cut !== undefined) {
      if (answers.length > 0) return { rcode: RCODE.NOERROR, aa: true, answers, authority: [], additional: [] };
      return { rcode: RCODE.NOERROR, aa: false, answers, authority: [...cut.ns], additional: [...cut.glue] };
    }
    const atName = zone.records.filter((r) => lower(r.name) === lower(name));
    const matching = atName.filter((r) => r.type === question.type);
    if (matching.length > 0) {
      const additional = matching.flatMap((r) => (r.data.kind === "MX" ? zone.records.filter((x) => x.type === TYPE.A && lower(x.name) === lower((r.data as { exchange: string }).exchange)) : []));
      return { rcode: RCODE.NOERROR, aa: true, answers: [...answers, ...matching], authority: [], additional };
    }
    const cname = atName.find((r) => r.type === TYPE.CNAME);
    if (cname !== undefined && cname.data.kind === "CNAME") {
      answers.push(cname);
      name = cname.data.target;
      if (!isWithin(name, zone.apex)) break; // the asker continues elsewhere
      continue;
    }
    // RFC 2308 §3: the SOA goes in the authority section, its TTL cut to the SOA MINIMUM.
    const zoneSoa = zone.records.find((r) => r.type === TYPE.SOA)!;
    const minimum = zoneSoa.data.kind === "SOA" ? zoneSoa.data.minimum : zoneSoa.ttl;
    const negativeSoa = { ...zoneSoa, ttl: Math.min(zoneSoa.ttl, minimum) };
    const exists = atName.length > 0 || zone.records.some((r) => isWithin(r.name, name));
    return { rcode: exists ? RCODE.NOERROR : RCODE.NXDOMAIN, aa: true, answers, authority: [negativeSoa], additional: [] };
  }
  return { rcode: RCODE.NOERROR, aa: true, answers, authority: [], additional: [] };
}
