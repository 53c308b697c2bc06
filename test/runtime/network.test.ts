import { describe, expect, it } from "vitest";
import { ms } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import type { Datagram } from "#runtime/net/udp-socket.ts";
import type { DropReason } from "#runtime/trace/events.ts";
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { pair } from "./helpers.ts";

const bytes = (...values: number[]) => new Uint8Array(values);

function dropReasons(net: Network): DropReason[] {
  return net.trace.events.flatMap((e) => (e.kind === "drop" ? [e.reason] : []));
}

describe("hosts and UDP sockets", () => {
  it("carry a datagram there and back with real headers", () => {
    const { net, a, b } = pair({ delay: ms(10) });
    const server = b.udp(7);
    server.onDatagram = (d) => server.send(d.from, d.payload.map((x) => x * 2));
    const client = a.udp();
    const replies: Array<Datagram & { time: number }> = [];
    client.onDatagram = (d) => replies.push({ ...d, time: net.now });
    client.send({ address: "10.0.0.2", port: 7 }, bytes(1, 2, 3));
    net.run();
    expect(replies).toHaveLength(1);
    expect([...replies[0]!.payload]).toEqual([2, 4, 6]);
    expect(replies[0]!.from).toEqual({ address: "10.0.0.2", port: 7 });
    // Two trips of 10 ms plus serialising 31 bytes (20 IPv4 + 8 UDP + 3) twice at 1 Gb/s.
    expect(replies[0]!.time).toBe(ms(20) + 2 * 248);
    const flow = net.metrics.flow(`udp 10.0.0.1:${client.port} > 10.0.0.2:7`);
    expect([flow.packetsSent, flow.packetsDelivered, flow.bytesDelivered]).toEqual([1, 1, 3]);
  });

  it("drop corrupted datagrams when the UDP checksum is on", () => {
    const { net, a, b } = pair({ corrupt: 1 }, { seed: 5 });
    const received: Datagram[] = [];
    b.udp(9).onDatagram = (d) => received.push(d);
    const sender = a.udp();
    for (let i = 0; i < 300; i++) sender.send({ address: "10.0.0.2", port: 9 }, new Uint8Array(100).fill(i));
    net.run();
    // A single flipped bit is always caught (RFC 1071): by a checksum, or, for a
    // flip in the UDP length field, by the length check that comes first.
    expect(received).toHaveLength(0);
    const reasons = dropReasons(net);
    expect(reasons).toHaveLength(300);
    expect(reasons.filter((r) => r === "bad-checksum").length).toBeGreaterThan(280);
    expect(new Set(reasons)).toEqual(new Set(["bad-checksum", "malformed"]));
  });

  it("let corruption through to the application when the sender omits the UDP checksum", () => {
    const { net, a, b } = pair({ corrupt: 1 }, { seed: 5 });
    const received: Datagram[] = [];
    b.udp(9).onDatagram = (d) => received.push(d);
    const sender = a.udp(undefined, { checksum: false });
    for (let i = 0; i < 300; i++) sender.send({ address: "10.0.0.2", port: 9 }, new Uint8Array(100).fill(i));
    net.run();
    // Flips in the IPv4 header are still caught; flips in the 100-byte payload are not.
    expect(received.length).toBeGreaterThan(200);
    const damaged = received.filter((d) => d.payload.some((x) => x !== d.payload[0] || d.payload.length !== 100));
    expect(damaged.length).toBeGreaterThan(200);
    expect(dropReasons(net)).toContain("bad-checksum");
  });

  it("drop what nobody listens for, and what is for another host", () => {
    const { net, a, b } = pair({});
    const raw = b.udp(1);
    raw.onDatagram = () => {};
    a.udp().send({ address: "10.0.0.2", port: 2 }, bytes(1));
    a.udp().send({ address: "10.0.0.9", port: 1 }, bytes(1)); // default route leads to b
    net.run();
    expect(dropReasons(net)).toEqual(["no-listener", "wrong-host"]);
  });

  it("refuse bad ports and duplicate binds with clear errors", () => {
    const { a } = pair({});
    a.udp(53);
    expect(() => a.udp(53)).toThrow(/UDP port 53 is already in use on a/);
    expect(() => a.udp(70000)).toThrow(/integer from 0 to 65535/);
    expect(() => a.udp().send({ address: "10.0.0.300", port: 1 }, bytes())).toThrow(/10.0.0.300/);
  });
});

