/**
 * Test inputs kept across submissions (labs/kit/kept-inputs.ts): built once
 * per key and seed, and grading with them gives every submission the result
 * it gets in a process of its own.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keptInput } from "#labs/kit/kept-inputs.ts";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab, loadMutants } from "#grader/labs.ts";

describe("kept test inputs", () => {
  it("builds a value once per key and seed", () => {
    let built = 0;
    const make = () => ({ built: ++built });
    const first = keptInput("kept-inputs-test", 1, make);
    expect(keptInput("kept-inputs-test", 1, make)).toBe(first);
    expect(keptInput("kept-inputs-test", 2, make)).toEqual({ built: 2 });
    expect(keptInput("kept-inputs-test-other", 1, make)).toEqual({ built: 3 });
  });

  it("grades a mutant after the reference, in one process, as it grades it first", async () => {
    const lab = findLab("framing");
    const mutant = (await loadMutants(lab)).find((m) => m.name === "slip-limit-checked-at-end")!;
    const scores = async () => (await gradeSubmission(lab, mutant.source)).tests.map((test) => [test.name, test.score, test.output]);
    const alone = await scores();
    await gradeSubmission(lab, readFileSync(lab.files.solution, "utf8"));
    expect(await scores()).toEqual(alone);
  }, 60_000);
});
