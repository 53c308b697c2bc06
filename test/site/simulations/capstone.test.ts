/**
 * The model behind the capstone's page-load timeline
 * (site/src/simulations/capstone/), run in Node without a DOM. Every
 * expectation is computed from the inputs (round-trip times, sizes,
 * bandwidth), never a recorded total.
 */
import { describe, expect, it } from "vitest";
import { durationOf, runPageLoad, type PageLoadOptions, type PageLoadResult } from "#site/simulations/capstone/model.ts";
import { HANDSHAKE_TIMEOUT_MS, PACKET, RENDER_MS, SERVER_THINK_MS, UPSTREAM_RTT_MS, serialisationMs } from "#site/simulations/capstone/sizes.ts";

/** So fast that serialisation is negligible: phase lengths are then pure propagation. */
const FAST = 1e6;
const EPS = 0.05; // ms

const base: PageLoadOptions = { serverRttMs: 60, resolverRttMs: 15, bandwidthMbps: FAST, loss: 0, dns: "none", tls: "full", protocol: "h2", seed: 1 };
const run = (over: Partial<PageLoadOptions> = {}): PageLoadResult => runPageLoad({ ...base, ...over });
const upstream = UPSTREAM_RTT_MS.root + UPSTREAM_RTT_MS.tld + UPSTREAM_RTT_MS.authoritative;

describe("a cold page load over HTTP/2, TLS 1.3 and TCP", () => {
  const cold = run();

  it("is a chain of phases that starts at zero and ends at the load", () => {
    const keys = cold.phases.map((p) => p.key);
    expect(keys).toEqual(["dns", "tcp", "tls", "request", "html", "subresources"]);
    expect(cold.phases[0]!.startMs).toBe(0);
    // DNS → TCP → TLS → request → HTML follow one another without a gap.
    for (let i = 1; i <= 4; i++) expect(cold.phases[i]!.startMs).toBeCloseTo(cold.phases[i - 1]!.endMs, 9);
    const total = ["dns", "tcp", "tls", "request", "html"].reduce((sum, key) => sum + durationOf(cold, key as never), 0);
    expect(total).toBeCloseTo(cold.resources[0]!.doneMs, 9);
    expect(cold.loadMs).toBeCloseTo(cold.phases[5]!.endMs, 9);
    const blocking = cold.resources.filter((r) => r.blocksPaint).map((r) => r.doneMs);
    expect(cold.firstPaintMs).toBeCloseTo(Math.max(...blocking) + RENDER_MS, 9);
  });

  it("takes each setup phase's length from the configured round-trip times", () => {
    // Stub → resolver, and the resolver's three upstream round trips (root, TLD, authoritative).
    expect(durationOf(cold, "dns")).toBeCloseTo(base.resolverRttMs + upstream, 1);
    expect(Math.abs(durationOf(cold, "tcp") - base.serverRttMs)).toBeLessThan(EPS);
    expect(Math.abs(durationOf(cold, "tls") - base.serverRttMs)).toBeLessThan(EPS);
    // The request's round trip plus the server's time to produce the page.
    expect(Math.abs(durationOf(cold, "request") - (base.serverRttMs + SERVER_THINK_MS))).toBeLessThan(EPS);
  });

  it("follows the RTT when the RTT changes", () => {
    const far = run({ serverRttMs: 150, resolverRttMs: 40 });
    expect(durationOf(far, "dns") - durationOf(cold, "dns")).toBeCloseTo(40 - base.resolverRttMs, 1);
    for (const key of ["tcp", "tls"] as const) expect(durationOf(far, key) - durationOf(cold, key)).toBeCloseTo(150 - base.serverRttMs, 1);
    // The HTML (about 21 segments) needs two windows of slow start: a first window of 10, then 20.
    expect(durationOf(far, "html") - durationOf(cold, "html")).toBeCloseTo(150 - base.serverRttMs, 1);
  });

  it("charges exactly the serialisation of each flight's bytes at a low bandwidth", () => {
    const slow = run({ bandwidthMbps: 2 });
    const tcpBytes = 2 * PACKET.syn; // SYN up, SYN-ACK down: the final ACK goes out after the phase ends
    expect(durationOf(slow, "tcp") - base.serverRttMs).toBeCloseTo(serialisationMs(tcpBytes, 2), 3);
    const sum = (sizes: readonly number[]) => sizes.reduce((a, b) => a + b, 0);
    const tlsBytes = PACKET.ack + sum(PACKET.clientHello) + sum(PACKET.serverFlightFull);
    expect(durationOf(slow, "tls") - base.serverRttMs).toBeCloseTo(serialisationMs(tlsBytes, 2), 3);
  });
});

