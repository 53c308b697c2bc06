/**
 * The DNS codec (runtime/wire/dns.ts) against bytes written out by hand from
 * RFC 1035 §4.1, and the OPT record of RFC 6891 §6.1.
 */
import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  DnsWireError,
  encodeMessage,
  formatIpv6,
  header,
  optRecord,
  parseIpv6,
  readName,
  TYPE,
  type DnsMessage,
} from "#runtime/wire/dns.ts";

const hex = (text: string) => new Uint8Array(text.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");

// The query for www.example.com A, ID 0x1234, RD set, laid out as in RFC 1035 §4.1.
const QUERY = hex(`
  12 34  01 00  00 01  00 00  00 00  00 00
  03 77 77 77  07 65 78 61 6d 70 6c 65  03 63 6f 6d  00
  00 01  00 01`);
// Its answer: same header ID, QR RD RA, one answer whose owner is a pointer to offset 12.
const RESPONSE = hex(`
  12 34  81 80  00 01  00 01  00 00  00 00
  03 77 77 77  07 65 78 61 6d 70 6c 65  03 63 6f 6d  00
  00 01  00 01
  c0 0c  00 01  00 01  00 00 01 2c  00 04  cb 00 71 0a`);

describe("DNS wire format", () => {
  it("decodes a hand-assembled query field by field", () => {
    const m = decodeMessage(QUERY);
    expect(m.header).toEqual({ id: 0x1234, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, rcode: 0 });
    expect(m.questions).toEqual([{ name: "www.example.com", type: TYPE.A, class: 1 }]);
    expect(m.answers.length + m.authority.length + m.additional.length).toBe(0);
  });

  it("encodes the same query to exactly those 33 bytes", () => {
    const message: DnsMessage = { header: header({ id: 0x1234, rd: true }), questions: [{ name: "www.example.com", type: TYPE.A, class: 1 }], answers: [], authority: [], additional: [] };
    expect(toHex(encodeMessage(message))).toBe(toHex(QUERY));
  });

  it("follows a compression pointer in a response and encodes it back with the same pointer", () => {
    const m = decodeMessage(RESPONSE);
    expect(m.header).toMatchObject({ id: 0x1234, qr: true, rd: true, ra: true, aa: false, tc: false, rcode: 0 });
    expect(m.answers).toEqual([{ name: "www.example.com", type: TYPE.A, class: 1, ttl: 300, data: { kind: "A", address: "203.0.113.10" } }]);
    expect(toHex(encodeMessage(m))).toBe(toHex(RESPONSE));
    // Without compression the owner name is spelt out: 17 bytes instead of 2.
    expect(encodeMessage(m, { compress: false }).length).toBe(RESPONSE.length + 15);
  });

  it("reads a name that ends in a pointer after some labels", () => {
    // "mail" then a pointer to "example.com" at offset 16 of RESPONSE.
    const bytes = new Uint8Array([...RESPONSE, 4, 0x6d, 0x61, 0x69, 0x6c, 0xc0, 16]);
    expect(readName(bytes, RESPONSE.length)).toEqual({ name: "mail.example.com", next: bytes.length });
  });

  it("refuses a pointer loop and a message cut short", () => {
    const loop = new Uint8Array([...QUERY.subarray(0, 12), 0xc0, 12, 0, 1, 0, 1]);
    expect(() => decodeMessage(loop)).toThrow(DnsWireError);
    expect(() => decodeMessage(RESPONSE.subarray(0, RESPONSE.length - 2))).toThrow(/RDATA/);
  });

  it("round-trips every record type the chapter uses", () => {
    const message: DnsMessage = {
      header: header({ id: 7, qr: true, aa: true, rcode: 3 }),
      questions: [{ name: "example.com", type: TYPE.MX, class: 1 }],
      answers: [
        { name: "example.com", type: TYPE.MX, class: 1, ttl: 3600, data: { kind: "MX", preference: 10, exchange: "mail.example.com" } },
        { name: "www.example.com", type: TYPE.AAAA, class: 1, ttl: 300, data: { kind: "AAAA", address: "2001:db8::10" } },
        { name: "shop.example.com", type: TYPE.CNAME, class: 1, ttl: 60, data: { kind: "CNAME", target: "store.example.com" } },
        { name: "example.com", type: TYPE.TXT, class: 1, ttl: 60, data: { kind: "TXT", strings: ["v=spf1 mx -all", "second"] } },
      ],
      authority: [
        { name: "example.com", type: TYPE.NS, class: 1, ttl: 86400, data: { kind: "NS", host: "ns1.example.com" } },
        {
          name: "example.com",
          type: TYPE.SOA,
          class: 1,
          ttl: 300,
          data: { kind: "SOA", mname: "ns1.example.com", rname: "hostmaster.example.com", serial: 2026112101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 },
        },
      ],
      additional: [optRecord(1232)],
    };
    expect(decodeMessage(encodeMessage(message))).toEqual({ ...message, additional: [{ ...optRecord(1232) }] });
    expect(encodeMessage(message).length).toBeLessThan(encodeMessage(message, { compress: false }).length);
  });

  it("writes IPv6 addresses in 16 bytes and back in short form", () => {
    expect(parseIpv6("2001:db8::10").length).toBe(16);
    expect(formatIpv6(parseIpv6("2001:db8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(formatIpv6(parseIpv6("::1"))).toBe("::1");
  });

  it("writes the OPT record's TTL field as extended RCODE, version and DO (RFC 6891 §6.1.3)", () => {
    expect(optRecord(1232)).toMatchObject({ name: ".", type: TYPE.OPT, class: 1232, ttl: 0 });
    expect(optRecord(4096, { dnssecOk: true }).ttl).toBe(0x00008000);
    expect(optRecord(512, { extendedRcode: 1, version: 0 }).ttl).toBe(0x01000000); // BADVERS = 1 << 4 | 0
    expect(optRecord(512, { extendedRcode: 0xff, version: 0xff, dnssecOk: true }).ttl).toBe(0xffff8000);
    const bytes = encodeMessage({ header: header({ id: 1 }), questions: [], answers: [], authority: [], additional: [optRecord(1232, { dnssecOk: true })] });
    expect(toHex(bytes.subarray(12))).toBe("00 00 29 04 d0 00 00 80 00 00 00");
  });

  it("maps one byte to one character in labels, and refuses characters above U+00FF", () => {
    const message: DnsMessage = { header: header({ id: 2 }), questions: [{ name: "caf\u00e9.example", type: TYPE.A, class: 1 }], answers: [], authority: [], additional: [] };
    const bytes = encodeMessage(message);
    expect(toHex(bytes.subarray(12, 17))).toBe("04 63 61 66 e9");
    expect(decodeMessage(bytes).questions[0]!.name).toBe("caf\u00e9.example");
    expect(() => encodeMessage({ ...message, questions: [{ name: "\u4f8b.example", type: TYPE.A, class: 1 }] })).toThrow(RangeError);
  });
});
