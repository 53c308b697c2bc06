import { describe, expect, it } from "vitest";
import { writePcapng } from "#runtime/trace/pcapng.ts";
import { readPcapng } from "#site/workbench/views/pcapng-reader.ts";
import { captureScenario } from "./capture.ts";

describe("readPcapng", () => {
  it("reads back every packet of a runtime capture: bytes, timestamps, link type", () => {
    const { net, pcap } = captureScenario();
    const captured = net.trace.captured;
    expect(captured.length).toBeGreaterThan(8);
    const records = readPcapng(pcap);
    expect(records).toHaveLength(captured.length);
    records.forEach((record, i) => {
      expect(record.timeNs).toBe(BigInt(captured[i]!.time));
      expect(record.data).toEqual(captured[i]!.bytes);
      expect(record.originalLength).toBe(captured[i]!.bytes.length);
      expect(record.linkType).toBe(101);
    });
    // Not all at one instant: the scenario spreads sends over milliseconds.
    expect(new Set(records.map((r) => r.timeNs)).size).toBeGreaterThan(3);
  });

  it("keeps timestamps above 2^32 ns exact, and reads one link's capture", () => {
    const big = 5_000_000_000_123;
    const file = writePcapng([{ time: big, bytes: Uint8Array.of(0x45, 1, 2) }], { linkType: 228, interfaceName: "" });
    const [record] = readPcapng(file);
    expect(record!.timeNs).toBe(5_000_000_000_123n);
    expect(record!.data).toEqual(Uint8Array.of(0x45, 1, 2));
    expect(record!.linkType).toBe(228);
    const { net } = captureScenario();
    expect(readPcapng(net.trace.toPcapng("client->server")).length).toBe(net.trace.captured.filter((c) => c.link === "client->server").length);
  });

  it("records the original length of a packet cut by the snap length", () => {
    const file = writePcapng([{ time: 0, bytes: new Uint8Array(100).fill(7) }], { snapLength: 40 });
    const [record] = readPcapng(file);
    expect(record!.data.length).toBe(40);
    expect(record!.originalLength).toBe(100);
  });

  it("uses microseconds when the interface gives no if_tsresol (the pcapng default)", () => {
    // SHB (28 bytes), IDB without options (20 bytes), EPB with 4 data bytes (36 bytes).
    const file = new Uint8Array(28 + 20 + 36);
    const v = new DataView(file.buffer);
    v.setUint32(0, 0x0a0d0d0a, true);
    v.setUint32(4, 28, true);
    v.setUint32(8, 0x1a2b3c4d, true);
    v.setUint16(12, 1, true);
    v.setInt32(16, -1, true);
    v.setInt32(20, -1, true);
    v.setUint32(24, 28, true);
    v.setUint32(28, 1, true);
    v.setUint32(32, 20, true);
    v.setUint16(36, 101, true);
    v.setUint32(44, 20, true);
    v.setUint32(48, 6, true);
    v.setUint32(52, 36, true);
    v.setUint32(60, 0, true); // ts high
    v.setUint32(64, 1500, true); // ts low: 1500 µs
    v.setUint32(68, 4, true);
    v.setUint32(72, 4, true);
    file.set([0x45, 0, 0, 4], 76);
    v.setUint32(80, 36, true);
    const [record] = readPcapng(file);
    expect(record!.timeNs).toBe(1_500_000n);
    expect(record!.data).toEqual(Uint8Array.of(0x45, 0, 0, 4));
  });

  it("explains what is wrong with a file it cannot read", () => {
    const good = writePcapng([{ time: 0, bytes: new Uint8Array(20) }]);
    expect(() => readPcapng(new Uint8Array(40))).toThrow(/Not a pcapng file.*Section Header Block/);
    expect(() => readPcapng(Uint8Array.of(1, 2))).toThrow(/only 2 bytes/);

    const bigEndian = good.slice();
    new DataView(bigEndian.buffer).setUint32(8, 0x1a2b3c4d, false);
    expect(() => readPcapng(bigEndian)).toThrow(/big-endian/);

    const badMagic = good.slice();
    new DataView(badMagic.buffer).setUint32(8, 0x12345678, true);
    expect(() => readPcapng(badMagic)).toThrow(/byte-order magic 0x12345678/);

    expect(() => readPcapng(good.subarray(0, good.length - 8))).toThrow(/claims \d+ bytes but only \d+ are left/);

    const badTrailer = good.slice();
    new DataView(badTrailer.buffer).setUint32(good.length - 4, 8, true);
    expect(() => readPcapng(badTrailer)).toThrow(/trailing length 8 differ/);
  });
});
