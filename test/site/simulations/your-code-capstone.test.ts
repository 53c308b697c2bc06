/**
 * "Use my completed labs" on the capstone's page load
 * (site/src/simulations/your-code/capstone-labs.ts): each lab's reference
 * solution and starter run in the Node sandbox over the scenario the page
 * load's controls make, and the measured phases go into the built-in result.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { BulkResult } from "#labs/congestion/scenarios.ts";
import type { ResolveResult } from "#labs/dns/scenarios.ts";
import type { EncodeStep } from "#labs/hpack/scenarios.ts";
import type { PairResult } from "#labs/tcp/scenarios.ts";
import { runPageLoad } from "#site/simulations/capstone/model.ts";
import type { PageLoadControls } from "#site/simulations/capstone/page-load-controls.ts";
import {
  BUILT_IN_LATER_BLOCK,
  congestionMeasure,
  congestionPlan,
  dnsMeasure,
  dnsPlan,
  hpackMeasure,
  hpackPlan,
  isCompleted,
  pageRequests,
  shiftAfter,
  tcpMeasure,
  tcpPlan,
  withDelivery,
  withMeasured,
  type Plan,
} from "#site/simulations/your-code/capstone-labs.ts";

const CONTROLS: PageLoadControls = { serverRttMs: 50, resolverRttMs: 10, bandwidthMbps: 20, loss: 0, protocol: "h2", dns: "none", tls: "full", httpCache: "empty", seed: 1 };

async function run(labId: string, file: "solution" | "starter", plan: Plan): Promise<unknown> {
  if ("skip" in plan) throw new Error(plan.skip);
  const lab = findLab(labId);
  const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run(plan.scenario, plan.input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  } finally {
    await sandbox.close();
  }
}

describe("the capstone's page load on the learner's completed labs", () => {
  it("counts a lab completed with full marks on Grade, or every public test passing on the last Test", () => {
    const at = "2026-12-02T00:00:00Z";
    expect(isCompleted(undefined)).toBe(false);
    expect(isCompleted({ code: "x" })).toBe(false);
    expect(isCompleted({ bestGrade: { passed: 30, total: 30, score: 93, maxScore: 93, suite: "all", at } })).toBe(true);
    expect(isCompleted({ bestGrade: { passed: 29, total: 30, score: 90, maxScore: 93, suite: "all", at } })).toBe(false);
    expect(isCompleted({ lastTest: { passed: 12, total: 12, score: 40, maxScore: 40, suite: "public", at } })).toBe(true);
    expect(isCompleted({ lastTest: { passed: 11, total: 12, score: 36, maxScore: 40, suite: "public", at } })).toBe(false);
  });

  it("has no part for a lab its controls leave out: the browser's DNS cache, and TCP and HPACK under HTTP/3", () => {
    expect(dnsPlan({ ...CONTROLS, dns: "browser" })).toEqual({ skip: expect.stringContaining("browser's own cache") });
    expect(tcpPlan({ ...CONTROLS, protocol: "h3" })).toEqual({ skip: expect.stringContaining("QUIC") });
    expect(hpackPlan({ ...CONTROLS, protocol: "h3" })).toEqual({ skip: expect.stringContaining("QPACK (RFC 9204)") });
    expect(pageRequests({ ...CONTROLS, httpCache: "fresh" })).toHaveLength(1);
    expect(pageRequests(CONTROLS)).toHaveLength(7);
    expect(BUILT_IN_LATER_BLOCK).toBe(39);
  });

  it("a correct Resolver asks root, .com and example.com: the built-in lookup's 90 ms upstream, so the page load is unchanged", async () => {
    const result = (await run("dns", "solution", dnsPlan(CONTROLS))) as ResolveResult;
    const measured = dnsMeasure(result, CONTROLS);
    expect(measured).toMatchObject({ key: "dns", change: 0 });
    expect("note" in measured && measured.note).toContain("3 upstream queries (root, .com, example.com): 90 ms upstream");
    const builtIn = runPageLoad(CONTROLS);
    expect(withMeasured(builtIn, measured as never)).toEqual(builtIn);
    // Cached at the resolver: the second lookup sends nothing upstream.
    const cached = { ...CONTROLS, dns: "resolver" as const };
    expect(dnsMeasure((await run("dns", "solution", dnsPlan(cached))) as ResolveResult, cached)).toMatchObject({ change: 0, note: expect.stringContaining("no upstream query") });
    // The starter sends no query and has no answer: the phase falls back.
    expect(dnsMeasure((await run("dns", "starter", dnsPlan(CONTROLS))) as ResolveResult, CONTROLS)).toEqual({ failed: expect.stringContaining("no A record") });
  }, 120_000);

  it("a correct Connection is ESTABLISHED after one server round trip, the built-in handshake's length", async () => {
    for (const serverRttMs of [50, 200]) {
      const c = { ...CONTROLS, serverRttMs };
      const measured = tcpMeasure((await run("tcp", "solution", tcpPlan(c))) as PairResult, c);
      expect(measured).toMatchObject({ key: "tcp" });
      expect((measured as { length: number }).length).toBeCloseTo(serverRttMs, 2);
      const builtIn = runPageLoad(c);
      const tcp = builtIn.phases.find((p) => p.key === "tcp")!;
      expect(tcp.endMs - tcp.startMs).toBeCloseTo(serverRttMs, 0);
    }
    expect(tcpMeasure((await run("tcp", "starter", tcpPlan(CONTROLS))) as PairResult, CONTROLS)).toEqual({ failed: "your client sent no SYN" });
  }, 120_000);

  it("a correct Encoder's blocks for the page's requests, and the first block's sending time", async () => {
    const steps = (await run("hpack", "solution", hpackPlan(CONTROLS))) as EncodeStep[];
    const measured = hpackMeasure(steps, CONTROLS);
    if ("failed" in measured) throw new Error(measured.failed);
    const first = (steps[0] as { hex: string }).hex.length / 2;
    expect(measured.change).toBeCloseTo(((first - 250) * 8) / 20_000, 9);
    // Later requests repeat the browser's headers: a correct encoder sends them as indexes into its dynamic table.
    const later = steps.slice(1).map((s) => ("hex" in s ? s.hex.length / 2 : Infinity));
    expect(Math.max(...later)).toBeLessThan(first / 2);
    expect(hpackMeasure((await run("hpack", "starter", hpackPlan(CONTROLS))) as EncodeStep[], CONTROLS)).toHaveProperty("failed");
  }, 120_000);

  it("a correct controller's delivery times the files: each after its request's round trip, first paint after the blocking files", async () => {
    const result = (await run("congestion", "solution", congestionPlan(CONTROLS))) as BulkResult;
    const delivery = congestionMeasure(result, CONTROLS);
    if ("failed" in delivery) throw new Error(delivery.failed);
    expect(delivery.note).toMatch(/^your controller delivered the page's \d+ kB in [\d.]+ m?s as one transfer/);
    const builtIn = runPageLoad(CONTROLS);
    const mine = withDelivery(builtIn, delivery, CONTROLS);
    expect(mine.resources[0]!.firstByteMs).toBe(builtIn.resources[0]!.firstByteMs);
    for (const r of mine.resources.slice(1)) {
      expect(r.doneMs).toBeGreaterThanOrEqual(r.requestMs! + CONTROLS.serverRttMs);
      expect(r.doneMs).toBeGreaterThanOrEqual(r.firstByteMs);
    }
    expect(mine.firstPaintMs).toBe(Math.max(...mine.resources.filter((r) => r.blocksPaint).map((r) => r.doneMs)) + 30);
    expect(mine.loadMs).toBe(Math.max(...mine.resources.map((r) => r.doneMs)));
    // The rows' "N lost" are the learner's run's: none here.
    expect(mine.traffic.filter((t) => t.key === "html" || t.key === "subresources").map((t) => t.lost)).toEqual([0, 0]);
    // With loss, the HTML row's lost packets are the learner's drop list's within the HTML's bytes.
    const lossy = { ...CONTROLS, loss: 0.02, seed: 2 };
    const lossyDelivery = congestionMeasure((await run("congestion", "solution", congestionPlan(lossy))) as BulkResult, lossy);
    if ("failed" in lossyDelivery) throw new Error(lossyDelivery.failed);
    const drops = (congestionPlan(lossy) as { input: { drop?: number[] } }).input.drop ?? [];
    expect(lossyDelivery.lost.html).toBe(drops.filter((offset) => offset < 30_000 + 90 + 31 * 2).length);
    expect(withDelivery(runPageLoad(lossy), lossyDelivery, lossy).traffic.find((t) => t.key === "html")!.lost).toBe(lossyDelivery.lost.html);
    // The starter's cwnd never moves off its first value: it does not finish, or the download falls back.
    const starter = congestionMeasure((await run("congestion", "starter", congestionPlan(CONTROLS))) as BulkResult, CONTROLS);
    if (!("failed" in starter)) expect(withDelivery(builtIn, starter, CONTROLS).loadMs).toBeGreaterThan(mine.loadMs);
  }, 180_000);

  it("a longer phase moves everything after it, and nothing before it", () => {
    const builtIn = runPageLoad(CONTROLS);
    const moved = withMeasured(builtIn, { key: "tcp", length: 1050, note: "" });
    const tcp = builtIn.phases.find((p) => p.key === "tcp")!;
    const delta = 1050 - (tcp.endMs - tcp.startMs);
    expect(moved.phases.find((p) => p.key === "dns")).toEqual(builtIn.phases.find((p) => p.key === "dns"));
    expect(moved.phases.find((p) => p.key === "tcp")!.endMs).toBe(tcp.startMs + 1050);
    expect(moved.firstPaintMs).toBeCloseTo(builtIn.firstPaintMs + delta, 9);
    expect(moved.resources.map((r) => r.doneMs)).toEqual(builtIn.resources.map((r) => r.doneMs + delta));
    expect(shiftAfter(builtIn, 0, 0)).toBe(builtIn);
    // The class edition's built-in side is a recording (JSON of the same result): it composes the same.
    const recorded = JSON.parse(JSON.stringify(builtIn)) as typeof builtIn;
    expect(withMeasured(recorded, { key: "tcp", length: 1050, note: "" })).toEqual(moved);
    // The learner's handshake brings its own lost count to the row.
    expect(withMeasured(builtIn, { key: "tcp", length: 1050, lost: 1, note: "" }).traffic.find((t) => t.key === "tcp")!.lost).toBe(1);
  });
});