describe("DNS and TLS caches", () => {
  const cold = run();

  it("costs one resolver round trip when only the resolver has the answer, none when the browser has it", () => {
    expect(durationOf(run({ dns: "resolver" }), "dns")).toBeCloseTo(base.resolverRttMs, 1);
    expect(durationOf(run({ dns: "browser" }), "dns")).toBe(0);
  });

  it("makes a warm visit (cached name, resumed session) faster by the DNS time it skips", () => {
    const warm = run({ dns: "browser", tls: "resumed" });
    const saved = durationOf(cold, "dns") - durationOf(warm, "dns");
    expect(saved).toBeCloseTo(base.resolverRttMs + upstream, 1);
    // A resumed TLS 1.3 handshake still takes one round trip: it saves the certificate's bytes, not a round trip.
    expect(Math.abs(durationOf(warm, "tls") - base.serverRttMs)).toBeLessThan(EPS);
    expect(warm.traffic.find((t) => t.key === "tls")!.bytes).toBeLessThan(cold.traffic.find((t) => t.key === "tls")!.bytes);
    expect(cold.resources[0]!.doneMs - warm.resources[0]!.doneMs).toBeCloseTo(saved, 1);
    expect(cold.firstPaintMs - warm.firstPaintMs).toBeCloseTo(saved, 1);
  });

  it("saves one more round trip with 0-RTT early data", () => {
    const resumed = run({ dns: "browser", tls: "resumed" });
    const early = run({ dns: "browser", tls: "zero-rtt" });
    expect(resumed.resources[0]!.firstByteMs - early.resources[0]!.firstByteMs).toBeCloseTo(base.serverRttMs, 1);
    // Over TCP the request rides on the ClientHello, right after the TCP handshake: two round trips plus the server's time.
    expect(early.resources[0]!.firstByteMs).toBeCloseTo(2 * base.serverRttMs + SERVER_THINK_MS, 1);
  });

  it("skips every subresource request when they are fresh in the HTTP cache", () => {
    const cached = run({ dns: "browser", tls: "resumed", httpCache: "fresh" });
    expect(cached.resources.slice(1).every((r) => r.fromCache && r.requestMs === null)).toBe(true);
    expect(cached.phases.some((p) => p.key === "subresources")).toBe(false);
    expect(cached.firstPaintMs).toBeCloseTo(cached.resources[0]!.doneMs + RENDER_MS, 9);
  });
});

describe("HTTP/3 over QUIC", () => {
  it("saves one round trip at setup against TCP + TLS 1.3", () => {
    for (const rtt of [20, 80, 200]) {
      const h2 = run({ serverRttMs: rtt });
      const h3 = run({ serverRttMs: rtt, protocol: "h3" });
      expect(h3.phases.map((p) => p.key)).toEqual(["dns", "quic", "request", "html", "subresources"]);
      const setupH2 = durationOf(h2, "tcp") + durationOf(h2, "tls");
      expect(Math.abs(durationOf(h3, "quic") - rtt)).toBeLessThan(EPS);
      expect(setupH2 - durationOf(h3, "quic")).toBeCloseTo(rtt, 1);
      expect(h2.resources[0]!.firstByteMs - h3.resources[0]!.firstByteMs).toBeCloseTo(rtt, 1);
    }
  });

  it("sends the request with the first packet when resuming with 0-RTT", () => {
    const h3 = run({ protocol: "h3", dns: "browser", tls: "zero-rtt" });
    expect(h3.resources[0]!.requestMs).toBe(0);
    expect(h3.resources[0]!.firstByteMs).toBeCloseTo(base.serverRttMs + SERVER_THINK_MS, 1);
  });

  it("pads each client Initial datagram to 1200 bytes of UDP payload and keeps the server's first flight within three times what the client sent", () => {
    const udp = (sizes: readonly number[]) => sizes.reduce((a, b) => a + b - 28, 0);
    for (const size of PACKET.quicInitial) expect(size - 28).toBeGreaterThanOrEqual(1200);
    expect(udp(PACKET.quicServerFlightFull)).toBeLessThanOrEqual(3 * udp(PACKET.quicInitial));
  });

  it("sizes the TLS handshake for the hybrid X25519MLKEM768 key exchange browsers use: a ClientHello of two segments or two Initial datagrams", () => {
    const sum = (sizes: readonly number[]) => sizes.reduce((a, b) => a + b, 0);
    expect(PACKET.clientHello).toHaveLength(2);
    // About 1.7 kB of TLS: 517 bytes of a classic ClientHello plus a 1,220-byte KeyShareEntry.
    expect(sum(PACKET.clientHello) - 2 * 40).toBe(517 + 1220);
    expect(PACKET.quicInitial).toHaveLength(2);
  });
});

