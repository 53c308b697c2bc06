/**
 * Grades do not depend on machine load: the sandbox counts the learner's
 * CPU time, not the wall clock a busy machine stretches (clock.ts), and its
 * start-up is counted the same way. The reference solutions must get full
 * marks while other processes keep every core busy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab } from "#grader/labs.ts";
import { readFileSync } from "node:fs";

/** Busy loops: one more than there are cores, so the graders' children get a fraction of one. */
const BURNERS = os.availableParallelism() + 1;
const burners: ChildProcess[] = [];

beforeAll(() => {
  for (let i = 0; i < BURNERS; i++) burners.push(spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
});
afterAll(() => {
  for (const burner of burners) burner.kill("SIGKILL");
});

describe("machine load", () => {
  it.each(["framing", "arq"])("the %s reference gets full marks while every core is busy", async (id) => {
    const lab = findLab(id);
    const failures: string[] = [];
    const result = await gradeSubmission(lab, readFileSync(lab.files.solution, "utf8"), {
      onResult: (test) => void (test.status === "failed" && failures.push(`${test.name}: ${test.output.split("\n")[0]}`)),
    });
    expect(failures).toEqual([]);
    expect(result.score).toBe(result.max_score);
  }, 600_000);
});
