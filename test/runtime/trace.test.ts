import { describe, expect, it } from "vitest";
import { ms } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { pair } from "./helpers.ts";
import { echoScenario } from "./scenarios.ts";

describe("determinism", () => {
  it("gives the same trace, byte for byte, for the same seed", () => {
    const first = echoScenario(2024);
    const second = echoScenario(2024);
    expect(first.net.trace.events.length).toBeGreaterThan(1000);
    expect(second.hash).toBe(first.hash);
    expect(second.net.trace.toPcapng()).toEqual(first.net.trace.toPcapng());
    expect([second.echoed, second.streamed]).toEqual([first.echoed, first.streamed]);
  });

  it("gives a different trace for a different seed", () => {
    const first = echoScenario(2024);
    const other = echoScenario(2025);
    expect(other.hash).not.toBe(first.hash);
    expect(other.streamed).toBe(50 * 97); // the clean path still delivers everything
  });

  it("exercises every kind of event in the hostile scenario", () => {
    const { net } = echoScenario(1);
    const kinds = new Set(net.trace.events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["arrive", "corrupt", "deliver", "drop", "duplicate", "queue", "send", "timer"]);
    const reasons = new Set(net.trace.events.flatMap((e) => (e.kind === "drop" ? [e.reason] : [])));
    expect(reasons).toContain("loss");
    expect(reasons).toContain("bad-checksum");
  });
});

describe("trace", () => {
  it("records one packet's life in order", () => {
    const { net, a, b } = pair({ rate: 8e6, delay: ms(1) });
    b.udp(9).onDatagram = () => {};
    const socket = a.udp(1000);
    socket.send({ address: "10.0.0.2", port: 9 }, new Uint8Array(972)); // 1000-byte datagram: 1 ms to send
    socket.send({ address: "10.0.0.2", port: 9 }, new Uint8Array(972));
    net.run();
    expect(net.trace.events).toEqual([
      { kind: "send", time: 0, link: "a->b", packet: 1, size: 1000 },
      { kind: "send", time: 0, link: "a->b", packet: 2, size: 1000 },
      { kind: "queue", time: 0, link: "a->b", packet: 2, size: 1000, queueBytes: 0 },
      { kind: "arrive", time: ms(2), link: "a->b", packet: 1, size: 1000 },
      { kind: "deliver", time: ms(2), node: "b", packet: 1, flow: "udp 10.0.0.1:1000 > 10.0.0.2:9", bytes: 972 },
      { kind: "arrive", time: ms(3), link: "a->b", packet: 2, size: 1000 },
      { kind: "deliver", time: ms(3), node: "b", packet: 2, flow: "udp 10.0.0.1:1000 > 10.0.0.2:9", bytes: 972 },
    ]);
  });

  it("can stay silent, or tell a listener without keeping events", () => {
    const net = new Network({ trace: { record: false } });
    expect(net.trace.active).toBe(false);
    const seen: string[] = [];
    const stop = net.trace.listen((e) => seen.push(e.kind));
    expect(net.trace.active).toBe(true);
    const a = net.host("a", "10.0.0.1");
    net.connect(a, net.host("b", "10.0.0.2"));
    a.udp().send({ address: "10.0.0.2", port: 1 }, new Uint8Array(1));
    net.run();
    stop();
    expect(net.trace.active).toBe(false);
    expect(seen).toEqual(["send", "arrive", "drop"]);
    expect(net.trace.events).toEqual([]);
  });

  it("computes goodput and loss per flow", () => {
    const { net, a, b } = pair({ rate: 8e6, delay: ms(10), loss: { model: "bernoulli", rate: 0.2 } }, { seed: 8 });
    b.udp(9).onDatagram = () => {};
    const socket = a.udp(1000);
    for (let i = 0; i < 1000; i++) socket.send({ address: "10.0.0.2", port: 9 }, new Uint8Array(972));
    net.run();
    const flow = net.metrics.flow("udp 10.0.0.1:1000 > 10.0.0.2:9");
    expect(flow.lossRate).toBeCloseTo(0.2, 1);
    // The link is busy for 1000 ms and 80% of what it carries gets through.
    expect(flow.goodput).toBeLessThan(8e6 * 0.8 * (972 / 1000) * 1.05);
    expect(flow.goodput).toBeGreaterThan(8e6 * 0.8 * (972 / 1000) * 0.9);
  });
});
