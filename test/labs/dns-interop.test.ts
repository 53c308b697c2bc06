/**
 * The dns lab against an independent codec: dns-packet (a devDependency,
 * Node only; the browser runs the lab's recorded fixtures and the runtime's
 * codec instead). Checked here:
 * - the recorded real messages (labs/dns/fixtures/recorded.json) read the
 *   same in dns-packet as the fixtures say;
 * - the reference decodes what dns-packet encodes, and its queries are the
 *   bytes dns-packet writes for them; the runtime's codec (the hidden tests'
 *   oracle) agrees with dns-packet too; the starter fails;
 * - the public tests and the harness import no answer (issue 17).
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { Buffer } from "node:buffer";
import dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as solution from "#labs/dns/solution.ts";
import * as starter from "#labs/dns/starter.ts";
import recorded from "#labs/dns/fixtures/recorded.json" with { type: "json" };
import { decodeMessage as runtimeDecode } from "#runtime/wire/dns.ts";

const bytesOf = (hex: string) => Uint8Array.from(hex.split(" ").map((b) => parseInt(b, 16)));
const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, TXT: 16, AAAA: 28, MX: 15, ANY: 255 } as const;
type TypeName = keyof typeof TYPES;

/** A dns-packet record as the lab's ResourceRecord would show it (A, NS, CNAME, SOA only). */
function fromPacket(r: dnsPacket.Answer): unknown {
  const base = { name: r.name, type: TYPES[r.type as TypeName], class: 1, ttl: (r as { ttl?: number }).ttl ?? 0 };
  const data = (r as { data: unknown }).data;
  if (r.type === "SOA") {
    const soa = data as dnsPacket.SoaData;
    return { ...base, data: { mname: soa.mname, rname: soa.rname, serial: soa.serial, refresh: soa.refresh, retry: soa.retry, expire: soa.expire, minimum: soa.minimum } };
  }
  return { ...base, data };
}

describe("recorded real messages", () => {
  it.each(recorded.messages.map((m) => [m.name, m] as const))("%s: dns-packet reads what the fixture says", (_name, m) => {
    const packet = dnsPacket.decode(Buffer.from(bytesOf(m.hex)));
    const opt = packet.additionals?.find((r) => r.type === "OPT") as dnsPacket.OptAnswer | undefined;
    expect(packet.id).toBe(m.message.id);
    expect(packet.flag_rd).toBe(m.message.rd);
    expect(packet.flag_ra).toBe(m.message.ra);
    expect(packet.type === "response").toBe(m.message.qr);
    expect(packet.questions?.map((q) => ({ name: q.name, type: TYPES[q.type as TypeName], class: 1 }))).toEqual(m.message.questions);
    expect((packet.answers ?? []).map(fromPacket)).toEqual(m.message.answers);
    expect(opt === undefined ? null : { udpSize: opt.udpPayloadSize, version: 0, dnssecOk: opt.flag_do }).toEqual(m.message.edns);
    expect(solution.decodeMessage(bytesOf(m.hex))).toEqual(m.message);
  });
});

const label = fc.constantFrom("www", "Mail", "example", "com", "a", "b-2", "x".repeat(63), "_srv");
const name = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join("."));
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const packetRecord: fc.Arbitrary<dnsPacket.Answer> = fc.oneof(
  fc.record({ name, ttl: u32, data: fc.ipV4() }).map((r) => ({ ...r, type: "A" as const, class: "IN" as const })),
  fc.record({ name, ttl: u32, data: name }).map((r) => ({ ...r, type: "NS" as const, class: "IN" as const })),
  fc.record({ name, ttl: u32, data: name }).map((r) => ({ ...r, type: "CNAME" as const, class: "IN" as const })),
  fc
    .record({ name, ttl: u32, mname: name, rname: name, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32 })
    .map(({ name, ttl, ...data }) => ({ name, ttl, type: "SOA" as const, class: "IN" as const, data })),
);

describe("the reference against dns-packet", () => {
  it("decodes random responses dns-packet encodes (with its name compression) as dns-packet reads them", () => {
    fc.assert(
      fc.property(fc.record({ id: fc.integer({ min: 0, max: 0xffff }), question: name, answers: fc.array(packetRecord, { maxLength: 5 }), authorities: fc.array(packetRecord, { maxLength: 3 }), udp: fc.integer({ min: 512, max: 65535 }) }), (r) => {
        const bytes = dnsPacket.encode({
          type: "response",
          id: r.id,
          flags: dnsPacket.RECURSION_DESIRED,
          questions: [{ type: "A", name: r.question, class: "IN" }],
          answers: r.answers,
          authorities: r.authorities,
          additionals: [{ type: "OPT", name: ".", udpPayloadSize: r.udp, flags: dnsPacket.DNSSEC_OK } as unknown as dnsPacket.Answer],
        });
        const read = dnsPacket.decode(bytes);
        const mine = solution.decodeMessage(new Uint8Array(bytes));
        expect(mine.answers).toEqual((read.answers ?? []).map(fromPacket));
        expect(mine.authority).toEqual((read.authorities ?? []).map(fromPacket));
        expect(mine.edns).toEqual({ udpSize: r.udp, version: 0, dnssecOk: true });
        expect(runtimeDecode(new Uint8Array(bytes)).answers.length).toBe(mine.answers.length);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it("encodes random queries to the bytes dns-packet writes", () => {
    fc.assert(
      fc.property(fc.record({ id: fc.integer({ min: 0, max: 0xffff }), name, type: fc.constantFrom(...(Object.keys(TYPES) as TypeName[])), rd: fc.boolean(), edns: fc.option(fc.record({ udpSize: fc.integer({ min: 1, max: 0xffff }), dnssecOk: fc.boolean() }), { nil: null }) }), (q) => {
        // (dns-packet writes a payload size of 0 as its default 4096, so 0 is left out here.)
        const theirs = dnsPacket.encode({
          type: "query",
          id: q.id,
          flags: q.rd ? dnsPacket.RECURSION_DESIRED : 0,
          questions: [{ type: q.type as dnsPacket.RecordType, name: q.name, class: "IN" }],
          additionals: q.edns === null ? [] : [{ type: "OPT", name: ".", udpPayloadSize: q.edns.udpSize, flags: q.edns.dnssecOk ? dnsPacket.DNSSEC_OK : 0 } as unknown as dnsPacket.Answer],
        });
        expect(Buffer.from(solution.encodeQuery({ ...q, type: TYPES[q.type] })).toString("hex")).toBe(theirs.toString("hex"));
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it("fails with the starter", () => {
    expect(() => starter.encodeQuery({ id: 1, name: "example.com", type: 1, rd: false, edns: null })).toThrow(/not implemented/);
    expect(() => starter.decodeMessage(bytesOf(recorded.messages[1]!.hex))).toThrow(/not implemented/);
  });
});

/** Every module `entry` imports, transitively (relative imports only). */
function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const [, spec] of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)) importGraph(join(dirname(entry), spec!), seen);
  for (const [, spec] of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"#labs\/dns\/([^"]+)"/gms)) importGraph(join(lab, spec!), seen);
  return seen;
}

const lab = resolve(import.meta.dirname, "../../labs/dns");

describe("public tests and harness import no answer (issue 17)", () => {
  it.each(["tests/public.ts", "harness.ts"])("%s", (file) => {
    const graph = [...importGraph(join(lab, file))].map((path) => relative(lab, path));
    expect(graph.filter((path) => path === "solution.ts" || path.startsWith("tests/hidden") || path === "tests/oracle.ts" || path.startsWith("variants/") || path.startsWith("mutants/"))).toEqual([]);
  });
});
