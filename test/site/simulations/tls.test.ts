/**
 * The models behind the TLS chapter's live simulations
 * (site/src/simulations/tls/), run in Node without a DOM: the numbers the
 * chapter states must come out of the simulator itself.
 *
 * What the TTFB model counts: from the client's first packet (SYN or QUIC
 * Initial) to the arrival of the first packet of the HTTP response, with no
 * DNS and no server think time. So a full TLS 1.2 handshake over TCP costs
 * 1 RTT (TCP) + 2 RTT (TLS) before the request, and the request itself one
 * more: 4 RTT to the first byte.
 */
import { describe, expect, it } from "vitest";
import { BREAKS, nameMatches, scenario, validate, type Break } from "#site/simulations/tls/chain.ts";
import { MAX_PLAINTEXT, observe, PAGES, recordBytes, requestText } from "#site/simulations/tls/observer.ts";
import { flightsOf, runAll, runTtfb, VARIANTS, type VariantId } from "#site/simulations/tls/ttfb.ts";

/** Round trips before the request leaves the client, and to the first response byte. */
const EXPECTED: Record<VariantId, { request: number; ttfb: number }> = {
  tls12: { request: 3, ttfb: 4 },
  tls13: { request: 2, ttfb: 3 },
  "tls13-0rtt": { request: 1, ttfb: 2 },
  quic: { request: 1, ttfb: 2 },
  "quic-0rtt": { request: 0, ttfb: 1 },
};

describe("time to first byte", () => {
  for (const rtt of [20, 100, 250]) {
    it(`counts whole round trips at ${rtt} ms (transmission time is under 2 ms)`, () => {
      for (const r of runAll(rtt)) {
        const want = EXPECTED[r.variant];
        expect(r.ttfbMs, r.variant).toBeGreaterThanOrEqual(want.ttfb * rtt);
        expect(r.ttfbMs, r.variant).toBeLessThan(want.ttfb * rtt + 2);
        expect(r.requestSentMs, r.variant).toBeGreaterThanOrEqual(want.request * rtt);
        expect(r.requestSentMs, r.variant).toBeLessThan(want.request * rtt + 2);
      }
    });
  }

  it("keeps the order TLS 1.2 > TLS 1.3 > TLS 1.3 0-RTT ≈ QUIC > QUIC 0-RTT at every RTT", () => {
    for (let rtt = 10; rtt <= 300; rtt += 10) {
      const t = Object.fromEntries(runAll(rtt).map((r) => [r.variant, r.ttfbMs])) as Record<VariantId, number>;
      expect(t.tls12 - t.tls13).toBeGreaterThan(rtt - 2);
      expect(t.tls13 - t["tls13-0rtt"]).toBeGreaterThan(rtt - 2);
      expect(Math.abs(t["tls13-0rtt"] - t.quic)).toBeLessThan(2);
      expect(t.quic - t["quic-0rtt"]).toBeGreaterThan(rtt - 2);
    }
  });

  it("TLS 1.3 saves exactly one round trip over TLS 1.2, QUIC one more, and 0-RTT one more again", () => {
    const rtt = 80;
    const t = Object.fromEntries(runAll(rtt).map((r) => [r.variant, r.ttfbMs])) as Record<VariantId, number>;
    expect((t.tls12 - t.tls13) / rtt).toBeCloseTo(1, 1);
    expect((t.tls13 - t.quic) / rtt).toBeCloseTo(1, 1);
    expect((t.quic - t["quic-0rtt"]) / rtt).toBeCloseTo(1, 1);
  });

  it("a lost ClientHello over TCP costs the 1 s minimum RTO (RFC 6298 §2.4) while 3·RTT is below it", () => {
    for (const variant of ["tls12", "tls13", "tls13-0rtt"] as const) {
      const clean = runTtfb({ variant, rttMs: 100 });
      const lost = runTtfb({ variant, rttMs: 100, loseClientHello: true });
      expect(lost.timeoutMs).toBe(1000);
      expect(lost.ttfbMs - clean.ttfbMs).toBeCloseTo(1000, 1);
    }
  });

  it("a lost ClientHello over TCP costs SRTT + 4·RTTVAR = 3·RTT once that exceeds 1 s", () => {
    const clean = runTtfb({ variant: "tls13", rttMs: 400 });
    const lost = runTtfb({ variant: "tls13", rttMs: 400, loseClientHello: true });
    expect(lost.timeoutMs).toBeCloseTo(1200, 0);
    expect(lost.ttfbMs - clean.ttfbMs).toBeCloseTo(lost.timeoutMs, 0);
  });

  it("a lost ClientHello (both Initial datagrams: the hybrid key share needs two) costs the first PTO, 999 ms (RFC 9002 §6.2.2)", () => {
    for (const variant of ["quic", "quic-0rtt"] as const) {
      const clean = runTtfb({ variant, rttMs: 60 });
      const lost = runTtfb({ variant, rttMs: 60, loseClientHello: true });
      expect(lost.timeoutMs).toBe(999);
      expect(lost.ttfbMs - clean.ttfbMs).toBeCloseTo(999, 1);
      expect(lost.packets.filter((p) => p.arrivedMs === null)).toHaveLength(2);
    }
  });

  it("pads every client datagram carrying an Initial to 1200 bytes (RFC 9000 §14.1)", () => {
    for (const variant of ["quic", "quic-0rtt"] as const) {
      const r = runTtfb({ variant, rttMs: 50 });
      for (const p of r.packets.filter((q) => q.from === "client")) expect(p.bytes - 28).toBe(1200);
    }
  });

  it("keeps the QUIC server's first flight within three times what the client sent (RFC 9000 §8.1)", () => {
    for (const variant of ["quic", "quic-0rtt"] as const) {
      const r = runTtfb({ variant, rttMs: 50 });
      expect(r.serverFirstFlightBytes).toBeLessThanOrEqual(3 * r.clientFirstFlightBytes);
    }
  });

  it("sends the certificate encrypted in TLS 1.3 and QUIC, in the clear in TLS 1.2", () => {
    const cert = (v: VariantId) => flightsOf(v).flatMap((f) => f.parts).find((p) => p.name.includes("Certificate"));
    expect(cert("tls12")?.encrypted).toBe(false);
    expect(cert("tls13")?.encrypted).toBe(true);
    expect(cert("quic")?.encrypted).toBe(true);
    // A resumed handshake sends no certificate at all.
    expect(cert("tls13-0rtt")).toBeUndefined();
    expect(cert("quic-0rtt")).toBeUndefined();
  });

  it("is deterministic", () => {
    expect(runAll(70, true)).toEqual(runAll(70, true));
    expect(VARIANTS).toHaveLength(5);
  });
});

