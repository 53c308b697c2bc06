/** A failing test's traced run and its moment (labs/kit/trace.ts), and the plot's note when cwnd outgrows the path. */
import { describe, expect, it } from "vitest";
import { failingMomentMs, tracedRun } from "#labs/kit/trace.ts";
import { outsideRecovery, overPathNote, valueCeiling } from "#site/workbench/views/window-plot.ts";
import { failureSections } from "#site/workbench/result-sections.ts";

describe("traced runs", () => {
  it("takes a result with ladder events, and says when it was capped", () => {
    expect(tracedRun({ ladder: [{ kind: "send" }], truncated: false })).toEqual({ ladder: [{ kind: "send" }], truncated: false });
    expect(tracedRun({ ladder: [{}], ladderTruncated: true })?.truncated).toBe(true);
    expect(tracedRun({ ladder: [] })).toBeUndefined();
    expect(tracedRun({ ladder: "no" })).toBeUndefined();
    expect(tracedRun([1, 2])).toBeUndefined();
    expect(tracedRun(null)).toBeUndefined();
  });

  it("finds the marked event's time in a failure's steps, else the first event's", () => {
    const output = [
      "delivery #2 was bytes that are no message the sender offered",
      "",
      "Steps:",
      "  stop-and-wait, window 1: 5 messages, seed 1",
      "  ladder, events 1-15 of 33:",
      "        0.000 ms S→R send DATA 0 (message 0, packet 1)",
      "      120.142 ms sender timer 0 fires",
      "  →   130.201 ms receiver delivers bytes that are no offered message",
      "      140.227 ms R→S ACK 2 arrives (packet 4)",
    ].join("\n");
    expect(failingMomentMs(failureSections(output).steps!)).toBe(130.201);
    expect(failingMomentMs(["ladder:", "     41.664 ms S→R data 1000..1999 sent", "     50.000 ms R→S ACK 2000 arrives"])).toBe(41.664);
    // "S→R" inside a line is no mark.
    expect(failingMomentMs(["   12.5 ms S→R send", "   20.0 ms S→R send"])).toBe(12.5);
    expect(failingMomentMs(["new CongestionController({})", "retransmission timeouts at 1200.0 ms"])).toBeUndefined();
    // A script run is drawn in order: its check marks the failing step by number, and unmarked step numbers are no moment.
    expect(failingMomentMs(["new Connection(…)", "1. connect()", "→ step 2. a segment arrives: SYN,ACK seq 300 ack 101"])).toBe(2);
    expect(failingMomentMs(["1. 1000 ms pass", "step 2. close()"])).toBeUndefined();
  });
});

describe("the congestion plot's path note", () => {
  const points = [
    { timeMs: 0, cwnd: 1000, ssthresh: null },
    { timeMs: 300, cwnd: 19_000, ssthresh: null },
    { timeMs: 320, cwnd: 24_000, ssthresh: null },
  ];
  it("says when cwnd went above the bandwidth-delay product plus the queue", () => {
    const note = overPathNote(points, { bdpBytes: 10_000, queueBytes: 8000 });
    expect(note).toContain("from 300 ms on (peak 24000 bytes)");
    expect(note).toContain("The path holds 18000 bytes: 10000 in flight");
  });
  it("says nothing when cwnd stayed within it, or the path is unknown", () => {
    expect(overPathNote(points, { bdpBytes: 20_000, queueBytes: 8000 })).toBe("");
    expect(overPathNote(points, undefined)).toBe("");
  });
  it("leaves out fast recovery, where cwnd is inflated by duplicate ACKs", () => {
    const calm = outsideRecovery(points, [{ fromMs: 310, toMs: 400 }]);
    expect(calm.map((p) => p.timeMs)).toEqual([0, 300]);
    expect(overPathNote(calm, { bdpBytes: 10_000, queueBytes: 8000 })).toContain("(peak 19000 bytes)");
  });
  it("keeps what the path holds on the y axis", () => {
    expect(valueCeiling([{ timeMs: 0, cwnd: 1000, ssthresh: null }], 18_000)).toBeCloseTo(18_900);
  });
});
