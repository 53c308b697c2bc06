import { describe, expect, it } from "vitest";
import type { LadderView } from "#labs/kit/demo.ts";
import { traceLines } from "#site/workbench/trace-text.ts";

const view: LadderView = {
  left: "sender",
  right: "receiver",
  packets: [
    { id: 2, from: "right", label: "ACK 0", sentMs: 20, arrivedMs: 40 },
    { id: 1, from: "left", label: "DATA 0", sentMs: 0, arrivedMs: 20, dropKey: "data:0" },
    { id: 3, from: "left", label: "DATA 1", sentMs: 1, arrivedMs: null, lost: "queue-full", retransmission: true },
  ],
  marks: [{ t: 20, side: "right", kind: "deliver", label: "deliver message 0" }],
};

describe("the terminal's trace", () => {
  it("lists packets and marks in time order, with who sent what and what became of it", () => {
    expect(traceLines(view)).toEqual([
      "     0.000 ms  sender → receiver  DATA 0  arrives at 20.000 ms",
      "     1.000 ms  sender → receiver  DATA 1 [retransmission]  lost (queue-full)",
      "    20.000 ms  receiver → sender  ACK 0  arrives at 40.000 ms",
      "    20.000 ms  receiver: deliver message 0",
    ]);
  });

  it("stops at the limit and says how many events are left", () => {
    const lines = traceLines({ ...view, truncatedAtMs: 40 }, 2);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^… 2 more events/);
    expect(lines[3]).toBe("(the run's record stops at 40 ms)");
  });
});