describe("certificate chain validation", () => {
  it("accepts the intact chain for every name the wildcard covers", () => {
    for (const host of ["shop.example.com", "example.com", "api.example.com"]) {
      const v = validate(scenario("none", host));
      expect(v.failure, host).toBeNull();
      expect(v.path.map((c) => c.subject)).toEqual(["example.com", "Example Issuing CA R3", "Example Root CA X1"]);
    }
  });

  const expected: Record<Exclude<Break, "none">, string> = {
    expired: "validity",
    "wrong-name": "name",
    "untrusted-root": "path",
    "missing-intermediate": "path",
    "not-a-ca": "ca",
    "bad-signature": "signatures",
  };
  for (const [broken, check] of Object.entries(expected)) {
    it(`rejects "${BREAKS[broken as Break]}" at the ${check} check, and only there`, () => {
      const v = validate(scenario(broken as Break));
      expect(v.failure).toBe(check);
      const failed = v.checks.filter((c) => !c.ok).map((c) => c.name);
      // A missing path also leaves no issuer to verify the signature with.
      expect(failed).toEqual(check === "path" && broken === "missing-intermediate" ? ["path", "signatures"] : [check]);
    });
  }

  it("lets a wildcard stand for exactly one label", () => {
    expect(nameMatches("*.example.com", "api.example.com")).toBe(true);
    expect(nameMatches("*.example.com", "eu.api.example.com")).toBe(false);
    expect(nameMatches("*.example.com", "example.com")).toBe(false);
    expect(validate(scenario("none", "eu.api.example.com")).failure).toBe("name");
  });
});

describe("what an observer sees", () => {
  it("computes record sizes from the real request length", () => {
    const request = requestText(PAGES.statement.path);
    const v = observe({ page: "statement", version: "1.3", ech: false });
    const rec = v.records.find((r) => r.from === "client" && r.inner.startsWith("HTTP request"))!;
    expect(rec.bytes).toBe(request.length + 5 + 1 + 16);
    expect(recordBytes(100, "1.2")).toBe(100 + 5 + 8 + 16);
    // No record carries more than 2^14 bytes of plaintext.
    for (const r of v.records) expect(r.bytes).toBeLessThanOrEqual(MAX_PLAINTEXT + 5 + 256);
  });

  it("shows SNI unless ECH is on, the certificate only in TLS 1.2, and never the path", () => {
    const field = (o: Parameters<typeof observe>[0], name: string) => observe(o).fields.find((f) => f.name === name)!;
    expect(field({ page: "home", version: "1.3", ech: false }, "Server name (SNI)").value).toBe("shop.example.com");
    expect(field({ page: "home", version: "1.3", ech: true }, "Server name (SNI)").value).not.toContain("shop.example.com");
    expect(field({ page: "home", version: "1.2", ech: false }, "Server certificate").visible).toBe(true);
    expect(field({ page: "home", version: "1.3", ech: false }, "Server certificate").visible).toBe(false);
    for (const version of ["1.2", "1.3"] as const) {
      expect(field({ page: "search", version, ech: false }, "Method and path").visible).toBe(false);
      expect(field({ page: "search", version, ech: false }, "IP addresses").visible).toBe(true);
    }
  });

  it("lets response sizes tell the pages apart", () => {
    const total = (page: keyof typeof PAGES) =>
      observe({ page, version: "1.3", ech: false })
        .records.filter((r) => r.from === "server")
        .reduce((sum, r) => sum + r.bytes, 0);
    expect(new Set([total("home"), total("search"), total("statement")]).size).toBe(3);
  });
});
