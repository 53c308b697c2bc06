import { describe, expect, it } from "vitest";
import { emitIpv4, IP_PROTOCOL, type Ipv4Repr } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import { emitUdp } from "#runtime/wire/udp.ts";
import { describePacket, summarizePacket, type PacketField } from "#site/workbench/views/packet-fields.ts";
import { readPcapng } from "#site/workbench/views/pcapng-reader.ts";
import { captureScenario } from "./capture.ts";

const A = 0x0a000001; // 10.0.0.1
const B = 0x0a000002; // 10.0.0.2

function ip(protocol: number, identification = 0x1234): Ipv4Repr {
  return { src: A, dst: B, protocol, ttl: 64, identification, dscp: 0, ecn: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 };
}

function field(fields: PacketField[], layer: string, name: string): PacketField {
  const found = fields.find((f) => f.layer === layer && f.name === name);
  if (!found) throw new Error(`no ${layer} ${name} in ${fields.map((f) => `${f.layer} ${f.name}`).join(", ")}`);
  return found;
}

const udpPacket = () => emitIpv4(ip(IP_PROTOCOL.UDP), emitUdp({ srcPort: 4000, dstPort: 4001 }, new TextEncoder().encode("hello, world"), A, B));

describe("describePacket", () => {
  it("names IPv4 and UDP fields at their RFC 791 and RFC 768 offsets", () => {
    const packet = udpPacket();
    const fields = describePacket(packet);
    const expectField = (layer: string, name: string, value: string | RegExp, offset: number, length: number) => {
      const f = field(fields, layer, name);
      expect({ offset: f.offset, length: f.length }, `${layer} ${name}`).toEqual({ offset, length });
      if (typeof value === "string") expect(f.value).toBe(value);
      else expect(f.value).toMatch(value);
    };
    expectField("IPv4", "Version", "4", 0, 1);
    expectField("IPv4", "IHL", "5 (20 bytes)", 0, 1);
    expectField("IPv4", "Total Length", "40", 2, 2);
    expectField("IPv4", "Identification", "0x1234 (4660)", 4, 2);
    expectField("IPv4", "Flags", "DF", 6, 1);
    expectField("IPv4", "Time to Live", "64", 8, 1);
    expectField("IPv4", "Protocol", "17 (UDP)", 9, 1);
    expectField("IPv4", "Header Checksum", /^0x[0-9a-f]{4} \(correct\)$/, 10, 2);
    expectField("IPv4", "Source Address", "10.0.0.1", 12, 4);
    expectField("IPv4", "Destination Address", "10.0.0.2", 16, 4);
    expectField("UDP", "Source Port", "4000", 20, 2);
    expectField("UDP", "Destination Port", "4001", 22, 2);
    expectField("UDP", "Length", "20", 24, 2);
    expectField("UDP", "Checksum", /^0x[0-9a-f]{4} \(correct\)$/, 26, 2);
    expectField("Payload", "Data", '12 bytes: "hello, world"', 28, 12);
    // The bytes at each field's offset are the field's value.
    expect((packet[22]! << 8) | packet[23]!).toBe(4001);
    expect(packet.subarray(12, 16)).toEqual(Uint8Array.of(10, 0, 0, 1));
    // Every byte is covered by some field.
    for (let i = 0; i < packet.length; i++) expect(fields.some((f) => i >= f.offset && i < f.offset + f.length), `byte ${i}`).toBe(true);
  });

  it("names TCP fields and options at their RFC 9293 offsets", () => {
    const repr = {
      srcPort: 80,
      dstPort: 5000,
      seq: 4_000_000_000,
      ack: 1001,
      flags: tcpFlags({ syn: true, ack: true }),
      window: 65535,
      urgentPointer: 0,
      options: [{ kind: "mss" as const, value: 1460 }, { kind: "sack-permitted" as const }, { kind: "window-scale" as const, shift: 7 }],
    };
    const packet = emitIpv4(ip(IP_PROTOCOL.TCP), emitTcp(repr, new Uint8Array([1, 2, 3]), A, B));
    const fields = describePacket(packet);
    const f = (name: string) => field(fields, "TCP", name);
    expect(f("Source Port")).toMatchObject({ value: "80", offset: 20, length: 2 });
    expect(f("Destination Port")).toMatchObject({ value: "5000", offset: 22, length: 2 });
    expect(f("Sequence Number")).toMatchObject({ value: "4000000000", offset: 24, length: 4 });
    expect(f("Acknowledgment Number")).toMatchObject({ value: "1001", offset: 28, length: 4 });
    expect(f("Data Offset")).toMatchObject({ value: "8 (32 bytes)", offset: 32, length: 1 });
    expect(f("Flags")).toMatchObject({ value: "0x12 [SYN,ACK]", offset: 33, length: 1 });
    expect(f("Window")).toMatchObject({ value: "65535", offset: 34, length: 2 });
    expect(f("Checksum").value).toMatch(/\(correct\)/);
    expect(f("Option: Maximum Segment Size")).toMatchObject({ value: "1460", offset: 40, length: 4 });
    expect(f("Option: SACK Permitted")).toMatchObject({ offset: 44, length: 2 });
    expect(f("Option: Window Scale")).toMatchObject({ value: "shift 7 (×128)", offset: 46, length: 3 });
    expect(field(fields, "Payload", "Data")).toMatchObject({ offset: 52, length: 3 });
  });

  it("still shows a corrupted packet's fields and says which checksum is wrong", () => {
    const packet = udpPacket();
    packet[30] = packet[30]! ^ 0xff; // a payload byte: the UDP checksum no longer matches
    const fields = describePacket(packet);
    expect(field(fields, "UDP", "Checksum").value).toMatch(/wrong: UDP checksum mismatch \(expected 0x[0-9a-f]{4}, found 0x[0-9a-f]{4}\)/);
    expect(field(fields, "IPv4", "Header Checksum").value).toMatch(/correct/);
    packet[8] = 1; // TTL: the IPv4 header checksum breaks too
    expect(field(describePacket(packet), "IPv4", "Header Checksum").value).toMatch(/\(wrong\)/);
  });

  it("reports bytes that are not IPv4 as one unparsed field", () => {
    expect(describePacket(Uint8Array.of(0x60, 0, 0))).toEqual([
      { layer: "Payload", name: "Unparsed bytes", value: expect.stringMatching(/not an IPv4 packet: IPv4 packet truncated/), offset: 0, length: 3 },
    ]);
  });
});

