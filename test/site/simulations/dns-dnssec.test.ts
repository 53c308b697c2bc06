/**
 * The DNSSEC chapter's model (site/src/simulations/dns/dnssec.ts): record
 * layouts from RFC 4034, and where validation stops when one link breaks.
 */
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, header } from "#runtime/wire/dns.ts";
import { dnskeyRdata, dsRdata, EDE, keyTag, nameWire, rootTrustAnchor, runDnssec, type Breakage } from "#site/simulations/dns/dnssec.ts";

describe("RFC 4034 layouts", () => {
  it("writes names in canonical wire form", () => {
    expect([...nameWire("Example.COM")]).toEqual([7, 101, 120, 97, 109, 112, 108, 101, 3, 99, 111, 109, 0]);
    expect([...nameWire(".")]).toEqual([0]);
  });
  it("computes the Appendix B key tag (sum of 16-bit words, carry folded in)", () => {
    expect(keyTag(new Uint8Array([0x01, 0x01, 0x03, 0x0d]))).toBe(0x0101 + 0x030d);
    expect(keyTag(new Uint8Array([0xff, 0xff, 0x00, 0x02]))).toBe(0x0001 + 0x0001);
    expect(keyTag(new Uint8Array([0x12]))).toBe(0x1200);
  });
  it("builds DNSKEY flags 257, protocol 3, algorithm 13 and a SHA-256 DS", () => {
    const key = dnskeyRdata(new Uint8Array(64).fill(7));
    expect([...key.subarray(0, 4)]).toEqual([1, 1, 3, 13]);
    const ds = dsRdata("example.com", key);
    expect(ds.length).toBe(4 + 32);
    expect((ds[0]! << 8) | ds[1]!).toBe(keyTag(key));
    expect([ds[2], ds[3]]).toEqual([13, 2]);
    expect(dsRdata("example.org", key)).not.toEqual(ds);
    expect(rootTrustAnchor().length).toBe(36);
  });
  it("carries the AD and CD bits through the codec, and leaves plain headers alone", () => {
    const m = (h: ReturnType<typeof header>) => decodeMessage(encodeMessage({ header: h, questions: [], answers: [], authority: [], additional: [] })).header;
    expect(m(header({ id: 1, qr: true, ad: true }))).toMatchObject({ ad: true });
    expect(m(header({ id: 1, cd: true })).cd).toBe(true);
    expect(m(header({ id: 1 }))).toEqual(header({ id: 1 }));
    expect(encodeMessage({ header: header({ id: 0, ad: true }), questions: [], answers: [], authority: [], additional: [] })[3]).toBe(0x20);
  });
});

describe("a validating resolver's walk", () => {
  it("validates an existing name from the trust anchor down and sets AD", () => {
    const r = runDnssec({ target: "www", breakage: "none", validating: true });
    expect(r.steps.map((s) => s.question)).toEqual([". DNSKEY", "www.example.com A", "com DNSKEY", "www.example.com A", "example.com DNSKEY", "www.example.com A"]);
    expect(r.steps.every((s) => s.ok === true)).toBe(true);
    expect(r).toMatchObject({ rcode: "NOERROR", ad: true, answer: "192.0.2.80" });
    // Six round trips: 2×5 + 2×12 + 2×20 ms each way twice, plus the stub's 2 ms.
    expect(r.doneMs).toBeCloseTo(2 * (2 * 5 + 2 * 12 + 2 * 20) + 2, 0);
  });
  it("proves a name absent with a signed NSEC", () => {
    const r = runDnssec({ target: "nope", breakage: "none", validating: true });
    expect(r).toMatchObject({ rcode: "NXDOMAIN", ad: true });
    expect(r.steps[5]!.carried).toContain("example.com NSEC");
  });
  const cases: [Breakage, "www" | "nope", number, number][] = [
    ["expired-rrsig", "www", 5, EDE.expired],
    ["wrong-ds", "www", 4, EDE.bogus],
    ["missing-nsec", "nope", 5, EDE.nsecMissing],
  ];
  for (const [breakage, target, at, ede] of cases) {
    it(`fails at step ${at + 1} with SERVFAIL when the chain has ${breakage}`, () => {
      const r = runDnssec({ target, breakage, validating: true });
      expect(r).toMatchObject({ rcode: "SERVFAIL", ad: false, failedAt: at, ede });
      expect(r.steps[at]!.ok).toBe(false);
      expect(r.steps.slice(0, at).every((s) => s.ok === true)).toBe(true);
      expect(r.answer).toBeUndefined();
    });
  }
  it("a breakage that does not touch the path asked about changes nothing", () => {
    expect(runDnssec({ target: "nope", breakage: "expired-rrsig", validating: true })).toMatchObject({ rcode: "NXDOMAIN", ad: true });
    expect(runDnssec({ target: "www", breakage: "missing-nsec", validating: true })).toMatchObject({ rcode: "NOERROR", ad: true });
  });
  it("a non-validating resolver passes a bad answer on, without AD, in three round trips", () => {
    const r = runDnssec({ target: "www", breakage: "expired-rrsig", validating: false });
    expect(r).toMatchObject({ rcode: "NOERROR", ad: false, answer: "192.0.2.80" });
    expect(r.steps).toHaveLength(3);
    expect(r.steps.every((s) => s.ok === undefined)).toBe(true);
  });
});
