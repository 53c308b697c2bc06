/**
 * The router lab's failing network test as a picture (labs/kit/trace.ts):
 * the traceroute through the course topology leaves the client's view of
 * its run, marked at the first arrival that differs. The `forward` tests
 * hand datagrams to one Router with no network and leave no run to draw.
 */
import { describe, expect, it } from "vitest";
import { findLab, loadMutants, loadSuites } from "#grader/labs.ts";
import { failingMomentMs } from "#labs/kit/trace.ts";
import { ladderView } from "#labs/router/ladder-view.ts";
import { failureSections } from "#site/workbench/result-sections.ts";
import { failedWithRuns } from "./failed-with-runs.ts";

const lab = findLab("router");

describe("router: a failing test's run as a ladder", () => {
  it("draws the traceroute as the client saw it, marked at the first arrival that differs", async () => {
    const suites = await loadSuites(lab);
    // Time Exceeded from the router's first interface, not the one facing the client: the first answer is wrong.
    const source = (await loadMutants(lab)).find((m) => m.name === "icmp-source-first-interface")!.source;
    const failed = await failedWithRuns(lab, source, suites.hidden, (name) => name.startsWith("in the network") || name.startsWith("ICMP errors"));
    const network = failed.find((f) => f.result.name === "in the network > runs a traceroute through three of your routers")!;
    expect(network).toBeDefined();
    const steps = failureSections(network.result.output).steps!;
    expect(steps.find((s) => s.startsWith("→"))).toBe("→ 0.2007 ms arrival 1 at the hosts differs from what routers following the rules deliver");
    const view = ladderView(network.trace!.ladder as never, network.trace!.truncated);
    expect(view.packets.filter((p) => p.from === "left")).toHaveLength(8);
    // The first answer the client got arrived at the marked moment.
    const answers = view.packets.filter((p) => p.from === "right").sort((a, b) => a.arrivedMs! - b.arrivedMs!);
    expect(answers[0]!.arrivedMs).toBeCloseTo(failingMomentMs(steps)!, 4);
    expect(answers[0]!.label).toMatch(/^ICMP time exceeded from 10\.255\.12\.1$/);
    // A forward test has no network run: nothing to draw.
    for (const f of failed.filter((f) => f.result.name !== network.result.name)) expect(f.trace).toBeUndefined();
  }, 120_000);
});
