import { describe, expect, it } from "vitest";
import type { TestResult } from "#grader/results.ts";
import { failureSections, firstFailure, sharedFailure } from "#site/workbench/result-sections.ts";

const output = [
  "decoded frame 2 differs at byte 3:",
  "  c0 db [dc] 41",
  "",
  "Rule: RFC 1055: ESC ESC_END stands for END",
  "",
  "Steps:",
  "  push c0 db dc 41 c0",
  "  expect one frame",
  "",
  "Hint: undo the escapes after finding the frame's end.",
  "",
  "Your code printed:",
  "  | here",
].join("\n");

const result = (status: "passed" | "failed", out = ""): TestResult => ({ name: "t", score: 0, max_score: 1, status, output: out, visibility: "visible" });

describe("a failure's parts for the results panel", () => {
  it("cuts what went wrong, the rule, the steps, the hint and the printed lines apart", () => {
    expect(failureSections(output)).toEqual({
      message: "decoded frame 2 differs at byte 3:\n  c0 db [dc] 41",
      rule: "RFC 1055: ESC ESC_END stands for END",
      steps: ["push c0 db dc 41 c0", "expect one frame"],
      hint: "undo the escapes after finding the frame's end.",
      printed: ["| here"],
    });
  });

  it("keeps a message with blank lines of its own whole", () => {
    expect(failureSections("first\n\nsecond paragraph").message).toBe("first\n\nsecond paragraph");
  });

  it("says a load-time error once when every test stopped at it", () => {
    const crash = "Your file threw while loading: ReferenceError: x is not defined";
    expect(sharedFailure([result("failed", `${crash}\n\nHint: a`), result("failed", `${crash}\n\nSteps:\n  b`)])).toBe(crash);
    expect(sharedFailure([result("failed", crash), result("passed")])).toBeUndefined();
    expect(sharedFailure([result("failed", crash), result("failed", "other")])).toBeUndefined();
    expect(sharedFailure([result("failed", crash)])).toBeUndefined();
  });

  it("opens the first failure", () => {
    expect(firstFailure([result("passed"), result("failed"), result("failed")])).toBe(1);
    expect(firstFailure([result("passed")])).toBe(-1);
  });
});
