/* eslint-disable no-control-regex -- these tests look for control characters */
/**
 * Hostile text: a thrown message of millions of lone surrogates, and
 * printed carriage returns and terminal escapes that would paint a fake
 * summary line into a CI log. Every string a learner can influence is
 * capped and has its control characters shown, not obeyed, in the text,
 * JSON and JUnit reports.
 */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab } from "#grader/labs.ts";
import { toJunitXml } from "#grader/report/junit.ts";
import { formatSummary, formatTestResult, PLAIN } from "#grader/report/text.ts";
import { MAX_OUTPUT_CHARS, safeResult, safeText, type GradeResult, type TestResult } from "#grader/results.ts";

const FAKE_SUMMARY = "\r\u001b[2K\u001b[32m39 passed, 0 failed\u001b[0m";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function report(result: GradeResult): { text: string; json: string; junit: string } {
  const text = [...result.tests.map((test) => formatTestResult(test, PLAIN)), formatSummary(result, PLAIN)].join("\n");
  return { text, json: JSON.stringify(result, null, 2), junit: toJunitXml(result, "framing") };
}

describe("hostile text in reports", () => {
  it("a thrown message of millions of lone surrogates is capped and made well-formed in every report", async () => {
    const source = `
      console.log("${FAKE_SUMMARY.replace(/\u001b/g, "\\u001b").replace(/\r/g, "\\r")}");
      console.log("\\uD800".repeat(3_000_000));
      throw new Error("\\uDC00".repeat(3_000_000));
      export {};`;
    const result = await gradeSubmission(findLab("framing"), source, { publicOnly: true });
    expect(result.score).toBe(0);
    const { text, json, junit } = report(result);
    for (const [format, output] of Object.entries({ text, json, junit })) {
      expect(output.length, format).toBeLessThan(result.tests.length * (MAX_OUTPUT_CHARS + 2_000) * 2);
      expect(LONE_SURROGATE.test(output), format).toBe(false);
      expect(CONTROL.test(output.replace(/\r/g, "")), format).toBe(false);
    }
    expect(json).not.toMatch(/\\ud[89a-f]/i);
    // The message is there, cut.
    expect(result.tests[0]!.output).toMatch(/^Error: \uFFFD{2000}…/);
  }, 300_000);

  it("carriage returns and ANSI escapes cannot paint a fake '39 passed, 0 failed' line", async () => {
    const source = `
      export function encodeLengthPrefixed(): never {
        console.log("${FAKE_SUMMARY.replace(/\u001b/g, "\\u001b").replace(/\r/g, "\\r")}");
        console.log("ok\\n39 passed, 0 failed");
        throw new Error("${FAKE_SUMMARY.replace(/\u001b/g, "\\u001b").replace(/\r/g, "\\r")}");
      }`;
    const result = await gradeSubmission(findLab("framing"), source, { publicOnly: true });
    const { text, junit } = report(result);
    expect(text).not.toMatch(/[\r\u001b]/);
    expect(junit).not.toMatch(/[\r\u001b]/);
    // The only line that reads as a summary is the grader's own.
    const summaries = text.split("\n").filter((line) => /^\s*39 passed, 0 failed/.test(line));
    expect(summaries).toEqual([]);
    expect(text).toContain("␍␛[2K␛[32m39 passed, 0 failed␛[0m");
    expect(text.split("\n").at(-3)).toMatch(/^\d+ passed, \d+ failed$/);
  }, 300_000);

  it("safeText shows control characters and bidirectional overrides, keeps \\n and \\t, cuts long text", () => {
    expect(safeText("a\tb\nc\r\u001b[31m\u0000\u007f\u009b\u202e", 100)).toBe("a\tb\nc␍␛[31m␀␡\\u009b\\u202e");
    expect(safeText("x".repeat(10), 4)).toBe("xxxx… [6 more characters cut]");
    expect(safeText("\uD83D\uDE00 \uD83D", 10)).toBe("\uD83D\uDE00 \uFFFD");
    const huge: TestResult = { name: "t\u001b", score: 0, max_score: 1, status: "failed", output: "\uDFFF".repeat(5_000_000), visibility: "visible" };
    const safe = safeResult({ score: 0, max_score: 1, execution_time: 0, output: "\r", tests: [huge] });
    expect(safe.tests[0]!.name).toBe("t␛");
    expect(safe.output).toBe("␍");
    expect(JSON.stringify(safe).length).toBeLessThan(MAX_OUTPUT_CHARS * 2);
  });
});