describe("summarizePacket", () => {
  it("gives the packet list's columns", () => {
    expect(summarizePacket(udpPacket())).toEqual({
      source: "10.0.0.1:4000",
      destination: "10.0.0.2:4001",
      protocol: "UDP",
      info: "UDP 4000 → 4001 len=12",
    });
    const tcp = emitIpv4(
      ip(IP_PROTOCOL.TCP),
      emitTcp({ srcPort: 80, dstPort: 5000, seq: 1, ack: 7, flags: tcpFlags({ ack: true }), window: 1000, urgentPointer: 0, options: [] }, new Uint8Array(5), A, B),
    );
    expect(summarizePacket(tcp)).toMatchObject({ protocol: "TCP", info: "TCP 80 → 5000 [ACK] seq=1 ack=7 win=1000 len=5" });
  });

  it("summarizes every packet of a real runtime capture as UDP or TCP", () => {
    const records = readPcapng(captureScenario().pcap);
    const summaries = records.map((r) => summarizePacket(r.data));
    expect(new Set(summaries.map((s) => s.protocol))).toEqual(new Set(["UDP", "TCP"]));
    expect(summaries.find((s) => s.protocol === "UDP")!.info).toBe("UDP 4000 → 4001 len=14");
    for (const s of summaries) expect(s.info).not.toMatch(/bad/);
  });
});
