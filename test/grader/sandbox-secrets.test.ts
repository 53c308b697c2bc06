/**
 * The sandbox never reads a lab's solution, tests, mutants or variants, also
 * when the labs folder is not called labs/ (`--labs DIR`, a course folder of
 * the installed package): the harness's own lab folder is checked by name.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readableFiles } from "#grader/sandbox/command.ts";

const work = mkdtempSync(join(tmpdir(), "wirelab-secrets-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function lab(files: Record<string, string>): string {
  const dir = join(work, "my-course", "units", `lab${Object.keys(files).length}-${Math.random().toString(36).slice(2)}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, "harness.ts");
}

describe("the sandbox's readable files", () => {
  it("refuse a harness that imports its lab's solution or tests, whatever the labs folder is called", () => {
    for (const secret of ["solution.ts", "tests/hidden.ts", "mutants/index.ts", "variants/other.ts"]) {
      const harness = lab({ "harness.ts": `import { x } from "./helper.ts";\n`, "helper.ts": `export { x } from "./${secret}";\n`, [secret]: "export const x = 1;\n" });
      expect(() => readableFiles([harness], dirname(harness))).toThrow(`The sandbox must not read ${join(dirname(harness), secret)}`);
    }
  });

  it("grant the harness and the lab files it imports", () => {
    const harness = lab({ "harness.ts": `import { x } from "./scenarios.ts";\n`, "scenarios.ts": "export const x = 1;\n", "solution.ts": "export const x = 2;\n" });
    expect(readableFiles([harness], dirname(harness))).toEqual([harness, join(dirname(harness), "scenarios.ts")].sort((a, b) => a.length - b.length));
  });
});
