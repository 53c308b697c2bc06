// The pure model code behind Part 1's simulations: the encapsulated HTTPS
// POST, longest-prefix match and hop-by-hop forwarding, IP fragmentation.
import { describe, expect, it } from "vitest";
import { formatIpv4Address, parseCidr, parseIpv4Address, prefixMask } from "#runtime/wire/address.ts";
import { IP_PROTOCOL, parseIpv4 } from "#runtime/wire/ipv4.ts";
import { parseTcp } from "#runtime/wire/tcp.ts";
import { RoutingTable } from "#runtime/net/routing-table.ts";
import {
  AEAD_TAG_LENGTH,
  buildHttpsPost,
  crc32,
  decodeFrame,
  ETHERNET_HEADER_LENGTH,
  FCS_LENGTH,
  parseEthernet,
  parseTlsRecordHeader,
  SCENARIO,
  TLS_APPLICATION_DATA,
} from "#site/simulations/models-and-layers/packet-model.ts";
import {
  buildTable,
  EDGE_ROUTES,
  explainLookup,
  forward,
  SAMPLE_DESTINATIONS,
} from "#site/simulations/models-and-layers/routing.ts";
import {
  emitIpv4Fragments,
  fragment,
  planFragments,
  SAMPLE_REPR,
} from "#site/simulations/models-and-layers/fragment-model.ts";

describe("encapsulation of an HTTPS POST", () => {
  const post = buildHttpsPost('{"item":"patch cable","qty":2}');

  it("parses back, layer by layer, with the runtime's parsers to the fields it was built from", () => {
    const eth = parseEthernet(post.sentFrame);
    expect(eth.etherType).toBe(0x0800);
    expect(eth.src).toBe(SCENARIO.client.mac);
    expect(eth.dst).toBe(SCENARIO.r1.mac);
    expect(eth.fcsOk).toBe(true);
    const ip = parseIpv4(eth.payload);
    expect(formatIpv4Address(ip.repr.src)).toBe(SCENARIO.client.ip);
    expect(formatIpv4Address(ip.repr.dst)).toBe(SCENARIO.server.ip);
    expect(ip.repr.protocol).toBe(IP_PROTOCOL.TCP);
    expect(ip.repr.ttl).toBe(64);
    const tcp = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
    expect(tcp.repr.srcPort).toBe(SCENARIO.client.port);
    expect(tcp.repr.dstPort).toBe(443);
    expect(tcp.repr.flags.psh && tcp.repr.flags.ack).toBe(true);
    const tls = parseTlsRecordHeader(tcp.payload);
    expect(tls).toEqual({ contentType: TLS_APPLICATION_DATA, version: 0x0303, length: tcp.payload.length - 5 });
    // TLS 1.3: plaintext + 1 byte of inner content type + the AEAD tag.
    expect(tls.length).toBe(post.plaintextBytes.length + 1 + AEAD_TAG_LENGTH);
    expect(tcp.payload).toEqual(post.tlsRecord);
  });

  it("has an IPv4 total length equal to the sum of the layers it carries", () => {
    const decoded = decodeFrame(post.sentFrame);
    const sum = decoded.ipHeaderLength + decoded.tcpHeaderLength + 5 + decoded.tls.length;
    expect(decoded.ipTotalLength).toBe(sum);
    expect(decoded.ipTotalLength).toBe(post.sentPacket.length);
    expect(post.sentFrame.length).toBe(ETHERNET_HEADER_LENGTH + sum + FCS_LENGTH);
    expect(post.tcpSegment.length).toBe(decoded.tcpHeaderLength + post.tlsRecord.length);
  });

  it("locates every field inside its own layer, and the layers nest", () => {
    const { layers } = decodeFrame(post.sentFrame);
    for (const layer of layers) {
      for (const field of layer.fields) {
        expect(field.offset).toBeGreaterThanOrEqual(layer.start);
        expect(field.offset + field.length).toBeLessThanOrEqual(layer.end);
      }
    }
    const byId = Object.fromEntries(layers.map((l) => [l.id, l]));
    expect(byId.ipv4!.start).toBe(14);
    expect(byId.tcp!.start).toBe(byId.ipv4!.start + 20);
    expect(byId.tls!.start).toBeGreaterThan(byId.tcp!.start);
    expect(byId.payload!.start).toBe(byId.tls!.start + 5);
  });

  it("keeps the Ethernet CRC-32 residue property (FCS sent least significant byte first)", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(post.sentFrame)).toBe(0x2144df1c);
  });

  it("arrives changed only where routers change it: new MACs, TTL and IP checksum", () => {
    expect(post.delivered).toBe(true);
    expect(post.path).toEqual(["client->r1", "r1->r2", "r2->server"]);
    const sent = decodeFrame(post.sentFrame);
    const received = decodeFrame(post.receivedFrame);
    expect(received.ip.ttl).toBe(sent.ip.ttl - 2);
    expect(received.ethernet.dst).toBe(SCENARIO.server.mac);
    expect(received.ethernet.src).toBe(SCENARIO.r2.mac);
    expect(post.receivedPacket.subarray(20)).toEqual(post.sentPacket.subarray(20));
    expect(post.receivedPacket.subarray(10, 12)).not.toEqual(post.sentPacket.subarray(10, 12));
  });

  it("exports the packet on every link as a pcapng capture", () => {
    const view = new DataView(post.pcapng.buffer, post.pcapng.byteOffset, post.pcapng.byteLength);
    expect(view.getUint32(0, true)).toBe(0x0a0d0d0a); // Section Header Block
    const text = Array.from(post.pcapng, (b) => b.toString(16).padStart(2, "0")).join("");
    const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    expect(text).toContain(hex(post.sentPacket));
    expect(text).toContain(hex(post.receivedPacket));
  });

  it("sets Content-Length to the body's length in bytes, not characters", () => {
    const body = '{"city":"Zürich"}';
    const { plaintext } = buildHttpsPost(body);
    expect(plaintext).toContain(`Content-Length: ${new TextEncoder().encode(body).length}\r\n`);
    expect(plaintext.endsWith(`\r\n\r\n${body}`)).toBe(true);
  });
});

