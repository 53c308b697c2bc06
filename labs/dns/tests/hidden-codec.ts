/**
 * Hidden tests of the dns lab's codec: exact query bytes (from the runtime's
 * independent codec), every field and record kind, compression with its
 * rules, every way a message can be malformed, EDNS(0), recorded real
 * messages, views into larger buffers, and random messages compared with the
 * runtime's codec.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fail, toHex, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import { decodeMessage, encodeMessage, header, optRecord, TYPE, type DnsMessage, type DnsRecord } from "#runtime/wire/dns.ts";
import recorded from "../fixtures/recorded.json" with { type: "json" };
import type { EncodeInput, MessageView } from "../scenarios.ts";
import * as arb from "./arbitraries.ts";
import { decodeAll, encodeAll, expectDecoded, expectEncoded } from "./check.ts";
import { queryHex, viewOf } from "./oracle.ts";
import { RULES } from "./rules.ts";

type Query = EncodeInput["queries"][number];
const RECORDED = recorded.messages as readonly { name: string; source: string; hex: string; message: MessageView }[];

/** Hex text from pieces written with spaces and comments stripped by the caller. */
const hex = (...parts: string[]) => toHex(Uint8Array.from(parts.join(" ").trim().split(/\s+/).map((b) => parseInt(b, 16))));
const label = (n: number, c = "x") => `${c.repeat(n)}`;

/** Checks queries against the runtime's encoding of them, or that they throw. */
async function queries(t: TestContext, list: readonly (readonly [Query, "ok" | "throws", string])[]): Promise<void> {
  const results = await encodeAll(t, list.map(([q]) => q));
  list.forEach(([q, outcome, why], i) => expectEncoded(t, q, results[i]!, outcome === "throws" ? "throws" : queryHex(q), why));
}

/** Decodes each case and checks it against the runtime codec's reading (for valid ones) or that it throws. */
async function decodes(t: TestContext, list: readonly (readonly [string, string, MessageView | "throws", string])[], offset?: number): Promise<void> {
  const results = await decodeAll(t, list.map(([, h]) => h), offset);
  list.forEach(([name, h, expected, why], i) => expectDecoded(t, name, h, results[i]!, expected, why));
}

const valid = (m: DnsMessage, compress = true): string => toHex(encodeMessage(m, { compress }));
const expectedOf = (h: string): MessageView => viewOf(decodeMessage(Uint8Array.from(h.split(" ").map((b) => parseInt(b, 16)))));
const ok = (name: string, h: string, why: string) => [name, h, expectedOf(h), why] as const;
const bad = (name: string, h: string, why: string) => [name, h, "throws" as const, why] as const;

const a = (name: string, address: string, ttl = 60): DnsRecord => ({ name, type: TYPE.A, class: 1, ttl, data: { kind: "A", address } });
const rec = (name: string, type: number, data: DnsRecord["data"], ttl = 60, cls = 1): DnsRecord => ({ name, type, class: cls, ttl, data });
const msg = (fields: Partial<DnsMessage> & { id?: number }): DnsMessage => ({ header: header({ id: fields.id ?? 0x4242, qr: true }), questions: [], answers: [], authority: [], additional: [], ...fields });

/** RFC 1035 §4.1.4's example, as a message: F.ISI.ARPA at 12, FOO.F.ISI.ARPA (FOO and a pointer to 12) at 38, ARPA (a pointer to 18) at 56. */
const RFC1035_EXAMPLE = hex(
  "00 01 84 00 00 00 00 03 00 00 00 00",
  "01 46 03 49 53 49 04 41 52 50 41 00  00 01 00 01 00 00 0e 10 00 04 c0 00 02 01", // F.ISI.ARPA A 192.0.2.1
  "03 46 4f 4f c0 0c  00 02 00 01 00 00 0e 10 00 02 c0 12", // FOO.F.ISI.ARPA NS ARPA
  "c0 12  00 05 00 01 00 00 0e 10 00 02 c0 26", // ARPA CNAME FOO.F.ISI.ARPA (a pointer to a name that ends in a pointer)
);

