/**
 * Every lab proves its tests (design brief, "Tests that can fail"): the
 * reference solution passes every public and hidden test, the starter falls
 * short, and every mutant fails at least one hidden test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "#grader/grade.ts";
import { listLabs, loadMutants, loadSuites } from "#grader/labs.ts";
import { KillOrder, tryToKill } from "#grader/mutation/kill.ts";

const labs = listLabs();

describe.each(labs.map((lab) => [lab.meta.id, lab] as const))("lab %s", async (_id, lab) => {
  const grade = (path: string) => gradeSubmission(lab, readFileSync(path, "utf8"));
  const mutants = await loadMutants(lab);

  it("has tests with points, a starter, a solution and mutants", async () => {
    const suites = await loadSuites(lab);
    expect(suites.public.tests.length).toBeGreaterThan(0);
    expect(suites.hidden.tests.length).toBeGreaterThan(0);
    expect(mutants.length).toBeGreaterThan(0);
  });

  it("gives the reference solution full marks", async () => {
    const result = await grade(lab.files.solution);
    const failures = result.tests.filter((test) => test.status === "failed").map((test) => `${test.name}:\n${test.output}`);
    expect(failures).toEqual([]);
    expect(result.score).toBe(result.max_score);
  }, 180_000);

  it("does not pass the starter", async () => {
    const result = await grade(lab.files.starter);
    expect(result.score).toBeLessThan(result.max_score * 0.25);
  }, 180_000);

  it.each(lab.variants.map((variant) => [variant.name, variant.path] as const))(
    "gives the correct variant %s full marks",
    async (_name, path) => {
      const result = await grade(path);
      const failures = result.tests.filter((test) => test.status === "failed").map((test) => `${test.name}:\n${test.output}`);
      expect(failures).toEqual([]);
    },
    180_000,
  );

  // A mutant needs only one failing hidden test, so each runs the hidden
  // tests until the first failure, the tests that have caught most mutants
  // first (as `npm run mutation` does): a tenth of the grading time.
  const order = new KillOrder((await loadSuites(lab)).hidden.tests);
  it.each(mutants.map((mutant) => [mutant.name, mutant.source] as const))(
    "catches the mutant %s with a hidden test",
    async (name, source) => {
      const verdict = await tryToKill(lab, source, order.next(), 1);
      order.record(verdict);
      expect(verdict.killed, `no hidden test fails on the mutant ${name}`).toBe(true);
    },
    180_000,
  );
});

it("finds the labs", () => {
  expect(labs.map((lab) => lab.meta.id)).toContain("framing");
});
