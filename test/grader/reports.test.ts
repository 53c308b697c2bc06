import { describe, expect, it } from "vitest";
import { toJunitXml } from "#grader/report/junit.ts";
import { formatSummary, formatTestResult, PLAIN } from "#grader/report/text.ts";
import type { GradeResult } from "#grader/results.ts";

const result: GradeResult = {
  score: 2,
  max_score: 5,
  execution_time: 0.25,
  output: "Lab: 2 / 5",
  tests: [
    { name: "a > passes", score: 2, max_score: 2, status: "passed", output: "", visibility: "visible" },
    { name: 'b <"&">', score: 0, max_score: 3, status: "failed", output: "line 1\nline \u0001 2 😀", visibility: "after_published" },
  ],
};

describe("reports", () => {
  it("text: a line per test, failures indented, and the plain closing line", () => {
    // Control characters are shown, not obeyed (results.ts, safeText).
    expect(formatTestResult(result.tests[1]!, PLAIN)).toBe('✗ b <"&"> (0/3)\n    line 1\n    line \u2401 2 😀');
    expect(formatSummary(result, PLAIN)).toContain("\nScore: 2 / 5\n1 passed, 1 failed\n");
  });

  it("junit: escaped, with scores as properties", () => {
    const xml = toJunitXml(result, "framing");
    expect(xml).toContain('<testsuite name="framing" tests="2" failures="1" errors="0" time="0.25">');
    expect(xml).toContain('name="b &lt;&quot;&amp;&quot;&gt;"');
    expect(xml).toContain("<failure message=\"line 1\">line 1\nline \u2401 2 😀</failure>");
    expect(xml).toContain('<property name="max_score" value="3"/>');
  });
});
