import { describe, expect, it } from "vitest";
import { ms, serialisationDelay, us } from "#runtime/core/time.ts";
import type { Packet } from "#runtime/net/packet.ts";
import { LINK_PROFILES, resolveLinkSpec } from "#runtime/net/profiles.ts";
import { pair, rawPacket } from "./helpers.ts";

function collect(link: { connect(receiver: (p: Packet) => void): void }, net: { now: number }) {
  const arrivals: Array<{ id: number; time: number; bytes: Uint8Array }> = [];
  link.connect((p) => arrivals.push({ id: p.id, time: net.now, bytes: p.bytes }));
  return arrivals;
}

describe("Link timing", () => {
  it("adds serialisation and propagation delay exactly, back to back", () => {
    const { net, forward } = pair({ rate: 10e6, delay: ms(5) });
    const arrivals = collect(forward, net);
    for (let i = 0; i < 3; i++) forward.send(rawPacket(net, 1500));
    net.run();
    // Each 1500-byte packet takes 1.2 ms at 10 Mb/s; the k-th finishes at k x 1.2 ms.
    expect(arrivals.map((a) => a.time)).toEqual([6_200_000, 7_400_000, 8_600_000]);
  });

  it("starts a packet sent to an idle link at once, and one sent later after the one before", () => {
    const { net, forward } = pair({ rate: 1e6, delay: 0 });
    const arrivals = collect(forward, net);
    forward.send(rawPacket(net, 125)); // 1 ms
    net.sim.at(ms(0.5), () => forward.send(rawPacket(net, 125))); // waits 0.5 ms
    net.sim.at(ms(5), () => forward.send(rawPacket(net, 125))); // idle again
    net.run();
    expect(arrivals.map((a) => a.time)).toEqual([ms(1), ms(2), ms(6)]);
  });

  it("keeps order under jitter, and spreads delays across [delay, delay + jitter]", () => {
    const { net, forward } = pair({ rate: Infinity, delay: ms(10), jitter: ms(4) }, { seed: 3 });
    const arrivals = collect(forward, net);
    for (let i = 0; i < 200; i++) net.sim.at(ms(i * 5), () => forward.send(rawPacket(net, 100)));
    net.run();
    const ids = arrivals.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const delays = arrivals.map((a, i) => a.time - ms(i * 5));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(ms(10));
    expect(Math.max(...delays)).toBeLessThanOrEqual(ms(14));
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(ms(3));
  });

  it("reorders only when told to, by holding packets back", () => {
    const { net, forward } = pair({ rate: 10e6, delay: ms(1), reorder: 0.2, reorderDelay: ms(3) }, { seed: 9 });
    const arrivals = collect(forward, net);
    for (let i = 0; i < 500; i++) forward.send(rawPacket(net, 1000));
    net.run();
    expect(arrivals).toHaveLength(500);
    const overtaken = arrivals.filter((a, i) => i > 0 && a.id < arrivals[i - 1]!.id).length;
    expect(overtaken).toBeGreaterThan(50);
  });
});

describe("Link queue", () => {
  it("drops at the tail when the queue is full, and counts why", () => {
    // 1000-byte packets, room for 3 waiting behind the one being sent.
    const { net, forward } = pair({ rate: 8e6, delay: 0, queueBytes: 3000 });
    const arrivals = collect(forward, net);
    for (let i = 0; i < 10; i++) forward.send(rawPacket(net, 1000));
    net.run();
    expect(arrivals.map((a) => a.id)).toEqual([1, 2, 3, 4]);
    const drops = net.trace.events.filter((e) => e.kind === "drop");
    expect(drops.map((e) => (e.kind === "drop" ? [e.packet, e.reason] : []))).toEqual(
      [5, 6, 7, 8, 9, 10].map((id) => [id, "queue-full"]),
    );
    const metrics = net.metrics.link("a->b");
    expect(metrics.drops).toEqual({ "queue-full": 6 });
    expect(metrics.maxQueueBytes).toBe(3000);
  });

  it("frees queue space as packets start transmitting", () => {
    const { net, forward } = pair({ rate: 8e6, delay: 0, queueBytes: 1000 });
    const arrivals = collect(forward, net);
    forward.send(rawPacket(net, 1000)); // sending 0..1 ms
    forward.send(rawPacket(net, 1000)); // waits
    forward.send(rawPacket(net, 1000)); // queue full: dropped
    net.sim.at(ms(1), () => forward.send(rawPacket(net, 1000))); // packet 2 started: room again
    net.run();
    expect(arrivals.map((a) => a.id)).toEqual([1, 2, 4]);
  });

  it("reports the time-weighted average queue", () => {
    const { net, forward } = pair({ rate: 8e6, delay: 0 });
    for (let i = 0; i < 3; i++) forward.send(rawPacket(net, 1000)); // 2000 B wait 1 ms, then 1000 B for 1 ms
    net.run({ until: ms(4) });
    const metrics = net.metrics.link("a->b");
    expect(metrics.maxQueueBytes).toBe(2000);
    expect(metrics.averageQueueBytes(net.now)).toBe((2000 * 1 + 1000 * 1) / 4);
  });

  it("drops packets larger than the MTU", () => {
    const { net, forward } = pair({ mtu: 576 });
    const arrivals = collect(forward, net);
    forward.send(rawPacket(net, 577));
    forward.send(rawPacket(net, 576));
    net.run();
    expect(arrivals.map((a) => a.id)).toEqual([2]);
    expect(net.metrics.link("a->b").drops).toEqual({ mtu: 1 });
  });
});