describe("bandwidth", () => {
  it("speeds up the downloads but not the handshakes", () => {
    const slow = run({ bandwidthMbps: 5 });
    const fast = run({ bandwidthMbps: 100 });
    for (const key of ["tcp", "tls", "request"] as const) {
      // The request phase ends when the first response packet has arrived, so it carries that packet's serialisation too.
      const bytes = slow.traffic.find((t) => t.key === key)!.bytes + (key === "request" ? 1500 : 0);
      // The setup phases differ by no more than the serialisation of their own bytes.
      expect(durationOf(slow, key) - durationOf(fast, key)).toBeLessThanOrEqual(serialisationMs(bytes, 5) + EPS);
      expect(durationOf(slow, key)).toBeGreaterThanOrEqual(base.serverRttMs);
    }
    const htmlBytes = slow.traffic.find((t) => t.key === "html")!.bytes;
    expect(durationOf(slow, "html") - durationOf(fast, "html")).toBeGreaterThan(serialisationMs(htmlBytes, 5) / 2);
    expect(slow.loadMs - fast.loadMs).toBeGreaterThan(100);
  });

  it("leaves a fast link waiting on round trips: the HTML needs two windows of slow start", () => {
    const fast = run({ bandwidthMbps: FAST });
    // First window (10 segments) comes with the first byte; the rest one round trip later.
    expect(durationOf(fast, "html")).toBeCloseTo(base.serverRttMs, 0);
  });
});

describe("loss", () => {
  it("is deterministic for a seed", () => {
    const a = run({ loss: 0.03, seed: 11, bandwidthMbps: 20 });
    const b = run({ loss: 0.03, seed: 11, bandwidthMbps: 20 });
    expect(a).toEqual(b);
  });

  it("adds whole retry timeouts to a setup phase that lost a packet, and nothing to one that did not", () => {
    const clean = run({ bandwidthMbps: 20 });
    let sawLoss = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const lossy = run({ loss: 0.05, seed, bandwidthMbps: 20 });
      for (const key of ["dns", "tcp", "tls"] as const) {
        const traffic = lossy.traffic.find((t) => t.key === key)!;
        const took = durationOf(lossy, key);
        if (traffic.lost === 0) {
          expect(Math.abs(took - durationOf(clean, key)), `seed ${seed} ${key}`).toBeLessThan(EPS);
        } else {
          sawLoss++;
          // The retry timer runs from the first send: 1 s, then 1 s + 2 s if the retry was lost too. After it fires,
          // the phase takes its whole clean length again (the request was lost), or just the last round trip (the
          // answer was lost and the other side resends what it already has).
          const timeouts = [HANDSHAKE_TIMEOUT_MS, 3 * HANDSHAKE_TIMEOUT_MS, 7 * HANDSHAKE_TIMEOUT_MS];
          const lastTrip = key === "dns" ? base.resolverRttMs : base.serverRttMs;
          const possible = timeouts.flatMap((t) => [t + durationOf(clean, key), t + lastTrip]);
          // The handshake's final ACK is counted with the TCP phase but sent as it ends: losing it costs nothing.
          if (key === "tcp") possible.push(durationOf(clean, key));
          expect(possible.some((p) => Math.abs(took - p) < 2), `seed ${seed} ${key}: ${took} ms`).toBe(true);
        }
      }
      expect(lossy.loadMs).toBeGreaterThanOrEqual(clean.loadMs - EPS);
    }
    expect(sawLoss).toBeGreaterThan(0);
  });

  it("blocks every HTTP/2 response behind a lost segment, but only the affected stream over QUIC", () => {
    let differed = false;
    for (let seed = 1; seed <= 30 && !differed; seed++) {
      const h2 = run({ loss: 0.03, seed, bandwidthMbps: 20, dns: "browser", tls: "resumed" });
      const h3 = run({ loss: 0.03, seed, bandwidthMbps: 20, dns: "browser", tls: "resumed", protocol: "h3" });
      // With HTTP/2 (in-order TCP), a response can never be readable before every byte sent ahead of it.
      for (const r of h2.resources.slice(1)) expect(r.firstByteMs).toBeGreaterThanOrEqual(h2.resources[0]!.firstByteMs);
      if (h3.loadMs !== h2.loadMs) differed = true;
    }
    expect(differed).toBe(true);
  });
});

