/**
 * The simulated name servers the resolver talks to: each answers from its
 * zones the way RFC 1034 §4.3.2 describes (much reduced): a referral below a
 * zone cut (the cut's NS records, and the A records the zone holds for them
 * as glue), the records when it has them, CNAMEs followed inside the zone,
 * otherwise NXDOMAIN or "no data" with the zone's SOA (RFC 2308 §3). The
 * SOA goes out with the TTL it has in the zone, so a resolver must take
 * min(TTL, MINIMUM) itself (RFC 2308 §5).
 */
import { CLASS_IN, RCODE, TYPE, type DnsMessage, type DnsRecord, type RData } from "#runtime/wire/dns.ts";
import type { RecordSpec, ServerSpec } from "./scenarios.ts";

const lower = (name: string) => name.toLowerCase();

/** True when `name` is `zone` or lies below it ("." holds every name). */
export function isWithin(name: string, zone: string): boolean {
  const n = lower(name);
  const z = lower(zone);
  return z === "." || n === z || n.endsWith(`.${z}`);
}

export function recordOf(spec: RecordSpec): DnsRecord {
  const type = TYPE[spec.type];
  const data: RData =
    spec.type === "A"
      ? { kind: "A", address: spec.data }
      : spec.type === "NS"
        ? { kind: "NS", host: spec.data }
        : spec.type === "CNAME"
          ? { kind: "CNAME", target: spec.data }
          : spec.type === "TXT"
            ? { kind: "TXT", strings: [spec.data] }
            : soaData(spec.data);
  return { name: spec.name, type, class: CLASS_IN, ttl: spec.ttl, data };
}

function soaData(text: string): RData {
  const [mname, rname, ...numbers] = text.split(" ");
  const [serial, refresh, retry, expire, minimum] = numbers.map(Number) as [number, number, number, number, number];
  return { kind: "SOA", mname: mname!, rname: rname!, serial, refresh, retry, expire, minimum };
}

/** The sections of a server's reply to one question. */
export interface Reply {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answers: DnsRecord[];
  readonly authority: DnsRecord[];
  readonly additional: DnsRecord[];
}

/** What `server` answers to `name`/`type`. */
export function replyOf(server: ServerSpec, name: string, type: number): Reply {
  const zone = [...server.zones].filter((z) => isWithin(name, z.apex)).sort((a, b) => b.apex.length - a.apex.length)[0];
  if (zone === undefined) return { rcode: RCODE.REFUSED, aa: false, answers: [], authority: [], additional: [] };
  const records = zone.records.map(recordOf);
  const answers: DnsRecord[] = [];
  let current = name;
  for (let hops = 0; hops < 8; hops++) {
    const cut = records.find((r) => r.type === TYPE.NS && lower(r.name) !== lower(zone.apex) && isWithin(current, r.name));
    if (cut !== undefined) {
      if (answers.length > 0) break;
      const ns = records.filter((r) => r.type === TYPE.NS && lower(r.name) === lower(cut.name));
      const hosts = ns.map((r) => lower((r.data as { host: string }).host));
      const glue = records.filter((r) => r.type === TYPE.A && hosts.includes(lower(r.name)));
      return { rcode: RCODE.NOERROR, aa: false, answers: [], authority: ns, additional: glue };
    }
    const here = records.filter((r) => lower(r.name) === lower(current));
    const matching = here.filter((r) => r.type === type);
    if (matching.length > 0) return { rcode: RCODE.NOERROR, aa: true, answers: [...answers, ...matching], authority: [], additional: [] };
    const cname = here.find((r) => r.type === TYPE.CNAME);
    if (cname !== undefined) {
      answers.push(cname);
      current = (cname.data as { target: string }).target;
      if (!isWithin(current, zone.apex)) break;
      continue;
    }
    const soa = records.filter((r) => r.type === TYPE.SOA && lower(r.name) === lower(zone.apex));
    const exists = records.some((r) => isWithin(r.name, current));
    return { rcode: exists ? RCODE.NOERROR : RCODE.NXDOMAIN, aa: true, answers, authority: soa, additional: [] };
  }
  return { rcode: RCODE.NOERROR, aa: true, answers, authority: [], additional: [] };
}

/** The whole reply message to `query` (null: the server stays silent). */
export function respond(server: ServerSpec, query: DnsMessage, tcp: boolean): DnsMessage | null {
  const question = query.questions[0];
  if (server.behaviour === "silent" || question === undefined) return null;
  const asked = server.behaviour === "case" ? flipCase(question.name) : question.name;
  const header = { id: query.header.id, qr: true, opcode: 0, aa: false, tc: false, rd: query.header.rd, ra: false, rcode: 0 };
  const questions = [{ ...question, name: asked }];
  if (server.behaviour === "servfail") return { header: { ...header, rcode: RCODE.SERVFAIL }, questions, answers: [], authority: [], additional: [] };
  if (server.behaviour === "truncate" && !tcp) return { header: { ...header, tc: true }, questions, answers: [], authority: [], additional: [] };
  const reply = replyOf(server, question.name, question.type);
  return { header: { ...header, aa: reply.aa, rcode: reply.rcode }, questions, answers: reply.answers, authority: reply.authority, additional: reply.additional };
}

/** "wWw.ExAmPlE.cOm": what a server that mixes case (or an attacker) might send back. */
export function flipCase(name: string): string {
  return [...name].map((c, i) => (i % 2 === 0 ? c.toLowerCase() : c.toUpperCase())).join("");
}