/** A question for www.example.com A: header then the question, at offsets 12..32. */
const Q = "03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01";
const H1 = "12 34 81 80 00 01 00 01 00 00 00 00";
const ANSWER_HEAD = "c0 0c 00 01 00 01 00 00 00 3c";

export function codecTests({ describe, it }: TestRegistry): void {
  describe("encodeQuery", () => {
    it(
      "encodes queries byte for byte: the root, 63-byte labels, a 255-byte name, any type, both flags, DO and payload sizes",
      { points: 3, rule: `${RULES.query}. ${RULES.opt}`, hint: "Write the name label by label (length byte, then the characters), end with 00; the root is the single byte 00. DO is the top bit of the OPT TTL's low 16 bits: 00 00 80 00." },
      (t) =>
        queries(t, [
          [{ id: 0, name: ".", type: 2, rd: false, edns: null }, "ok", "the root name is one zero byte"],
          [{ id: 0xffff, name: "WwW.Example.COM", type: 28, rd: true, edns: { udpSize: 4096, dnssecOk: true } }, "ok", "case is kept; DO set"],
          [{ id: 0x8001, name: `${label(63)}.com`, type: 255, rd: false, edns: { udpSize: 512, dnssecOk: false } }, "ok", "a 63-byte label is allowed"],
          [{ id: 7, name: [label(63), label(63), label(63), label(61)].join("."), type: 1, rd: false, edns: null }, "ok", "255 bytes on the wire, the largest name"],
          [{ id: 0x0100, name: "_sip._tcp.example.org", type: 33, rd: true, edns: { udpSize: 65535, dnssecOk: false } }, "ok", "underscores are just bytes"],
          [{ id: 0x00ff, name: "a", type: 65535, rd: false, edns: { udpSize: 0, dnssecOk: true } }, "ok", "one label"],
        ]),
    );

    it(
      "refuses empty labels, labels over 63 bytes and names over 255 bytes",
      { points: 2, rule: RULES.limits, hint: "Count the wire length: 1 + Σ(1 + label length). 64 characters in a label cannot be written: 0x40 would be read as a reserved label type." },
      (t) =>
        queries(t, [
          [{ id: 1, name: `${label(64)}.com`, type: 1, rd: false, edns: null }, "throws", "a 64-byte label"],
          [{ id: 1, name: "www..com", type: 1, rd: false, edns: null }, "throws", "an empty label"],
          [{ id: 1, name: ".com", type: 1, rd: false, edns: null }, "throws", "an empty first label"],
          [{ id: 1, name: [label(63), label(63), label(63), label(62)].join("."), type: 1, rd: false, edns: null }, "throws", "256 bytes on the wire"],
          [{ id: 1, name: [label(63), label(63), label(63), label(61)].join("."), type: 1, rd: false, edns: null }, "ok", "255 bytes is still allowed"],
        ]),
    );
  });

  describe("decodeMessage", () => {
    it(
      "reads every header flag, the opcode, the RCODE and the counts",
      { points: 2, rule: RULES.header, hint: "Flags are the second 16-bit word: QR 0x8000, opcode (>> 11) & 0xF, AA 0x0400, TC 0x0200, RD 0x0100, RA 0x0080, RCODE & 0xF." },
      (t) =>
        decodes(t, [
          ok("QR AA TC RD RA, opcode 2, RCODE 5", valid({ header: { id: 0xfffe, qr: true, opcode: 2, aa: true, tc: true, rd: true, ra: true, rcode: 5 }, questions: [{ name: "example.com", type: 6, class: 1 }], answers: [], authority: [], additional: [] }), "every flag set"),
          ok("a query with every flag clear, opcode 15, RCODE 15", valid({ header: { id: 1, qr: false, opcode: 15, aa: false, tc: false, rd: false, ra: false, rcode: 15 }, questions: [], answers: [], authority: [], additional: [] }), "no question at all"),
          ok("only RA and TC", valid({ header: { id: 0x8000, qr: true, opcode: 0, aa: false, tc: true, rd: false, ra: true, rcode: 0 }, questions: [{ name: "a", type: 1, class: 1 }], answers: [], authority: [], additional: [] }), "bits apart"),
          ok("two questions", valid(msg({ questions: [{ name: "a.example", type: 1, class: 1 }, { name: "b.example", type: 28, class: 3 }] })), "QDCOUNT 2"),
        ]),
    );

    it(
      "reads A, NS, CNAME and SOA data, and keeps any other type's RDATA as bytes",
      { points: 3, rule: RULES.records, hint: "TTL is unsigned: 0xFFFFFFFF is 4294967295 (use >>> 0 or multiply, not << 24). Unknown types: copy RDLENGTH bytes into a new Uint8Array." },
      (t) =>
        decodes(t, [
          ok(
            "one record of each kind in every section",
            valid(
              msg({
                questions: [{ name: "example.com", type: 255, class: 1 }],
                answers: [a("example.com", "255.0.128.1", 0xffffffff), rec("example.com", TYPE.NS, { kind: "NS", host: "ns1.example.com" }, 0x80000000), rec("www.example.com", TYPE.CNAME, { kind: "CNAME", target: "example.com" }, 0)],
                authority: [rec("example.com", TYPE.SOA, { kind: "SOA", mname: "ns1.example.com", rname: "hostmaster.example.com", serial: 0xffffffff, refresh: 7200, retry: 0x80000000, expire: 1209600, minimum: 300 }, 3600)],
                additional: [rec("example.com", 99, { kind: "raw", bytes: Uint8Array.of(1, 2, 3, 0xff) }), rec("x.example.com", 13, { kind: "raw", bytes: new Uint8Array(0) }, 5, 3)],
              }),
            ),
            "every record kind",
          ),
          ok("an A record with class CH (3) and a TTL of 2^31", valid(msg({ answers: [a("chaos.example", "0.0.0.0", 0x80000000)].map((r) => ({ ...r, class: 3 })) })), "class and TTL as they are"),
        ]),
    );

    it(
      "follows compression pointers: RFC 1035 §4.1.4's example, pointers in NS and CNAME data, a pointer to a name that ends in a pointer",
      { points: 3, rule: RULES.compression, hint: "Read labels until 00 or a pointer; at a pointer jump to its 14-bit offset and carry on there. The record continues after the FIRST pointer's two bytes, not where the jump ended." },
      (t) =>
        decodes(t, [
          ok("RFC 1035 §4.1.4's example", RFC1035_EXAMPLE, "F.ISI.ARPA, FOO.F.ISI.ARPA, ARPA"),
          ok(
            "names compressed everywhere (owners, NS, CNAME and SOA data)",
            valid(
              msg({
                questions: [{ name: "www.example.com", type: 1, class: 1 }],
                answers: [rec("www.example.com", TYPE.CNAME, { kind: "CNAME", target: "web.example.com" }), a("web.example.com", "192.0.2.7")],
                authority: [rec("example.com", TYPE.NS, { kind: "NS", host: "ns.example.com" }), rec("example.com", TYPE.SOA, { kind: "SOA", mname: "ns.example.com", rname: "admin.web.example.com", serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 })],
                additional: [a("ns.example.com", "192.0.2.53")],
              }),
            ),
            "every name after the first ends in a pointer",
          ),
          ok("a pointer to the root label", hex(H1, "00 00 02 00 01", "c0 0c 00 02 00 01 00 00 00 3c 00 02 c0 0c"), "the root's NS is the root"),
        ]),
    );

    it(
      "refuses pointer loops and pointers that do not point back",
      { points: 3, rule: RULES.compression, hint: "Keep the offset where the current run of labels began (the name's start, then each jump's target); a pointer must point strictly before it. That also ends every loop." },
      (t) =>
        decodes(t, [
          bad("a pointer to itself", hex("12 34 00 00 00 01 00 00 00 00 00 00", "c0 0c 00 01 00 01"), "c0 0c at offset 12 points at itself"),
          bad("a label, then a pointer back to that label", hex("12 34 00 00 00 01 00 00 00 00 00 00", "01 61 c0 0c 00 01 00 01"), "a.a.a.… forever"),
          bad("two pointers pointing at each other", hex("12 34 00 00 00 01 00 00 00 00 00 00", "c0 0e c0 0c 00 01 00 01"), "12 → 14 → 12"),
          bad("a forward pointer to a valid name later in the message", hex("12 34 81 80 00 01 00 01 00 00 00 00", "c0 12 00 01 00 01", "03 77 77 77 00 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"), "the question's name points at offset 18, after itself"),
          bad(
            "a jump, then a pointer back into the labels just jumped to",
            hex("12 34 81 80 00 01 00 02 00 00 00 00", Q, "c0 0c 00 63 00 01 00 00 00 3c 00 06 01 62 01 63 c0 2f", "01 61 c0 2d 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"),
            "the second answer's name jumps to 45 (b, c, then a pointer to 47 ≥ 45): a.b.c.c.c.…",
          ),
          bad("a pointer past the end of the message", hex(H1, Q, "c0 ff 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"), "offset 255 is not in the message"),
          bad(
            "a jump to a pointer that points forward, still before the name",
            hex("12 34 81 80 00 01 00 02 00 00 00 00", "01 61 00 00 01 00 01", "c0 0c 00 63 00 01 00 00 00 3c 00 05 c0 21 01 62 00", "c0 1f 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"),
            "the second answer's name (at 36) jumps to 31, where a pointer leads forward to 33: 33 is before 36, but not before 31, where the labels it ends begin",
          ),
          bad("a pointer cut in half at the end", hex("12 34 00 00 00 01 00 00 00 00 00 00", "c0"), "one byte of a two-byte pointer"),
          ok("control: a pointer back to the question's name", hex(H1, Q, ANSWER_HEAD, "00 04 c0 00 02 01"), "a valid pointer to offset 12"),
        ]),
    );

    it(
      "refuses the label types 01 and 10 (0x40 and 0x80)",
      { points: 1, rule: RULES.compression, hint: "Only 00xxxxxx (a length of 0-63) and 11xxxxxx (a pointer) are valid first bytes of a label." },
      (t) =>
        decodes(t, [
          bad("0x40 (an extended label type)", hex("12 34 00 00 00 01 00 00 00 00 00 00", "41 61 00 00 01 00 01"), "01xxxxxx"),
          bad("0x80", hex("12 34 00 00 00 01 00 00 00 00 00 00", "80 0c 00 01 00 01"), "10xxxxxx"),
          bad("0x40 followed by 64 bytes", hex("12 34 00 00 00 01 00 00 00 00 00 00", `40 ${"61 ".repeat(64)}00 00 01 00 01`), "01000000 is no length, even with 64 bytes after it"),
          bad("0x41 followed by 65 bytes", hex("12 34 00 00 00 01 00 00 00 00 00 00", `41 ${"61 ".repeat(65)}00 00 01 00 01`), "01xxxxxx is no length, even with 65 bytes after it"),
          bad("0x80 followed by 128 bytes", hex("12 34 00 00 00 01 00 00 00 00 00 00", `80 ${"62 ".repeat(128)}00 00 01 00 01`), "10xxxxxx is no length, even with 128 bytes after it"),
          bad(
            "0xbf deep in a 16 KB message (TCP)",
            hex("12 34 81 80 00 01 03 f1 00 00 00 00", "03 77 77 77 00 00 01 00 01", "c0 0c 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01 ".repeat(1008), "bf 05 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"),
            "10xxxxxx even where, read as a pointer, it would reach a valid name (offset 0x3f05 = 16133, an earlier record's owner)",
          ),
          ok("0x3f (63) is a label length", hex("12 34 00 00 00 01 00 00 00 00 00 00", `3f ${"61 ".repeat(63)}00 00 01 00 01`), "63 is the largest label"),
        ]),
    );

    it(
      "refuses names over 255 bytes, also when a pointer makes them so",
      { points: 2, rule: RULES.limits, hint: "Count the wire length of the name you build across jumps: 1 for the final zero plus 1 + length per label. 255 is allowed, 256 is not." },
      (t) => {
        const long = [label(63, "a"), label(63, "b"), label(63, "c"), label(61, "d")];
        const wire = (labels: string[]) => labels.map((l) => `${l.length.toString(16).padStart(2, "0")} ${[...l].map((c) => c.charCodeAt(0).toString(16)).join(" ")}`).join(" ") + " 00";
        const head = (an: number) => `12 34 81 80 00 01 00 ${an.toString(16).padStart(2, "0")} 00 00 00 00`;
        return decodes(t, [
          ok("a 255-byte name, and a pointer to it", hex(head(1), wire(long), "00 01 00 01", "c0 0c 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"), "255 bytes exactly"),
          bad("a 256-byte name", hex(head(0), wire([label(63, "a"), label(63, "b"), label(63, "c"), label(62, "d")]), "00 01 00 01"), "256 bytes"),
          bad("one label, then a pointer to a 254-byte name", hex(head(1), wire([label(63, "a"), label(63, "b"), label(63, "c"), label(60, "d")]), "00 01 00 01", "01 61 c0 0c 00 01 00 01 00 00 00 3c 00 04 c0 00 02 01"), "2 + 254 = 256"),
        ]);
      },
    );

    it(
      "refuses a message cut short anywhere",
      { points: 3, rule: RULES.malformed, hint: "Before every read, check that the bytes are there: the header, each question, each record's fixed fields, RDATA, each label." },
      async (t) => {
        const whole = RFC1035_EXAMPLE.split(" ");
        const cuts = whole.map((_, n) => bad(`the first ${n} of ${whole.length} bytes of RFC 1035's example`, whole.slice(0, n).join(" "), `the message ends at byte ${n}`));
        // A query ends in QCLASS: cut inside it, no later read notices.
        const query = hex("12 34 01 00 00 01 00 00 00 00 00 00", "03 77 77 77 00 00 01 00 01").split(" ");
        const queryCuts = query.map((_, n) => bad(`the first ${n} of ${query.length} bytes of a query`, query.slice(0, n).join(" "), `the query ends at byte ${n}`));
        await decodes(t, [...cuts, ...queryCuts, ok("all of it", RFC1035_EXAMPLE, "the whole message"), ok("all of the query", query.join(" "), "the whole query")]);
      },
    );

    it(
      "refuses counts that promise more than there is",
      { points: 1, rule: RULES.malformed, hint: "ANCOUNT 2 with one record present: reading the second must fail, not return one record." },
      (t) =>
        decodes(t, [
          bad("ANCOUNT 2, one answer", hex("12 34 81 80 00 01 00 02 00 00 00 00", Q, ANSWER_HEAD, "00 04 c0 00 02 01"), "the second answer is missing"),
          bad("QDCOUNT 2, one question", hex("12 34 81 80 00 02 00 00 00 00 00 00", Q), "the second question is missing"),
          bad("ARCOUNT 1, nothing", hex("12 34 81 80 00 01 00 00 00 00 00 01", Q), "the additional record is missing"),
          ok("control: ANCOUNT 1, one answer", hex(H1, Q, ANSWER_HEAD, "00 04 c0 00 02 01"), "the counts match"),
        ]),
    );

    it(
      "refuses RDATA whose length does not fit the record",
      { points: 2, rule: `${RULES.records}. ${RULES.malformed}`, hint: "After reading the data of an NS, CNAME or SOA, you must be exactly at the end RDLENGTH said; an A record is exactly 4 bytes; RDATA must fit in the message." },
      (t) =>
        decodes(t, [
          bad("A with RDLENGTH 5", hex(H1, Q, ANSWER_HEAD, "00 05 c0 00 02 01 ff"), "A is 4 bytes"),
          bad("A with RDLENGTH 3", hex(H1.replace("00 01 00 00 00 00", "00 02 00 00 00 00"), Q, ANSWER_HEAD, "00 03 c0 00 02", ANSWER_HEAD, "00 04 c0 00 02 01"), "A is 4 bytes"),
          bad("NS with one byte more than its name", hex(H1, Q, "c0 0c 00 02 00 01 00 00 00 3c 00 03 c0 0c 00"), "the name is 2 bytes"),
          bad("CNAME whose name runs past RDLENGTH", hex(H1.replace("00 01 00 00 00 00", "00 02 00 00 00 00"), Q, "c0 0c 00 05 00 01 00 00 00 3c 00 04 03 77 77 77 00", ANSWER_HEAD, "00 04 c0 00 02 01"), "the name is 5 bytes, RDLENGTH 4"),
          bad("SOA with an extra byte", hex(H1.replace("00 01 00 00 00 00", "00 00 00 01 00 00"), Q, "c0 10 00 06 00 01 00 00 00 3c 00 19 c0 10 c0 10 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05 00"), "SOA data is 24 bytes here"),
          bad("RDATA past the end", hex(H1, Q, "c0 0c 00 63 00 01 00 00 00 3c 00 08 01 02 03"), "8 bytes promised, 3 present"),
          ok("control: NS and SOA that fill their RDLENGTH", hex(H1.replace("00 01 00 00 00 00", "00 01 00 01 00 00"), Q, "c0 10 00 02 00 01 00 00 00 3c 00 02 c0 0c", "c0 10 00 06 00 01 00 00 00 3c 00 18 c0 10 c0 10 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05"), "exact lengths"),
        ]),
    );

    it(
      "reads EDNS(0): the OPT record goes to edns, wherever it is among the additional records",
      { points: 2, rule: RULES.edns, hint: "An OPT record (TYPE 41) is not data: take it out of `additional`; udpSize is its CLASS, version the TTL's second byte, DO the TTL's bit 15." },
      (t) =>
        decodes(t, [
          ok("OPT between two A records, 4096 bytes, DO", valid(msg({ additional: [a("a.example", "192.0.2.1"), optRecord(4096, { dnssecOk: true }), a("b.example", "192.0.2.2")] })), "edns { 4096, 0, true }"),
          ok("OPT first, 512 bytes, version 1", valid(msg({ additional: [optRecord(512, { version: 1 }), a("a.example", "192.0.2.1")] })), "edns { 512, 1, false }"),
          ok("no OPT", valid(msg({ additional: [a("a.example", "192.0.2.1")] })), "edns null"),
          ok("OPT with DO clear and all 15 Z bits set", hex("12 34 81 80 00 00 00 00 00 00 00 01", "00 00 29 04 d0 00 00 7f ff 00 00"), "edns { 1232, 0, false }: Z is ignored by receivers (RFC 6891 §6.1.4), DO is bit 15 alone"),
        ]),
    );

    it(
      "combines the extended RCODE with the header's: BADVERS is 16",
      { points: 2, rule: RULES.edns, hint: "rcode = (OPT TTL's first byte << 4) | (header RCODE). The first byte is TTL >>> 24." },
      (t) =>
        decodes(t, [
          ok("extended RCODE 1, header RCODE 0 (BADVERS, 16)", valid({ ...msg({ additional: [optRecord(1232, { extendedRcode: 1 })] }) }), "16"),
          ok("extended RCODE 0xFF, header RCODE 0xF (4095)", valid({ ...msg({ additional: [optRecord(1232, { extendedRcode: 0xff, version: 0xff, dnssecOk: true })] }), header: { ...header({ id: 9, qr: true }), rcode: 15 } }), "4095"),
          ok("extended RCODE 0x80, header RCODE 3", valid({ ...msg({ additional: [optRecord(1232, { extendedRcode: 0x80 })] }), header: { ...header({ id: 9, qr: true }), rcode: 3 } }), "2051"),
        ]),
    );

    it(
      "refuses two OPT records, an OPT not owned by the root, and an OPT outside the additional section",
      { points: 2, rule: RULES.edns, hint: "RFC 6891 §6.1.1: at most one OPT, in the additional section, owned by the root; anything else is FORMERR." },
      (t) =>
        decodes(t, [
          bad("two OPT records", valid(msg({ additional: [optRecord(1232), optRecord(512)] })), "two OPT"),
          bad("OPT owned by com", valid(msg({ additional: [{ ...optRecord(1232), name: "com" }] })), "not the root"),
          bad("OPT in the answer section", valid(msg({ answers: [optRecord(1232)] })), "answer section"),
          bad("OPT in the authority section", valid(msg({ authority: [optRecord(1232)] })), "authority section"),
          ok("control: one OPT, last in the additional section", valid(msg({ authority: [a("a.example", "192.0.2.1")], additional: [a("b.example", "192.0.2.2"), optRecord(1232)] })), "one OPT"),
        ]),
    );

    it(
      "decodes real messages recorded from resolvers",
      { points: 2, rule: `${RULES.header}. ${RULES.compression}. ${RULES.edns}`, hint: "These come from real servers: the second has three CNAMEs whose data point into each other, and an OPT record." },
      (t) => {
        for (const m of RECORDED) t.step(`recorded: ${m.name} — ${m.source}`);
        return decodes(t, RECORDED.map((m) => [m.name, m.hex, m.message, "a real message"] as const));
      },
    );

    it(
      "reads messages handed over as views into a larger buffer",
      { points: 2, rule: RULES.views, hint: "Offsets in pointers count from the start of the message, which is bytes[0], not bytes.buffer's first byte: index `bytes` itself, never `new Uint8Array(bytes.buffer)`, and stop at bytes.length." },
      (t) =>
        decodes(
          t,
          [
            ok("RFC 1035's example", RFC1035_EXAMPLE, "pointers relative to the view"),
            ["the real microsoft.com response", RECORDED[2]!.hex, RECORDED[2]!.message, "a view"] as const,
            bad("a message cut short (guard bytes follow it)", RFC1035_EXAMPLE.split(" ").slice(0, 40).join(" "), "the view ends at 40; the bytes after it are not the message's"),
          ],
          3,
        ),
    );

    it(
      "decodes random messages as an independent codec does",
      { points: 4, rule: `${RULES.header}. ${RULES.records}. ${RULES.compression}. ${RULES.edns}`, hint: "The message shows the smallest failing message in hex: decode it by hand, field by field, next to your code." },
      (t) =>
        checkProperty(t, { arbitrary: fc.array(arb.message, { minLength: 1, maxLength: 6 }), runs: 40, salt: 1, show: (list) => list.map((m) => m.hex).join("\n") }, async (list) => {
          const results = await decodeAll(t, list.map((m) => m.hex));
          list.forEach((m, i) => expectDecoded(t, `message ${i + 1}`, m.hex, results[i]!, m.expected, "a valid message"));
        }),
    );

    it(
      "encodes random queries as an independent codec does",
      { points: 2, rule: `${RULES.query}. ${RULES.opt}`, hint: "The message shows the smallest failing query: compare your bytes with the expected ones field by field." },
      (t) =>
        checkProperty(t, { arbitrary: fc.array(arb.query, { minLength: 1, maxLength: 8 }), runs: 25, salt: 2 }, async (list) => {
          const results = await encodeAll(t, list);
          list.forEach((q, i) => expectEncoded(t, q, results[i]!, queryHex(q), "a valid query"));
          if (results.length !== list.length) fail("missing results");
        }),
    );
  });
}
