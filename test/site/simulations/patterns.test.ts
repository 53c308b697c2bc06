/**
 * The models behind Part 6's live simulations (site/src/simulations/patterns/),
 * run in Node without a DOM: the claims the chapter makes about them must hold
 * in the simulator itself.
 */
import { describe, expect, it } from "vitest";
import { makeEvents, runNotify, runTechnique, TECHNIQUES, type NotifyOptions } from "#site/simulations/patterns/notify.ts";
import { runMesh } from "#site/simulations/patterns/mesh.ts";
import { h2Frame, runMux } from "#site/simulations/patterns/mux.ts";
import { runJob } from "#site/simulations/patterns/job.ts";
import { runPubSub, type Qos } from "#site/simulations/patterns/pubsub.ts";
import { sha1, websocketAccept } from "#site/simulations/patterns/sha1.ts";
import { Reader } from "#site/simulations/patterns/wire.ts";
import { readWsFrame, wsFrame, wsHeaderLength } from "#site/simulations/patterns/ws-frames.ts";

const base: NotifyOptions = { eventsPerMinute: 20, oneWayMs: 50, pollIntervalMs: 2000, seed: 1 };
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

describe("WebSocket handshake key", () => {
  it("computes SHA-1 correctly (FIPS 180 examples)", () => {
    expect(hex(sha1(new TextEncoder().encode("abc")))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(hex(sha1(new Uint8Array(0)))).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    const long = new TextEncoder().encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    expect(hex(sha1(long))).toBe("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  });

  it("gives RFC 6455's Sec-WebSocket-Accept for its example key", () => {
    expect(websocketAccept("dGhlIHNhbXBsZSBub25jZQ==")).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });

  it("matches Web Crypto's SHA-1", async () => {
    const data = new TextEncoder().encode("x".repeat(200));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", data));
    expect(hex(sha1(data))).toBe(hex(digest));
  });
});

describe("WebSocket frames (RFC 6455 §5.2)", () => {
  it("uses 2, 4 or 10 header bytes, plus 4 for the mask", () => {
    expect(wsHeaderLength(125, false)).toBe(2);
    expect(wsHeaderLength(126, false)).toBe(4);
    expect(wsHeaderLength(70_000, false)).toBe(10);
    expect(wsHeaderLength(10, true)).toBe(6);
    for (const n of [0, 5, 125, 126, 300, 70_000]) {
      expect(wsFrame(1, new Uint8Array(n)).length).toBe(wsHeaderLength(n, false) + n);
    }
  });

  it("masks client frames with the key and reads them back however the bytes are cut", () => {
    const payload = new TextEncoder().encode("Hello");
    const frame = wsFrame(1, payload, new Uint8Array([0x37, 0xfa, 0x21, 0x3d]));
    // RFC 6455 §5.7: a masked "Hello".
    expect(hex(frame)).toBe("818537fa213d7f9f4d5158");
    expect(hex(wsFrame(1, payload))).toBe("810548656c6c6f");
    const reader = new Reader();
    for (const byte of frame) {
      expect(readWsFrame(reader)).toBeNull();
      reader.push(new Uint8Array([byte]));
    }
    const read = readWsFrame(reader)!;
    expect(read.masked).toBe(true);
    expect(new TextDecoder().decode(read.payload)).toBe("Hello");
  });
});

describe("the notification stream", () => {
  it("is the same for the same seed and has rate × duration events", () => {
    expect(makeEvents(base)).toEqual(makeEvents(base));
    expect(makeEvents(base)).toHaveLength(20);
    expect(makeEvents({ ...base, eventsPerMinute: 60 })).toHaveLength(60);
    expect(makeEvents({ ...base, seed: 2 })).not.toEqual(makeEvents(base));
  });

  for (const seed of [1, 2, 3]) {
    for (const pollIntervalMs of [500, 2000, 10_000]) {
      it(`delivers every event exactly once, in order, with every technique (seed ${seed}, poll every ${pollIntervalMs} ms)`, () => {
        const result = runNotify({ ...base, seed, pollIntervalMs, eventsPerMinute: 40 });
        const ids = result.events.map((e) => e.id);
        for (const r of result.results) {
          expect(r.deliveredIds, r.technique).toEqual(ids);
          r.deliveredAtMs.forEach((at, i) => expect(at!, r.technique).toBeGreaterThanOrEqual(result.events[i]!.atMs));
        }
      });
    }
  }

  it("counts every byte it sends: bytes up + down = headers + payload", () => {
    for (const r of runNotify(base).results) {
      expect(r.upBytes + r.downBytes).toBe(r.overheadBytes + r.payloadBytes);
      expect(r.payloadBytes).toBe(runNotify(base).results[0]!.payloadBytes);
    }
  });
});

describe("short polling", () => {
  it("sends about duration / interval requests, even when there is almost nothing to say", () => {
    for (const pollIntervalMs of [1000, 2000, 5000]) {
      const r = runTechnique("short-polling", { ...base, pollIntervalMs, eventsPerMinute: 1 }, makeEvents({ ...base, eventsPerMinute: 1 }));
      expect(r.requests).toBeGreaterThanOrEqual(60_000 / pollIntervalMs);
      expect(r.requests).toBeLessThanOrEqual(60_000 / pollIntervalMs + 1);
    }
  });

  it("has an average latency near interval / 2 + one-way delay, growing with the interval", () => {
    const options = { ...base, eventsPerMinute: 600, oneWayMs: 50 };
    const averages = [1000, 2000, 5000].map((pollIntervalMs) => {
      const r = runTechnique("short-polling", { ...options, pollIntervalMs }, makeEvents(options));
      const expected = pollIntervalMs / 2 + options.oneWayMs;
      expect(r.averageLatencyMs).toBeGreaterThan(expected * 0.85);
      expect(r.averageLatencyMs).toBeLessThan(expected * 1.15);
      expect(r.maxLatencyMs).toBeLessThanOrEqual(pollIntervalMs + 2 * options.oneWayMs + 5);
      return r.averageLatencyMs;
    });
    expect(averages[0]).toBeLessThan(averages[1]!);
    expect(averages[1]).toBeLessThan(averages[2]!);
  });
});

describe("long polling, server-sent events and WebSocket", () => {
  it("deliver in about one one-way delay (long polling up to three while it re-asks)", () => {
    for (const oneWayMs of [10, 50, 250]) {
      const result = runNotify({ ...base, oneWayMs });
      const [, lp, sse, ws] = result.results;
      for (const r of [sse!, ws!]) {
        expect(r.averageLatencyMs, r.technique).toBeGreaterThanOrEqual(oneWayMs);
        expect(r.maxLatencyMs, r.technique).toBeLessThan(oneWayMs + 5);
      }
      expect(lp!.averageLatencyMs).toBeGreaterThanOrEqual(oneWayMs);
      expect(lp!.maxLatencyMs).toBeLessThan(3 * oneWayMs + 5);
      expect(lp!.averageLatencyMs).toBeLessThan(ws!.averageLatencyMs + 2 * oneWayMs);
    }
  });

  it("long polling sends one request per response, with an empty 204 after each hold timeout", () => {
    const quiet = { ...base, eventsPerMinute: 1 };
    const r = runTechnique("long-polling", { ...quiet, holdMs: 10_000 }, makeEvents(quiet));
    // One event, held requests time out every 10 s: about 60 / 10 requests plus one for the event.
    expect(r.requests).toBeGreaterThanOrEqual(6);
    expect(r.requests).toBeLessThanOrEqual(8);
  });

  it("SSE and WebSocket send one request for the whole stream", () => {
    const result = runNotify(base);
    expect(result.results[2]!.requests).toBe(1);
    expect(result.results[3]!.requests).toBe(1);
  });
});

describe("bytes on the wire", () => {
  it("orders WebSocket < SSE < long polling < short polling for a sparse stream and a short interval", () => {
    for (const seed of [1, 2, 3]) {
      const [sp, lp, sse, ws] = runNotify({ ...base, seed, eventsPerMinute: 10, pollIntervalMs: 1000 }).results;
      const total = (r: typeof sp) => r!.overheadBytes + r!.payloadBytes;
      expect(total(ws)).toBeLessThan(total(sse));
      expect(total(sse)).toBeLessThan(total(lp));
      expect(total(lp)).toBeLessThan(total(sp));
    }
  });

  it("gives WebSocket 2 bytes of framing per small event, SSE more", () => {
    const few = runNotify({ ...base, eventsPerMinute: 5 });
    const many = runNotify({ ...base, eventsPerMinute: 60 });
    const perEvent = (i: number) =>
      (many.results[i]!.overheadBytes - few.results[i]!.overheadBytes) / (many.events.length - few.events.length);
    expect(perEvent(3)).toBe(2);
    expect(perEvent(2)).toBeGreaterThan(perEvent(3));
  });

  it("is deterministic", () => {
    expect(runNotify(base)).toEqual(runNotify(base));
  });

  it("runs every technique", () => {
    expect(runNotify(base).results.map((r) => r.technique)).toEqual([...TECHNIQUES]);
  });
});

describe("publish/subscribe delivery levels (MQTT v5 §4.3)", () => {
  const run = (qos: Qos, lossRate: number, seed = 1) => runPubSub({ qos, lossRate, subscribers: 3, seed });
  const total = (r: ReturnType<typeof runPubSub>, key: "lost" | "duplicates") => r.subscribers.reduce((a, s) => a + s[key], 0);

  it("delivers everything exactly once on a clean network, at every level", () => {
    for (const qos of [0, 1, 2] as const) {
      const r = run(qos, 0);
      expect(r.subscribers.every((s) => s.copies.every((n) => n === 1))).toBe(true);
      expect(r.resends).toBe(0);
    }
  });

  it("QoS 0 loses messages and never duplicates them", () => {
    const r = run(0, 0.2);
    expect(total(r, "lost")).toBeGreaterThan(0);
    expect(total(r, "duplicates")).toBe(0);
  });

  it("QoS 1 loses nothing but hands some messages over twice when a PUBACK is lost", () => {
    for (const seed of [1, 2, 3]) {
      const r = run(1, 0.2, seed);
      expect(total(r, "lost")).toBe(0);
      expect(total(r, "duplicates")).toBeGreaterThan(0);
    }
  });

  it("QoS 2 delivers every message exactly once, for more packets", () => {
    for (const seed of [1, 2, 3]) {
      const r = run(2, 0.2, seed);
      expect(r.subscribers.every((s) => s.copies.every((n) => n === 1))).toBe(true);
      expect(r.packets).toBeGreaterThan(run(1, 0.2, seed).packets);
    }
  });
});

describe("a long-running job (RFC 9110 202 Accepted)", () => {
  const base = { jobSeconds: 20, pollSeconds: 2, oneWayMs: 50, seed: 1 };

  it("answers the POST at once with 202, a Location and a Retry-After", () => {
    const r = runJob({ ...base, policy: "fixed" });
    const [post, accepted] = r.ladder.packets;
    expect(post!.label).toBe("POST /reports");
    expect(accepted!.label).toMatch(/^202 Accepted, Location: \/jobs\/7, Retry-After: \d+$/);
    expect(accepted!.arrivedMs).toBeCloseTo(100, 0);
  });

  it("ends with 303 See Other and a GET of the result, whatever the policy", () => {
    for (const policy of ["fixed", "retry-after", "backoff"] as const) {
      const r = runJob({ ...base, policy });
      const labels = r.ladder.packets.map((p) => p.label);
      expect(labels.slice(-3)).toEqual(["303 See Other, Location: /reports/7", "GET /reports/7", "200 OK (the report)"]);
      expect(r.resultMs).toBeGreaterThan(r.doneMs);
    }
  });

  it("polls far less when the client honours Retry-After than at a short fixed interval", () => {
    const fixed = runJob({ ...base, policy: "fixed" });
    const hinted = runJob({ ...base, policy: "retry-after" });
    expect(hinted.polls).toBeLessThan(fixed.polls / 2);
    // A fixed poll notices the result within one interval (plus a round trip).
    expect(fixed.staleMs).toBeLessThanOrEqual(2000 + 2 * 50 + 1);
  });
});

describe("multiplexing: HTTP/1.1 against HTTP/2 (RFC 9113)", () => {
  const options = { resources: 12, oneWayMs: 50, pool: 6, seed: 1 };

  it("fetches every resource once in each run", () => {
    const result = runMux(options);
    for (const run of result.runs) {
      expect(run.fetches.map((f) => f.resource)).toEqual(result.sizes.map((_, i) => i));
      for (const f of run.fetches) expect(f.doneMs).toBeGreaterThan(f.sentMs);
    }
  });

  it("one HTTP/1.1 connection carries one exchange at a time: a round trip per resource", () => {
    const [one] = runMux(options).runs;
    for (let i = 1; i < one!.fetches.length; i++) expect(one!.fetches[i]!.sentMs).toBeGreaterThanOrEqual(one!.fetches[i - 1]!.doneMs);
    expect(one!.totalMs).toBeGreaterThan(2 * 100 + 12 * 100);
  });

  it("waits two round trips for the handshakes before the first request", () => {
    for (const run of runMux(options).runs) {
      const first = Math.min(...run.fetches.map((f) => f.sentMs));
      expect(first).toBeGreaterThanOrEqual(200);
      expect(first).toBeLessThan(210);
    }
  });

  it("HTTP/2 sends every request at once and beats one HTTP/1.1 connection by far, and a pool of 6 too at a long delay", () => {
    const [one, pool, h2] = runMux({ ...options, oneWayMs: 100 }).runs;
    expect(new Set(h2!.fetches.map((f) => f.sentMs)).size).toBe(1);
    expect(h2!.totalMs).toBeLessThan(one!.totalMs / 2);
    expect(h2!.totalMs).toBeLessThan(pool!.totalMs);
    expect(h2!.bytes).toBeLessThan(pool!.bytes);
  });

  it("builds HTTP/2 frame headers as RFC 9113 §4.1 lays them out", () => {
    const frame = h2Frame(0x0, 0x1, 3, new Uint8Array(300));
    expect([...frame.subarray(0, 9)]).toEqual([0, 1, 44, 0, 1, 0, 0, 0, 3]);
  });
});

describe("a service chain with sidecars", () => {
  const base = { depth: 3, proxyMs: 1, appAttempts: 3, sidecarAttempts: 3, seed: 1, requests: 20 };

  it("adds four proxy passes per call to the latency and nothing else when nothing fails", () => {
    const plain = runMesh({ ...base, sidecars: false, failure: 0 });
    const mesh = runMesh({ ...base, sidecars: true, failure: 0 });
    expect(plain.attempts).toEqual([20, 20, 20]);
    expect(mesh.attempts).toEqual([20, 20, 20]);
    expect(mesh.medianMs - plain.medianMs).toBeCloseTo(3 * 4 * 1, 6);
  });

  it("multiplies attempts when a service is down: (application × sidecar attempts) per layer", () => {
    const plain = runMesh({ ...base, sidecars: false, failure: 1 });
    const mesh = runMesh({ ...base, sidecars: true, failure: 1 });
    expect(plain.attempts.map((a) => a / 20)).toEqual([3, 9, 27]);
    expect(mesh.attempts.map((a) => a / 20)).toEqual([9, 81, 729]);
    expect(mesh.succeeded).toBe(0);
    expect(mesh.medianMs).toBeGreaterThan(plain.medianMs * 10);
  });

  it("hides occasional failures from the user with retries", () => {
    const r = runMesh({ ...base, sidecars: true, failure: 0.1 });
    expect(r.succeeded).toBe(20);
    expect(r.attempts[2]! / 20).toBeGreaterThan(1);
    expect(r.attempts[2]! / 20).toBeLessThan(1.5);
  });
});
