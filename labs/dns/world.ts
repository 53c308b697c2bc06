/**
 * A small Internet of name servers for the demo and the public tests,
 * written as zone-file-like lines ("www.example.com 300 A 203.0.113.10").
 * Addresses come from the documentation ranges (RFC 5737) except the root
 * and .com servers, which borrow a.root-servers.net's and a.gtld-servers.net's.
 */
import type { RecordSpec, ResolveInput, ServerSpec } from "./scenarios.ts";

/** "name ttl TYPE data…" → a RecordSpec. */
export function rr(line: string): RecordSpec {
  const [name, ttl, type, ...data] = line.trim().split(/\s+/);
  return { name: name!, ttl: Number(ttl), type: type as RecordSpec["type"], data: data.join(" ") };
}

export function server(address: string, zones: Record<string, readonly string[]>, behaviour?: ServerSpec["behaviour"]): ServerSpec {
  return { address, zones: Object.entries(zones).map(([apex, lines]) => ({ apex, records: lines.map(rr) })), ...(behaviour === undefined ? {} : { behaviour }) };
}

export const ROOT = "198.41.0.4";
export const TLD = "192.5.6.30";
export const ORG = "199.19.56.1";
export const EXAMPLE_COM = "203.0.113.53";
export const EXAMPLE_ORG = "198.51.100.53";

export const WORLD: Pick<ResolveInput, "roots" | "servers"> = {
  roots: [ROOT],
  servers: [
    server(ROOT, {
      ".": [
        ". 86400 SOA a.root-servers.net nstld.verisign-grs.com 2026120200 1800 900 604800 86400",
        "com 172800 NS a.gtld-servers.net",
        "net 172800 NS a.gtld-servers.net",
        "a.gtld-servers.net 172800 A 192.5.6.30",
        "org 172800 NS a0.org.afilias-nst.info",
        "a0.org.afilias-nst.info 172800 A 199.19.56.1",
      ],
    }),
    server(TLD, {
      com: ["com 900 SOA a.gtld-servers.net nstld.verisign-grs.com 1 1800 900 604800 86400", "example.com 172800 NS ns1.example.com", "ns1.example.com 172800 A 203.0.113.53"],
      net: ["net 900 SOA a.gtld-servers.net nstld.verisign-grs.com 1 1800 900 604800 86400", "example.net 172800 NS ns1.example.org"],
    }),
    server(ORG, { org: ["org 900 SOA a0.org.afilias-nst.info noc.afilias-nst.info 1 1800 900 604800 86400", "example.org 86400 NS ns1.example.org", "ns1.example.org 86400 A 198.51.100.53"] }),
    server(EXAMPLE_COM, {
      "example.com": [
        "example.com 3600 SOA ns1.example.com hostmaster.example.com 2026120201 7200 3600 1209600 300",
        "example.com 86400 NS ns1.example.com",
        "ns1.example.com 86400 A 203.0.113.53",
        "www.example.com 300 A 203.0.113.10",
        "shop.example.com 3600 CNAME www.example.net",
      ],
    }),
    server(
      EXAMPLE_ORG,
      {
        "example.org": ["example.org 3600 SOA ns1.example.org hostmaster.example.org 1 7200 3600 1209600 600", "ns1.example.org 86400 A 198.51.100.53"],
        "example.net": ["example.net 3600 SOA ns1.example.org hostmaster.example.net 1 7200 3600 1209600 600", "www.example.net 600 A 198.51.100.80", "www.example.net 600 A 198.51.100.81"],
      },
      "truncate",
    ),
  ],
};

export const DEMO_LOOKUPS: ResolveInput["lookups"] = [
  { name: "www.example.com", type: 1, atMs: 0 },
  { name: "shop.example.com", type: 1, atMs: 1000 },
  { name: "nosuch.example.com", type: 1, atMs: 3000 },
  { name: "www.example.com", type: 1, atMs: 4000 },
  { name: "nosuch.example.com", type: 1, atMs: 5000 },
];