describe("Link impairments", () => {
  const sendMany = (spec: Parameters<typeof pair>[0], count: number, seed = 1) => {
    const { net, forward } = pair(spec, { seed, trace: { record: false } });
    const arrivals = collect(forward, net);
    for (let i = 0; i < count; i++) net.sim.at(us(i * 10), () => forward.send(rawPacket(net, 100)));
    net.run();
    return { net, arrivals };
  };

  it("loses packets at the configured independent rate", () => {
    for (const rate of [0.01, 0.1, 0.5]) {
      const { arrivals } = sendMany({ loss: { model: "bernoulli", rate } }, 100_000);
      expect(1 - arrivals.length / 100_000).toBeCloseTo(rate, 2);
    }
  });

  it("loses packets in bursts with Gilbert-Elliott, at the model's mean rate", () => {
    const model = { model: "gilbert-elliott", goodToBad: 0.02, badToGood: 0.25, lossInGood: 0, lossInBad: 0.8 } as const;
    const { arrivals } = sendMany({ loss: model }, 200_000, 4);
    const meanLoss = (model.badToGood * model.lossInGood + model.goodToBad * model.lossInBad) / (model.goodToBad + model.badToGood);
    expect(1 - arrivals.length / 200_000).toBeCloseTo(meanLoss, 2);

    // Bursts: a lost packet is followed by another loss far more often than the mean rate.
    const arrived = new Set(arrivals.map((a) => a.id));
    let losses = 0;
    let lossAfterLoss = 0;
    for (let id = 1; id < 200_000; id++) {
      if (!arrived.has(id)) {
        losses++;
        if (!arrived.has(id + 1)) lossAfterLoss++;
      }
    }
    expect(lossAfterLoss / losses).toBeGreaterThan(0.5);
  });

  it("duplicates packets at the configured rate, the copy with a new id", () => {
    const { net, arrivals } = sendMany({ duplicate: 0.1 }, 20_000);
    expect(arrivals.length / 20_000 - 1).toBeCloseTo(0.1, 1);
    const copies = arrivals.filter((a) => a.id > 20_000);
    expect(copies.length).toBe(arrivals.length - 20_000);
    expect(net.metrics.link("a->b").packetsArrived).toBe(arrivals.length);
  });

  it("flips the configured number of bits in corrupted packets, in a copy", () => {
    const { net, forward } = pair({ corrupt: 1, corruptBits: 3 }, { seed: 2 });
    const original = new Uint8Array(64);
    const received: Uint8Array[] = [];
    forward.connect((p) => received.push(p.bytes));
    forward.send({ id: net.newPacketId(), bytes: original });
    net.run();
    expect(original.every((b) => b === 0)).toBe(true);
    const flipped = [...received[0]!].reduce((n, byte) => n + byte.toString(2).split("1").length - 1, 0);
    const event = net.trace.events.find((e) => e.kind === "corrupt");
    expect(event?.kind === "corrupt" && event.bits.length).toBe(3);
    expect(flipped).toBeLessThanOrEqual(3); // two draws may hit the same bit
    expect(flipped).toBeGreaterThanOrEqual(1);
  });
});

describe("link profiles", () => {
  it("resolves names, overrides and rejects nonsense with a precise message", () => {
    expect(resolveLinkSpec("satellite").delay).toBe(ms(270));
    expect(resolveLinkSpec({ profile: "wifi", delay: ms(9) })).toEqual({ ...LINK_PROFILES.wifi, delay: ms(9) });
    expect(() => resolveLinkSpec("dialup" as never)).toThrow(/Unknown link profile "dialup". Known profiles: lan, wifi/);
    expect(() => resolveLinkSpec({ duplicate: 1.5 })).toThrow(/duplicate must be a probability in \[0, 1\] \(got 1.5\)/);
    expect(() => resolveLinkSpec({ rate: 0 })).toThrow(/rate must be > 0/);
  });

  it("bufferbloat queues far longer than it propagates", () => {
    const { net, forward } = pair("bufferbloat");
    const arrivals = collect(forward, net);
    for (let i = 0; i < 100; i++) forward.send(rawPacket(net, 1500));
    net.run();
    const last = arrivals.at(-1)!.time;
    expect(last).toBe(100 * serialisationDelay(1500, 2e6) + ms(10));
    expect(last).toBeGreaterThan(ms(500));
  });
});

describe("Link faults draw from their own streams", () => {
  /** Which of 400 packets a link with `config` loses (seed 7, 20% loss plus the given faults). */
  function lostIds(extra: Record<string, number>): number[] {
    const { net, forward } = pair({ rate: 10e6, delay: ms(1), loss: { model: "bernoulli", rate: 0.2 }, ...extra }, { seed: 7 });
    const arrivals = collect(forward, net);
    const sent: number[] = [];
    for (let i = 0; i < 400; i++) {
      const packet = rawPacket(net, 200);
      sent.push(packet.id);
      forward.send(packet);
    }
    net.run();
    const arrived = new Set(arrivals.map((a) => a.id));
    return sent.filter((id) => !arrived.has(id));
  }

  it("loses the same packets whatever other fault is switched on (issue 16: one setting never changes another's draws)", () => {
    const baseline = lostIds({});
    expect(baseline.length).toBeGreaterThan(50);
    expect(lostIds({ corrupt: 1e-9 })).toEqual(baseline);
    expect(lostIds({ jitter: ms(1) })).toEqual(baseline);
    expect(lostIds({ reorder: 1e-9, reorderDelay: ms(1) })).toEqual(baseline);
    expect(lostIds({ corrupt: 0.5 })).toEqual(baseline);
  });
});
