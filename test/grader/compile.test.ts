import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";

describe("compileSubmission", () => {
  it("turns TypeScript into CommonJS with types erased", () => {
    const result = compileSubmission("export function f(x: number): number { return x + 1; }\nexport const y: string = 'a';");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.javascript).toContain("exports.f = f");
    expect(result.javascript).not.toContain(": number");
  });

  it("reports syntax errors with line and column", () => {
    const result = compileSubmission("export function f( {\n  return 1;\n}\n", "framing.ts");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Your code does not compile:\n {2}framing\.ts:\d+:\d+: /);
  });

  it("accepts an empty file (missing exports are reported when a test needs them)", () => {
    expect(compileSubmission("").ok).toBe(true);
  });
});
