/**
 * Lab tests are written once and run in Node and in the browser (design
 * brief, "One test format, two runners"). This grades submissions in real
 * Chromium, with the grader's runner and the lab's tests in the page and
 * the learner's code in a worker sandbox, and checks that every test ends
 * as it does under the Node sandbox: every lab's reference solution, and
 * for framing a mutant and a submission that hangs.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab, listLabs, loadMutants } from "#grader/labs.ts";
import type { TestResult } from "#grader/results.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { SandboxLimits } from "#grader/sandbox/types.ts";
import { bundleGradingPage, bundleSandboxWorker } from "./bundle.ts";
import { chromiumAvailable, launchChromium } from "./chromium.ts";
import { openGradingSite } from "./grading-site.ts";

const lab = findLab("framing");
const allLabs = listLabs();
/** Short, so the hanging submission is quick to grade; far above what a good solution needs. */
const LIMITS: SandboxLimits = { ...lab.limits, timeMsPerRun: 500 };
const SEED = 1;

const solution = readFileSync(lab.files.solution, "utf8");
const mutant = (await loadMutants(lab)).find((m) => m.name === "escape-at-chunk-edge-lost")!.source;
/** The solution with a decoder that never returns from push(). */
const hanging = `${solution}\nLengthPrefixedDecoder.prototype.push = function (): Uint8Array[] { for (;;) {} };\n`;

function compiled(source: string): string {
  const result = compileSubmission(source);
  if (!result.ok) throw new Error(result.message);
  return result.javascript;
}

/**
 * What must match between the runners: each test's name, status, score and
 * message. Only a timeout's first line differs: Node counts CPU time, a
 * browser (which cannot measure a worker's CPU) the wall clock.
 */
function outcomes(tests: readonly TestResult[]): Array<[string, string, number, string]> {
  const sameTimeout = (output: string) => output.replace(/^Time limit exceeded: [^\n]*/, "Time limit exceeded: …");
  return tests.map((test) => [test.name, test.status, test.score, sameTimeout(test.output)]);
}

/** Grades `source` in Node, with the same limits as the page. */
async function gradeInNode(source: string, publicOnly = false): Promise<readonly TestResult[]> {
  const result = await gradeSubmission(lab, source, {
    seed: SEED,
    publicOnly,
    startSandbox: (options) => startNodeSandbox({ ...options, limits: LIMITS }),
  });
  return result.tests;
}

describe.runIf(chromiumAvailable())("lab tests in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const ids = allLabs.map((each) => each.meta.id);
    const [pageScript, ...workers] = await Promise.all([
      bundleGradingPage(ids),
      ...ids.map((id) => bundleSandboxWorker(`labs/${id}/harness.ts`)),
    ]);
    const files: Record<string, string> = { "/page.js": pageScript };
    ids.forEach((id, i) => (files[`/${id}-worker.js`] = workers[i]!));
    browser = await launchChromium();
    page = await openGradingSite(browser, files);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  function gradeInChromium(source: string, publicOnly = false, labId = "framing", limits = LIMITS): Promise<readonly TestResult[]> {
    const request = { lab: labId, workerUrl: `/${labId}-worker.js`, learnerJs: compiled(source), limits, seed: SEED, publicOnly };
    return page.evaluate((request) => window.wirelab.grade(request), request);
  }

  it.each(allLabs.map((each) => [each.meta.id, each] as const))(
    "grades the %s reference solution with full marks, test for test as in Node",
    async (_id, each) => {
      const source = readFileSync(each.files.solution, "utf8");
      const [inChromium, inNode] = await Promise.all([
        gradeInChromium(source, false, each.meta.id, each.limits),
        gradeSubmission(each, source, { seed: SEED }),
      ]);
      expect(inChromium.filter((test) => test.status === "failed")).toEqual([]);
      expect(outcomes(inChromium)).toEqual(outcomes(inNode.tests));
    },
    180_000,
  );

  it("fails a mutant on the same tests, with the same messages, as in Node", async () => {
    const [inChromium, inNode] = await Promise.all([gradeInChromium(mutant), gradeInNode(mutant)]);
    expect(inChromium.some((test) => test.status === "failed")).toBe(true);
    expect(outcomes(inChromium)).toEqual(outcomes(inNode));
  }, 180_000);

  it("stops a hanging decoder at the time limit, keeps the page responsive and goes on with a fresh worker", async () => {
    // The public tests only (the site's Test button): each hang costs the time limit.
    const grading = gradeInChromium(hanging, true);
    const gradingInNode = gradeInNode(hanging, true);
    let finished = false;
    const finish = (): void => void (finished = true);
    void grading.then(finish, finish);
    const answerTimes: number[] = [];
    while (!finished) {
      const asked = performance.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      answerTimes.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [inChromium, inNode] = await Promise.all([grading, gradingInNode]);
    const statuses = inChromium.map((test) => (test.output.startsWith("Time limit exceeded") ? "timeout" : test.status));
    expect(statuses).toEqual(["passed", "timeout", "timeout", "passed", "passed", "timeout"]);
    expect(inChromium[1]!.output).toMatch(
      /^Time limit exceeded: your code ran for more than 0\.5 s in this test \(an infinite loop, or a promise that never settles\?\)\n/,
    );
    expect(outcomes(inChromium)).toEqual(outcomes(inNode));
    // The page answered throughout, never waiting for a spinning worker.
    expect(answerTimes.length).toBeGreaterThan(5);
    expect(Math.max(...answerTimes)).toBeLessThan(250);
  }, 120_000);
});
