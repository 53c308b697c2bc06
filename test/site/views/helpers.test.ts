import { describe, expect, it } from "vitest";
import { evictedCount, headerBytes, hexToBytes, kindPerByte, nestNotes, newEntryCount } from "#site/workbench/views/hpack-model.ts";
import { captureFileName } from "#site/workbench/views/packets.ts";
import { formatBytes, msLabel, niceStep, ticks } from "#site/workbench/views/scale.ts";
import { linearScale, pointAt, stepPath, valueCeiling } from "#site/workbench/views/window-plot.ts";
import { hpackResult } from "./sample-data.ts";

describe("scale", () => {
  it("picks 1-2-5 steps and lists ticks", () => {
    expect([0.3, 1, 1.2, 3, 37, 51, 4000].map(niceStep)).toEqual([0.5, 1, 2, 5, 50, 100, 5000]);
    expect(ticks(0, 100, 25)).toEqual([0, 25, 50, 75, 100]);
    expect(ticks(0, 0.3, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
    expect([0, 2.5, 12.25, 1500].map(msLabel)).toEqual(["0", "2.5", "12.3", "1500"]);
    expect([900, 14600, 1_200_000].map(formatBytes)).toEqual(["900", "14.6k", "1.2M"]);
  });
});

describe("window plot helpers", () => {
  const points = [
    { timeMs: 0, cwnd: 1000, ssthresh: null },
    { timeMs: 10, cwnd: 2000, ssthresh: null },
    { timeMs: 20, cwnd: 1000, ssthresh: 1000 },
    { timeMs: 30, cwnd: 1500, ssthresh: 1000 },
  ];
  const x = linearScale([0, 40], [0, 400]);
  const y = linearScale([0, 2000], [200, 0]);

  it("draws steps, and breaks ssthresh where it is infinite", () => {
    expect(stepPath(points, (p) => p.cwnd, x, y, 40)).toBe("M0 100H100V0H200V100H300V50H400");
    expect(stepPath(points, (p) => p.ssthresh, x, y, 40)).toBe("M200 100H300V100H400");
  });

  it("finds the sample in force at a time, and a y-range that clips a huge ssthresh", () => {
    expect([-5, 0, 9.9, 10, 25, 99].map((t) => pointAt(points, t))).toEqual([0, 0, 0, 1, 2, 3]);
    expect(valueCeiling(points)).toBeCloseTo(2100);
    expect(valueCeiling([{ timeMs: 0, cwnd: 1000, ssthresh: 2 ** 31 }])).toBeCloseTo(2100);
  });
});

describe("hpack model", () => {
  const blocks = hpackResult().blocks;

  it("reads hex and counts header bytes", () => {
    expect(hexToBytes("82 86 84")).toEqual(Uint8Array.of(0x82, 0x86, 0x84));
    expect(() => hexToBytes("8")).toThrow(/Not a hex/);
    expect(headerBytes([[":method", "GET"]])).toBe(10);
    expect(hexToBytes(blocks[2]!.hex).length).toBe(29);
  });

  it("finds the entries a block added and evicted", () => {
    expect(blocks.map((b, i) => newEntryCount(b.table, i === 0 ? null : blocks[i - 1]!.table))).toEqual([1, 1, 1, 0]);
    expect(blocks.map((b, i) => evictedCount(b.table, i === 0 ? null : blocks[i - 1]!.table))).toEqual([0, 0, 0, 1]);
  });

  it("nests a literal's name and value inside it and colours bytes by the outer field", () => {
    const third = blocks[2]!;
    expect(nestNotes(third.fields).map((n) => `${n.note.kind}:${n.depth}`)).toEqual([
      "indexed:0",
      "indexed:0",
      "indexed:0",
      "indexed:0",
      "literal-indexed:0",
      "name:1",
      "value:1",
    ]);
    const kinds = kindPerByte(29, third.fields);
    expect(kinds.slice(0, 5)).toEqual(["indexed", "indexed", "indexed", "indexed", "literal-indexed"]);
    expect(new Set(kinds.slice(4))).toEqual(new Set(["literal-indexed"]));
    expect(kindPerByte(3, [{ offset: 0, length: 1, kind: "indexed", text: "" }])).toEqual(["indexed", "unparsed", "unparsed"]);
  });
});

describe("captureFileName", () => {
  it("makes a safe wirelab-*.pcapng name", () => {
    expect(captureFileName("Go-Back-N, seed 4")).toBe("wirelab-go-back-n-seed-4.pcapng");
    expect(captureFileName("")).toBe("wirelab-capture.pcapng");
  });
});
