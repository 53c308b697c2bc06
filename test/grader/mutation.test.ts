/**
 * The mutation kit: operators make the edits they promise, mutants are
 * named by their lines, hand-written edits fail loudly when stale, and every
 * lab's list of equivalent mutants still matches generated mutants (the full
 * measurement is `npm run mutation`, too slow for every test run).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listLabs, loadMutants } from "#grader/labs.ts";
import { loadEquivalents, staleEquivalents } from "#grader/mutation/equivalents.ts";
import { generateMutants } from "#grader/mutation/generate.ts";
import { applyEdits, StaleEditError } from "#labs/kit/mutant-edits.ts";

const mutatedLines = (source: string) => generateMutants(source).mutants.map((mutant) => mutant.mutated);

describe("generated mutants", () => {
  it("flip comparisons, shift numbers, force conditions and drop statements", () => {
    const source = "export function f(a: number, b: number[]): number {\n  if (a < 2) b.push(a);\n  return a;\n}\n";
    const lines = mutatedLines(source);
    expect(lines).toEqual(
      expect.arrayContaining([
        "if (a <= 2) b.push(a);",
        "if (a >= 2) b.push(a);",
        "if (a < (3)) b.push(a);",
        "if (a < (1)) b.push(a);",
        "if (true) b.push(a);",
        "if (false) b.push(a);",
        "if (a < 2) b.unshift(a);",
      ]),
    );
    // Removing the only statement of an if's branch would not parse: the if body is not a block.
    expect(lines).not.toContain("if (a < 2)");
  });

  it("leave types, strings, error messages, logging and data tables alone", () => {
    const table = `const TABLE = [${Array.from({ length: 20 }, (_, i) => i).join(", ")}];`;
    const source = `type N = 1 | 2;\n${table}\nexport function g(x: number): number {\n  console.log(x + 1);\n  if (x > 9) throw new RangeError(\`over \${x - 9}\`);\n  return TABLE[x]! * 2;\n}\n`;
    const { mutants, skippedDataTables } = generateMutants(source);
    expect(skippedDataTables).toBe(1);
    expect(mutants.every((mutant) => !mutant.original.startsWith("type ") && !mutant.original.startsWith("const TABLE"))).toBe(true);
    expect(mutants.some((mutant) => mutant.original.startsWith("console.log"))).toBe(false);
    expect(mutants.map((mutant) => mutant.mutated)).toContain("return TABLE[x]! / 2;");
    expect(mutants.map((mutant) => mutant.mutated)).not.toContain("if (x > 9) throw new RangeError(`over ${x + 9}`);");
  });

  it("are each one edit of the source, all different", () => {
    const source = readFileSync(listLabs().find((lab) => lab.meta.id === "framing")!.files.solution, "utf8");
    const { mutants } = generateMutants(source);
    expect(mutants.length).toBeGreaterThan(100);
    expect(new Set(mutants.map((mutant) => mutant.source)).size).toBe(mutants.length);
    expect(mutants.every((mutant) => mutant.source !== source)).toBe(true);
  });
});

describe("hand-written mutants as edits", () => {
  it("apply each find exactly once, and fail loudly otherwise", () => {
    expect(applyEdits("a < b; c", [["a < b", "a <= b"]], "m")).toBe("a <= b; c");
    expect(() => applyEdits("a < b", [["x", "y"]], "m")).toThrow(StaleEditError);
    expect(() => applyEdits("a; a", [["a", "b"]], "m")).toThrow(/more than once/);
    expect(() => applyEdits("a", [["a", "a"]], "m")).toThrow(/change nothing/);
  });
});

describe.each(listLabs().map((lab) => [lab.meta.id, lab] as const))("lab %s", (_id, lab) => {
  it("has hand-written mutants whose edits still apply", async () => {
    const mutants = await loadMutants(lab);
    expect(mutants.length).toBeGreaterThan(0);
  });

  it("lists only equivalent mutants that are still generated", async () => {
    const { mutants } = generateMutants(readFileSync(lab.files.solution, "utf8"));
    const stale = staleEquivalents(mutants, await loadEquivalents(lab));
    expect(stale.map((entry) => `${entry.original} → ${entry.mutated}`)).toEqual([]);
  });
});
