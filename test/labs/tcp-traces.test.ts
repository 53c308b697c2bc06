/**
 * The tcp lab's failing tests as pictures (labs/kit/trace.ts): a mutant's
 * public test leaves its script run, drawn in order with the failing step
 * marked; a hidden end-to-end test replays its smallest failing input, drawn
 * in virtual time, marked when it went wrong. Run through the grader's own
 * runner and Node sandbox, keeping the last traced run of each test as the
 * workbench does.
 */
import { describe, expect, it } from "vitest";
import { findLab, loadMutants, loadSuites } from "#grader/labs.ts";
import { failingMomentMs } from "#labs/kit/trace.ts";
import { ladderView } from "#labs/tcp/ladder-view.ts";
import { failureSections } from "#site/workbench/result-sections.ts";
import { momentRow, momentText } from "#site/workbench/views/ladder.ts";
import { ladderEndMs, layoutLadder, timeToY } from "#site/workbench/views/ladder-layout.ts";
import { failedWithRuns } from "./failed-with-runs.ts";

const lab = findLab("tcp");

const mutant = async (name: string) => (await loadMutants(lab)).find((m) => m.name === name)!.source;

describe("tcp: a failing test's run as a ladder", () => {
  it("draws a script run in order, one row per event, and marks the step whose check failed", async () => {
    const suites = await loadSuites(lab);
    // LAST-ACK never closes: the recorded test fails at its last step, the ACK of our FIN.
    const [failure] = await failedWithRuns(lab, await mutant("last-ack-never-closes"), suites.public, (name) => name.startsWith("a recorded Linux connection"));
    expect(failure).toBeDefined();
    const steps = failureSections(failure!.result.output).steps!;
    expect(steps.at(-1)).toMatch(/^→ step 9\. Linux segment #11: segment arrives: ACK/);
    expect(failingMomentMs(steps)).toBe(9);
    const view = ladderView(failure!.trace!.ladder as never, failure!.trace!.truncated);
    expect(view.order?.steps).toHaveLength(9);
    expect([view.left, view.right]).toEqual(["your connection", "the test"]);
    // Rows are in order, and step 9's row holds the test's ACK arriving.
    const row9 = view.order!.steps[8]!;
    expect(view.packets.find((p) => p.sentMs === row9)).toMatchObject({ from: "right", label: expect.stringMatching(/^ACK seq 2455536471 ack 2176302044/) });
    // What the connection sent: the recorded handshake's SYN,ACK first, from our side.
    expect(view.packets.find((p) => p.from === "left")?.label).toMatch(/^SYN,ACK seq 2176302036 ack 2455536465/);
    for (const p of view.packets) expect(p.arrivedMs).toBeGreaterThan(p.sentMs);
    // The axis shows the steps at their rows, and the moment is step 9's row.
    const layout = layoutLadder(view, { width: 640, windowMs: ladderEndMs(view), pxPerMs: 26 });
    expect(layout.ticks.map((tick) => tick.ms)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(layout.ticks[8]!.y).toBe(timeToY(row9, 26));
    expect(momentRow(view, 9)).toBeCloseTo(row9 - 0.3);
    expect(momentText(view, 9)).toBe("step 9");
  }, 60_000);

  it("replays the smallest failing end-to-end input and marks when it went wrong", async () => {
    const suites = await loadSuites(lab);
    const [failure] = await failedWithRuns(lab, await mutant("last-ack-never-closes"), suites.hidden, (name) => name.includes("over a lossy link"));
    expect(failure).toBeDefined();
    const steps = failureSections(failure!.result.output).steps!;
    const marked = steps.find((s) => s.startsWith("→"))!;
    expect(marked).toMatch(/ms the last segment on the wire; after it nothing more happened for the server \(LAST-ACK\)/);
    const view = ladderView(failure!.trace!.ladder as never, failure!.trace!.truncated);
    expect(view.order).toBeUndefined();
    expect([view.left, view.right]).toEqual(["client", "server"]);
    // The moment is the last segment's send time, in the run that is drawn.
    const moment = failingMomentMs(steps)!;
    expect(Math.max(...view.packets.map((p) => p.sentMs))).toBeCloseTo(moment, 3);
  }, 120_000);
});