describe("the packet record and dropping packets by hand", () => {
  const clean = run({ bandwidthMbps: 20, record: true });

  it("records every packet of the browser–server exchange in order, the handshakes first", () => {
    const labels = clean.packets.filter((p) => p.from === "server" || p.to === "server").map((p) => p.label);
    // The ClientHello, with its hybrid post-quantum key share, takes two segments.
    expect(labels.slice(0, 5)).toEqual(["SYN", "SYN-ACK", "ACK", "ClientHello (1/2)", "ClientHello (2/2)"]);
    expect(labels.slice(5, 8)).toEqual(["server handshake flight (1/3)", "server handshake flight (2/3)", "server handshake flight (3/3)"]);
    expect(labels[8]).toBe("GET /");
    // The first window of data is RFC 6928's ten segments, sent back to back.
    const data = clean.packets.filter((p) => p.label.startsWith("DATA"));
    const first = data.filter((p) => p.sentMs === data[0]!.sentMs);
    expect(first).toHaveLength(10);
    expect(clean.packets.every((p) => p.arrivedMs !== null && p.arrivedMs >= p.sentMs)).toBe(true);
  });

  it("costs exactly one retry timeout to lose the SYN", () => {
    const dropped = run({ bandwidthMbps: 20, record: true, drop: ["SYN#1:0"] });
    expect(durationOf(dropped, "tcp") - durationOf(clean, "tcp")).toBeCloseTo(HANDSHAKE_TIMEOUT_MS, 3);
    expect(dropped.firstPaintMs - clean.firstPaintMs).toBeCloseTo(HANDSHAKE_TIMEOUT_MS, 3);
    const syn = dropped.packets.filter((p) => p.label === "SYN");
    expect(syn.map((p) => [p.lost ?? null, p.retransmission])).toEqual([["dropped by you", false], [null, true]]);
  });

  it("repairs a lost segment in mid-window by fast retransmit (about a round trip), a lost last segment only by the timer", () => {
    const mid = run({ bandwidthMbps: 20, record: true, drop: ["data@2920"] });
    const resend = mid.packets.find((p) => p.label.startsWith("DATA 2920") && p.retransmission)!;
    const original = mid.packets.find((p) => p.label.startsWith("DATA 2920") && !p.retransmission)!;
    expect(resend.sentMs - original.sentMs).toBeLessThan(2 * base.serverRttMs);
    const last = clean.packets.filter((p) => p.label.startsWith("DATA")).at(-1)!;
    const tail = run({ bandwidthMbps: 20, record: true, drop: [last.dropKey!] });
    expect(tail.loadMs - clean.loadMs).toBeGreaterThanOrEqual(HANDSHAKE_TIMEOUT_MS - base.serverRttMs);
    expect(tail.firstPaintMs).toBeCloseTo(clean.firstPaintMs, 6);
  });
});
