/**
 * DNS numbers and names as people read them: the record types and class of
 * RFC 1035 §3.2.2 and §3.2.4, the response codes of §4.1.1 (AAAA from RFC 3596, OPT from
 * RFC 6891, the DNSSEC types from RFC 4034, SVCB and HTTPS from RFC 9460),
 * and records as zone-file lines. Apart from the codec (dns.ts, which
 * re-exports all of it), so that a page that only shows records does not
 * load the encoder and decoder.
 */
import type { DnsRecord } from "./dns.ts";

export const TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  OPT: 41,
  /** DNSSEC (RFC 4034 §§2-5) and NSEC3 (RFC 5155 §3); their data is kept as raw bytes here. */
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  /** Service binding (RFC 9460 §14.1), also raw bytes. */
  SVCB: 64,
  HTTPS: 65,
} as const;
export const CLASS_IN = 1;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

const TYPE_NAMES = new Map<number, string>(Object.entries(TYPE).map(([name, value]) => [value, name]));

/** "A", "AAAA", or "TYPE99" for a type this module does not know. */
export function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

export function rcodeName(rcode: number): string {
  return Object.entries(RCODE).find(([, value]) => value === rcode)?.[0] ?? `RCODE${rcode}`;
}

/** Record data as a zone file would show it. */
export function formatData(record: DnsRecord): string {
  const d = record.data;
  switch (d.kind) {
    case "A":
    case "AAAA":
      return d.address;
    case "NS":
      return d.host;
    case "CNAME":
      return d.target;
    case "MX":
      return `${d.preference} ${d.exchange}`;
    case "TXT":
      return d.strings.map((t) => `"${t}"`).join(" ");
    case "SOA":
      return `${d.mname} ${d.rname} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    case "raw":
      return record.type === TYPE.OPT ? `UDP payload size ${record.class}` : `\\# ${d.bytes.length}`;
  }
}

/** One record as a zone-file line: "www.example.com. 300 IN A 203.0.113.10". */
export function formatRecord(record: DnsRecord): string {
  if (record.type === TYPE.OPT) return `OPT (EDNS(0)) UDP payload size ${record.class}`;
  return `${record.name === "." ? "." : `${record.name}.`} ${record.ttl} IN ${typeName(record.type)} ${formatData(record)}`;
}
