/**
 * The models behind the TCP and UDP chapter's live simulations
 * (site/src/simulations/tcp-udp/), run in Node without a DOM: the claims the
 * chapter makes about them must hold in the simulator itself.
 */
import { describe, expect, it } from "vitest";
import { runArq } from "#site/simulations/tcp-udp/arq.ts";
import { runHandshake } from "#site/simulations/tcp-udp/handshake.ts";
import { DROPPABLE_SEGMENTS } from "#site/simulations/tcp-udp/handshake-controls.ts";
import { RenoPolicy } from "#site/simulations/tcp-udp/reno.ts";
import { runSawtooth, SMSS } from "#site/simulations/tcp-udp/sawtooth.ts";
import { runWindow } from "#site/simulations/tcp-udp/window.ts";

describe("handshake and teardown", () => {
  const clean = runHandshake({ oneWayMs: 50 });

  it("opens in one round trip and walks both ends through RFC 9293's states", () => {
    expect(clean.clientEstablishedMs).toBeGreaterThanOrEqual(100);
    expect(clean.clientEstablishedMs).toBeLessThan(101);
    const client = clean.states.filter((s) => s.side === "client").map((s) => s.state);
    const server = clean.states.filter((s) => s.side === "server").map((s) => s.state);
    expect(client).toEqual(["SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"]);
    expect(server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"]);
    expect(clean.retransmissions).toBe(0);
  });

  it("sends SYN, SYN-ACK, ACK with the right flags and relative numbers", () => {
    const labels = clean.ladder.packets.slice(0, 3).map((p) => p.label);
    expect(labels).toEqual(["SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK seq=1 ack=1"]);
    expect(clean.ladder.packets.every((p) => p.arrivedMs !== null)).toBe(true);
  });

  it("keeps the client in TIME-WAIT for 2 MSL", () => {
    const r = runHandshake({ oneWayMs: 20, mslMs: 30_000 });
    expect(r.clientClosedMs! - r.timeWaitStartMs!).toBeCloseTo(60_000, 6);
  });

  it("takes exactly the 1 s initial RTO longer when the SYN is lost", () => {
    const lost = runHandshake({ oneWayMs: 50, drop: ["SYN"] });
    expect(lost.clientEstablishedMs! - clean.clientEstablishedMs!).toBeCloseTo(1000, 6);
    expect(lost.timeouts).toBe(1);
    expect(lost.ladder.packets[0]!.lost).toBe("dropped by you");
  });

  it("answers a lost SYN-ACK from both ends and keeps a 3 s RTO for the data after it (RFC 6298 §5.7)", () => {
    const r = runHandshake({ oneWayMs: 50, drop: ["SYN-ACK"] });
    expect(r.clientEstablishedMs! - clean.clientEstablishedMs!).toBeCloseTo(1000, 0);
    const synAcks = r.ladder.packets.filter((p) => p.label.startsWith("SYN,ACK"));
    expect(synAcks.length).toBeGreaterThanOrEqual(2);
    // Lose the response after such a handshake: the server waits 3 s, not 1 s, before resending it.
    const slow = runHandshake({ oneWayMs: 50, drop: ["SYN-ACK", "response"] });
    const responses = slow.ladder.packets.filter((p) => p.from === "right" && p.label.includes("len=600"));
    expect(responses[1]!.sentMs - responses[0]!.sentMs).toBeCloseTo(3000, 6);
  });

  it("lets the request complete the handshake when the third segment is lost", () => {
    const r = runHandshake({ oneWayMs: 50, drop: ["ACK (handshake)"] });
    expect(r.serverEstablishedMs).not.toBeNull();
    expect(r.retransmissions).toBe(0);
    expect(r.responseMs! - clean.responseMs!).toBeLessThan(1);
  });

  it("re-acknowledges a retransmitted FIN in TIME-WAIT when the last ACK is lost", () => {
    const r = runHandshake({ oneWayMs: 50, drop: ["last ACK"] });
    expect(r.serverClosedMs! - clean.serverClosedMs!).toBeCloseTo(1000, 0);
    const fins = r.ladder.packets.filter((p) => p.from === "right" && p.label.startsWith("FIN"));
    expect(fins.length).toBe(2);
  });

  it("recovers from every single dropped segment, and from random loss", () => {
    for (const segment of DROPPABLE_SEGMENTS) {
      const r = runHandshake({ oneWayMs: 30, drop: [segment] });
      expect(r.serverClosedMs, segment).not.toBeNull();
      expect(r.clientClosedMs, segment).not.toBeNull();
    }
    for (let seed = 1; seed <= 20; seed++) {
      const r = runHandshake({ oneWayMs: 30, lossRate: 0.3, seed });
      expect(r.gaveUp || r.serverClosedMs !== null, `seed ${seed}`).toBe(true);
    }
  });

  it("is deterministic for a seed", () => {
    const a = runHandshake({ oneWayMs: 40, lossRate: 0.2, seed: 9 });
    const b = runHandshake({ oneWayMs: 40, lossRate: 0.2, seed: 9 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("ARQ under loss", () => {
  const base = { messages: 20, window: 6, oneWayMs: 20, rateBps: 1e6, timeoutMs: 150 } as const;
  const total = (protocol: "go-back-n" | "selective-repeat" | "stop-and-wait", key: "retransmissions" | "finishedMs") => {
    let sum = 0;
    for (let seed = 1; seed <= 15; seed++) sum += runArq({ ...base, protocol, lossRate: 0.1, seed })[key] ?? Infinity;
    return sum;
  };

  it("delivers everything with each ARQ protocol, and loses messages without one", () => {
    for (const protocol of ["stop-and-wait", "go-back-n", "selective-repeat"] as const) {
      const r = runArq({ ...base, protocol, lossRate: 0.2, seed: 4 });
      expect(r.delivered, protocol).toBe(20);
      expect(r.finishedMs, protocol).not.toBeNull();
    }
    let lost = 0;
    for (let seed = 1; seed <= 5; seed++) lost += 20 - runArq({ ...base, protocol: "none", lossRate: 0.2, seed }).delivered;
    expect(lost).toBeGreaterThan(0);
  });

  it("sends nothing twice on a clean link", () => {
    for (const protocol of ["stop-and-wait", "go-back-n", "selective-repeat"] as const) {
      const r = runArq({ ...base, protocol, lossRate: 0 });
      expect(r.transmissions).toBe(20);
      expect(r.retransmissions).toBe(0);
    }
  });

  it("Go-Back-N retransmits more than Selective Repeat at the same loss", () => {
    expect(total("go-back-n", "retransmissions")).toBeGreaterThan(total("selective-repeat", "retransmissions"));
  });

  it("a window finishes sooner than stop-and-wait", () => {
    expect(total("selective-repeat", "finishedMs")).toBeLessThan(total("stop-and-wait", "finishedMs"));
  });
});

describe("window and throughput", () => {
  const rttMs = 50;
  const rateBps = 10e6;

  it("is window / RTT while the window is below the bandwidth-delay product", () => {
    for (const window of [1, 4, 16, 32]) {
      const r = runWindow({ window, rttMs, rateBps });
      expect(window).toBeLessThan(r.bdpSegments);
      expect(r.throughputBps / r.windowLimitBps, `window ${window}`).toBeGreaterThan(0.9);
      expect(r.throughputBps / r.windowLimitBps, `window ${window}`).toBeLessThan(1.02);
    }
  });

  it("grows with the window and levels off at the link rate", () => {
    const windows = [1, 2, 4, 8, 16, 32, 48, 64, 96];
    const results = windows.map((window) => runWindow({ window, rttMs, rateBps }));
    for (let i = 1; i < results.length; i++) expect(results[i]!.throughputBps).toBeGreaterThanOrEqual(results[i - 1]!.throughputBps * 0.999);
    for (const r of results) expect(r.throughputBps).toBeLessThanOrEqual(r.linkLimitBps * 1.001);
    const bdp = results[0]!.bdpSegments;
    for (const r of results.filter((_, i) => windows[i]! > bdp * 1.1)) expect(r.throughputBps / r.linkLimitBps).toBeGreaterThan(0.98);
  });
});

describe("Reno and NewReno", () => {
  it("starts with RFC 5681's initial window and doubles per round trip in slow start", () => {
    const policy = new RenoPolicy(1460);
    expect(policy.cwnd()).toBe(4380);
    const state = { flightSize: 0, ack: 0, highestSent: 0 };
    for (let i = 0; i < 3; i++) policy.onNewAck(1460, state);
    expect(policy.cwnd()).toBe(2 * 4380);
  });

  it("grows by about one segment per window in congestion avoidance", () => {
    const policy = new RenoPolicy(1000);
    policy.ssthresh = 10_000;
    policy.window = 10_000;
    const state = { flightSize: 10_000, ack: 0, highestSent: 10_000 };
    for (let i = 0; i < 10; i++) policy.onNewAck(1000, state);
    expect(policy.cwnd()).toBeGreaterThan(10_900);
    expect(policy.cwnd()).toBeLessThanOrEqual(11_000);
  });

  it("halves on a fast retransmit and drops to one segment on a timeout", () => {
    const policy = new RenoPolicy(1000);
    policy.window = 20_000;
    const state = { flightSize: 20_000, ack: 5000, highestSent: 25_000 };
    expect(policy.onDuplicateAck(1, state)).toBe(false);
    expect(policy.onDuplicateAck(2, state)).toBe(false);
    expect(policy.onDuplicateAck(3, state)).toBe(true);
    expect(policy.ssthresh).toBe(10_000);
    expect(policy.cwnd()).toBe(13_000);
    policy.onNewAck(20_000, { flightSize: 0, ack: 25_000, highestSent: 25_000 });
    expect(policy.cwnd()).toBe(10_000);
    policy.onTimeout({ flightSize: 8000, ack: 25_000, highestSent: 33_000 });
    expect(policy.ssthresh).toBe(4000);
    expect(policy.cwnd()).toBe(1000);
  });

  it("NewReno stays in recovery on a partial ACK and resends the next hole; Reno leaves", () => {
    for (const variant of ["reno", "newreno"] as const) {
      const policy = new RenoPolicy(1000, variant);
      policy.window = 10_000;
      for (let i = 1; i <= 3; i++) policy.onDuplicateAck(i, { flightSize: 10_000, ack: 0, highestSent: 10_000 });
      const retransmit = policy.onNewAck(3000, { flightSize: 7000, ack: 3000, highestSent: 10_000 });
      expect(retransmit).toBe(variant === "newreno");
      expect(policy.inRecovery).toBe(variant === "newreno");
    }
  });

  it("draws a sawtooth: every fast retransmit halves the window it interrupts", () => {
    const r = runSawtooth({ variant: "newreno", rateBps: 10e6, rttMs: 50, queuePackets: 40, lossRate: 0.002, durationMs: 20_000, seed: 3 });
    const cuts = r.events.filter((e) => e.kind === "fast-retransmit");
    expect(cuts.length).toBeGreaterThan(3);
    for (const cut of cuts) {
      expect(cut.ssthresh).toBe(Math.max(Math.floor(cut.flightSize / 2), 2 * SMSS));
      expect(cut.ssthresh / cut.cwndBefore).toBeLessThanOrEqual(0.55);
    }
    // After each recovery the window restarts from ssthresh and climbs again.
    const ends = r.events.filter((e) => e.kind === "recovery-end");
    for (const end of ends) expect(end.cwndBefore).toBe(end.ssthresh);
    expect(r.throughputBps).toBeGreaterThan(5e6);
    expect(r.throughputBps).toBeLessThan(10e6);
  });

  it("a drop-tail buffer alone makes the sender overflow it, periodically", () => {
    const r = runSawtooth({ variant: "newreno", rateBps: 10e6, rttMs: 50, queuePackets: 20, lossRate: 0, durationMs: 20_000 });
    expect(r.queueDrops).toBeGreaterThan(0);
    expect(r.fastRetransmits).toBeGreaterThan(2);
    const late = r.series.filter((p) => p.t > 5000 && !p.recovery);
    const peak = Math.max(...late.map((p) => p.cwnd));
    expect(peak).toBeLessThan((r.bdpSegments + 20) * 1.3);
  });
});
