/**
 * Grades one mutant against a lab's hidden tests and stops at the first
 * failure: a mutant is killed as soon as one hidden test fails (a crash or a
 * timeout counts, as in StrykerJS). Mutants are edits of the reference, so
 * they are compiled here rather than in a limited child; they still run in
 * the sandbox, which stops the infinite loops many of them make.
 */
import { compileSubmission } from "../compile.ts";
import type { Lab } from "../labs.ts";
import { runSuite } from "../run-suite.ts";
import { startNodeSandbox } from "../sandbox/node-sandbox.ts";
import type { LabTest, TestSuite } from "#labs/kit/define-tests.ts";

/** How a mutant fared. */
export type Verdict = { readonly killed: true; readonly by: string; readonly message: string } | { readonly killed: false };

/** Runs `tests` in order on `source` until one fails. */
export async function tryToKill(lab: Lab, source: string, tests: readonly LabTest[], seed: number): Promise<Verdict> {
  const compiled = compileSubmission(source);
  if (!compiled.ok) return { killed: true, by: "(compile)", message: compiled.message };
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    for (const test of tests) {
      const suite: TestSuite = { tests: [test] };
      const [result] = await runSuite(suite, sandbox, { visibility: "hidden", seed });
      if (result !== undefined && result.status === "failed") return { killed: true, by: test.name, message: result.output.split("\n")[0] ?? "" };
    }
    return { killed: false };
  } finally {
    await sandbox.close();
  }
}

/**
 * Orders tests so the ones that have killed most mutants so far go first
 * (what StrykerJS calls test prioritisation): most mutants then die in one test.
 */
export class KillOrder {
  readonly #kills = new Map<string, number>();
  readonly #tests: readonly LabTest[];

  constructor(tests: readonly LabTest[]) {
    this.#tests = tests;
  }

  next(): LabTest[] {
    return [...this.#tests].sort((a, b) => (this.#kills.get(b.name) ?? 0) - (this.#kills.get(a.name) ?? 0));
  }

  record(verdict: Verdict): void {
    if (verdict.killed) this.#kills.set(verdict.by, (this.#kills.get(verdict.by) ?? 0) + 1);
  }
}