describe("longest-prefix match", () => {
  // The answer by brute force: of the routes containing the address, the longest prefix.
  function bruteForce(routes: ReadonlyArray<{ cidr: string; via: string }>, address: number): string | undefined {
    let best: { length: number; via: string } | undefined;
    for (const r of routes) {
      const { network, prefixLength } = parseCidr(r.cidr);
      if (((address & prefixMask(prefixLength)) >>> 0) !== network) continue;
      if (best === undefined || prefixLength > best.length) best = { length: prefixLength, via: r.via };
    }
    return best?.via;
  }

  it("picks the most specific matching route for many destinations", () => {
    const table = buildTable();
    const destinations = [...SAMPLE_DESTINATIONS.map((d) => d.address), "10.20.30.0", "10.20.31.255", "10.1.255.255", "11.0.0.0", "9.255.255.255", "255.255.255.255", "0.0.0.0"];
    for (let i = 0; i < 200; i++) destinations.push(formatIpv4Address(((i * 2654435761) >>> 0) & 0x0affffff));
    for (const text of destinations) {
      const address = parseIpv4Address(text);
      const { checks, chosen } = explainLookup(table, address);
      expect(chosen, text).toBe(bruteForce(EDGE_ROUTES, address));
      const marked = checks.filter((c) => c.chosen);
      expect(marked.length, text).toBe(1);
      const longest = Math.max(...checks.filter((c) => c.matches).map((c) => c.prefixLength));
      expect(marked[0]!.prefixLength, text).toBe(longest);
    }
  });

  it("names the expected next hop for the sample destinations", () => {
    const table = buildTable();
    const via = (a: string) => table.lookup(parseIpv4Address(a));
    expect(via("10.20.30.40")).toBe("lab");
    expect(via("10.20.5.5")).toBe("campus");
    expect(via("10.99.0.1")).toBe("core");
    expect(via("203.0.113.10")).toBe("isp");
  });

  it("works on a table with overlapping prefixes of every length", () => {
    const table = new RoutingTable<number>();
    for (let length = 0; length <= 32; length += 4) table.add(`${formatIpv4Address((0xc0a8abcd & prefixMask(length)) >>> 0)}/${length}`, length);
    expect(table.lookup(0xc0a8abcd)).toBe(32);
    expect(table.lookup(0xc0a8abce)).toBe(28);
    expect(table.lookup(0xc0a80000)).toBe(16);
    expect(table.lookup(0x01020304)).toBe(0);
  });
});