describe("routers", () => {
  function topology() {
    const net = new Network();
    const client = net.host("client", "10.0.0.1");
    const router = net.router("r1");
    const wide = net.host("wide", "10.1.0.1");
    const narrow = net.host("narrow", "10.1.2.3");
    net.connect(client, router);
    net.connect(router, wide);
    net.connect(router, narrow);
    router.addRoute("10.0.0.0/24", client).addRoute("10.1.0.0/16", wide).addRoute("10.1.2.0/24", narrow);
    return { net, client, router, wide, narrow };
  }

  it("forward by longest-prefix match", () => {
    const { net, client, router, narrow } = topology();
    expect(router.routes.lookup(parseIpv4Address("10.1.2.3"))).toBe(router.linkTo(narrow));
    expect(router.routes.lookup(parseIpv4Address("10.1.3.3"))?.name).toBe("r1->wide");
    expect(router.routes.lookup(parseIpv4Address("10.2.0.1"))).toBeUndefined();
    const got: string[] = [];
    narrow.udp(5).onDatagram = (d) => got.push(`narrow from ${d.from.address}`);
    client.udp().send({ address: "10.1.2.3", port: 5 }, bytes(1));
    client.udp().send({ address: "10.2.0.1", port: 5 }, bytes(1));
    net.run();
    expect(got).toEqual(["narrow from 10.0.0.1"]);
    expect(dropReasons(net)).toEqual(["no-route"]);
  });

  it("decrement the TTL, recompute the header checksum, and drop at TTL expiry", () => {
    const { net, client, narrow } = topology();
    const arrived: number[] = [];
    net.link("r1->narrow").connect((p) => arrived.push(p.bytes[8]!));
    client.udp().send({ address: "10.1.2.3", port: 5 }, bytes(1));
    net.run();
    expect(arrived).toEqual([63]);
    expect(narrow.name).toBe("narrow");

  });

  it("drop a packet caught in a routing loop when its TTL runs out", () => {
    const net = new Network();
    const host = net.host("h", "10.0.0.1");
    const r1 = net.router("r1");
    const r2 = net.router("r2");
    net.connect(host, r1);
    net.connect(r1, r2);
    r1.addRoute("0.0.0.0/0", r2);
    r2.addRoute("0.0.0.0/0", r1); // a loop: each sends the other everything
    host.udp().send({ address: "192.0.2.1", port: 9 }, bytes(1));
    net.run();
    const hops = net.trace.events.filter((e) => e.kind === "arrive").length;
    expect(hops).toBe(64); // the host's TTL of 64: one arrival per hop
    const drop = net.trace.events.find((e) => e.kind === "drop");
    expect(drop).toMatchObject({ reason: "ttl-expired" });
  });

  it("list their routes most specific first", () => {
    const { router } = topology();
    expect(router.routes.describe((link) => link.name)).toEqual([
      "10.0.0.0/24 -> r1->client",
      "10.1.2.0/24 -> r1->narrow",
      "10.1.0.0/16 -> r1->wide",
    ]);
  });
});

describe("byte streams", () => {
  it("deliver every byte in order but cut and merge the writes at seeded places", () => {
    const { net, a, b } = pair({ rate: 100e6, delay: ms(2) }, { seed: 12 });
    const stream = net.stream(a, b, { maxChunk: 50 });
    const chunks: Uint8Array[] = [];
    stream.onData = (chunk) => chunks.push(chunk);
    const written: number[] = [];
    for (let i = 0; i < 100; i++) {
      const message = Array.from({ length: (i % 7) + 1 }, (_, j) => (i * 7 + j) & 0xff);
      written.push(...message);
      net.sim.at(ms(i % 10 === 0 ? i : i - (i % 10)), () => stream.write(new Uint8Array(message)));
    }
    net.run();
    expect(chunks.flatMap((c) => [...c])).toEqual(written);
    expect(stream.bytesDelivered).toBe(written.length);
    const sizes = chunks.map((c) => c.length);
    expect(sizes.some((s) => s <= 4)).toBe(true); // headers get cut apart
    expect(sizes.some((s) => s > 7)).toBe(true); // writes get merged
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
  });

  it("cuts differently for another seed", () => {
    const cuts = (seed: number) => {
      const { net, a, b } = pair({}, { seed });
      const stream = net.stream(a, b);
      const sizes: number[] = [];
      stream.onData = (chunk) => sizes.push(chunk.length);
      stream.write(new Uint8Array(10_000));
      net.run();
      return sizes;
    };
    expect(cuts(1)).toEqual(cuts(1));
    expect(cuts(1)).not.toEqual(cuts(2));
  });

  it("stops with a clear error on a lossy path", () => {
    const { net, a, b } = pair({ loss: { model: "bernoulli", rate: 0.5 } });
    const stream = net.stream(a, b, { maxChunk: 10 });
    stream.write(new Uint8Array(1000));
    expect(() => net.run()).toThrow(/need a path without loss/);
  });
});
