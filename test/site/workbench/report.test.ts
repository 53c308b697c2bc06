import { describe, expect, it } from "vitest";
import type { TestResult } from "#grader/results.ts";
import { formatResult, formatTotals, totals } from "#site/workbench/report.ts";

/** What a terminal shows once colours are gone. */
const plain = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");

const passed: TestResult = { name: "SLIP > encodes", score: 3, max_score: 3, status: "passed", output: "", visibility: "visible" };
const failed: TestResult = {
  name: "SLIP > decodes",
  score: 0,
  max_score: 2,
  status: "failed",
  output: "wrong bytes\nhint: escape C0",
  visibility: "after_published",
};

describe("test results in the terminal", () => {
  it("shows a passing test on one line with its points", () => {
    expect(formatResult(passed).map(plain)).toEqual(["✓ PASS SLIP > encodes (3/3)"]);
  });

  it("shows a failing hidden test with its explanation indented", () => {
    expect(formatResult(failed).map(plain)).toEqual(["✗ FAIL [hidden] SLIP > decodes (0/2)", "    wrong bytes", "    hint: escape C0"]);
  });

  it("cuts a very long explanation and says how much is left", () => {
    const long = { ...failed, output: Array.from({ length: 45 }, (_, i) => `line ${i}`).join("\n") };
    const lines = formatResult(long).map(plain);
    expect(lines).toHaveLength(1 + 40 + 1);
    expect(lines.at(-1)).toBe("    … 5 more lines");
  });

  it("totals tests and points", () => {
    const t = totals([passed, failed, passed]);
    expect(t).toEqual({ passed: 2, total: 3, score: 6, maxScore: 8 });
    expect(plain(formatTotals("Public tests", t))).toBe("Public tests: 2 of 3 tests passed, 6/8 points");
  });
});