describe("hop-by-hop forwarding in a runtime network", () => {
  it("delivers along the longest-prefix path, one TTL less per router", () => {
    const result = forward("10.20.30.40", 64);
    expect(result.outcome).toMatchObject({ kind: "delivered", node: "labHost" });
    expect(result.hops.map((h) => `${h.from}->${h.to}`)).toEqual(["client->edge", "edge->lab", "lab->labHost"]);
    expect(result.hops.map((h) => h.ttl)).toEqual([64, 63, 62]);
    expect(result.hops[1]!.route).toBe("10.20.30.0/24");
  });

  it("drops a looping packet when its TTL runs out", () => {
    const result = forward("10.50.0.1", 8);
    expect(result.outcome).toMatchObject({ kind: "dropped", reason: "ttl-expired" });
    expect(result.hops.map((h) => h.ttl)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it("takes one off the TTL at every router, whatever the destination", () => {
    for (const { address } of SAMPLE_DESTINATIONS) {
      const { hops, outcome } = forward(address, 20);
      expect(hops[0]!.ttl, address).toBe(20);
      for (let i = 1; i < hops.length; i++) expect(hops[i]!.ttl, address).toBe(hops[i - 1]!.ttl - 1);
      // Each hop leaves from where the previous one arrived.
      for (let i = 1; i < hops.length; i++) expect(hops[i]!.from, address).toBe(hops[i - 1]!.to);
      expect(["delivered", "dropped"], address).toContain(outcome.kind);
    }
  });

  it("drops at a router that has no route", () => {
    expect(forward("192.0.2.1").outcome).toMatchObject({ kind: "dropped", where: "isp", reason: "no-route" });
  });
});

describe("IPv4 fragmentation (RFC 791)", () => {
  const cases: Array<[payload: number, mtu: number]> = [
    [3980, 1500], [1480, 1500], [1481, 1500], [4000, 576], [65515, 1500], [100, 68], [9000, 1492], [1, 68],
  ];

  it.each(cases)("splits %i payload bytes for MTU %i correctly", (payloadLength, mtu) => {
    const fragments = fragment(payloadLength, mtu, 20);
    let expectedOffset = 0;
    fragments.forEach((f, i) => {
      const last = i === fragments.length - 1;
      expect(f.offsetBytes).toBe(expectedOffset);
      expect(f.offsetBytes % 8).toBe(0);
      expect(f.offsetField * 8).toBe(f.offsetBytes);
      expect(f.moreFragments).toBe(!last);
      if (!last) expect(f.dataLength % 8).toBe(0);
      expect(f.totalLength).toBeLessThanOrEqual(mtu);
      expectedOffset += f.dataLength;
    });
    expect(fragments.reduce((sum, f) => sum + f.dataLength, 0)).toBe(payloadLength);
  });

  it("emits real fragments whose headers parse back and whose data reassembles", () => {
    const payload = Uint8Array.from({ length: 3980 }, (_, i) => (i * 7) & 0xff);
    const packets = emitIpv4Fragments(SAMPLE_REPR, payload, 1500);
    expect(packets.map((p) => p.length)).toEqual([1500, 1500, 1040]);
    const reassembled = new Uint8Array(payload.length);
    packets.forEach((bytes, i) => {
      expect(bytes.length).toBeLessThanOrEqual(1500);
      const { repr, payload: data } = parseIpv4(bytes);
      expect(repr.identification).toBe(SAMPLE_REPR.identification);
      expect(repr.moreFragments).toBe(i < packets.length - 1);
      expect(((bytes[6]! << 8) | bytes[7]!) & 0x1fff).toBe(repr.fragmentOffset / 8);
      reassembled.set(data, repr.fragmentOffset);
    });
    expect(reassembled).toEqual(payload);
    expect(((packets[1]![6]! << 8) | packets[1]![7]!) & 0x1fff).toBe(185);
  });

  it("plans what a router does: fit, fragment, or drop a DF packet", () => {
    expect(planFragments(4, 1500, 1500, true).outcome).toBe("fits");
    expect(planFragments(4, 1501, 1500, true).outcome).toBe("dropped-df");
    expect(planFragments(4, 1501, 1500, false).fragments.length).toBe(2);
    expect(planFragments(4, 100, 60, false).outcome).toBe("mtu-too-small");
  });

  it("IPv6: only the source fragments, each fragment carrying an 8-byte Fragment header", () => {
    expect(planFragments(6, 1400, 1300, true).outcome).toBe("fragmented");
    expect(planFragments(6, 2000, 576, false).outcome).toBe("mtu-too-small");
    const plan = planFragments(6, 4000, 1280, false);
    for (const f of plan.fragments) expect(f.totalLength).toBeLessThanOrEqual(1280);
    expect(plan.fragments[0]!.dataLength).toBe(1232);
    expect(plan.fragments.reduce((s, f) => s + f.dataLength, 0)).toBe(4000 - 40);
  });
});
