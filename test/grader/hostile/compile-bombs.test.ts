/**
 * Hostile sources against the compiler: TypeScript runs in a limited child
 * process (limited-compile.ts), so a source that overflows its stack or
 * makes it work for hours ends as the learner's compile error within the
 * lab's time limit (CPU time), never as a fault or a stall of the grader.
 */
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { compileUntrusted } from "#grader/sandbox/limited-compile.ts";
import type { SandboxLimits } from "#grader/sandbox/types.ts";

const LIMITS: SandboxLimits = { timeMsPerRun: 2_000, memoryMb: 256, outputBytes: 2_048 };
/** Generous: on a loaded machine the child gets a fraction of a core (the limit is CPU time). */
const TEST_TIMEOUT_MS = 300_000;

describe("hostile sources: compile bombs", () => {
  it("100k nested parentheses are a compile error (the compiler's stack), not a grader fault", async () => {
    const source = `export const x = ${"(".repeat(100_000)}1${")".repeat(100_000)};\n`;
    // In the grader's own process this throws (a grader fault before).
    expect(() => compileSubmission(source)).toThrow(RangeError);
    const result = await compileUntrusted(source, LIMITS);
    expect(result).toEqual({
      ok: false,
      message:
        "Your code could not be compiled: it is nested too deeply for the compiler (its call stack overflowed). Flatten the deepest nesting of brackets or expressions.",
    });
  }, TEST_TIMEOUT_MS);

  it("a comma expression of two million terms is stopped at the lab's CPU limit as a compile error", async () => {
    const source = `export const x = (${"0,".repeat(2e6)}0);\n`;
    const result = await compileUntrusted(source, LIMITS);
    expect(result).toEqual({
      ok: false,
      message:
        "Your code could not be compiled within 2 s of CPU time (the lab's time limit). Something in it makes the compiler work very hard: a very long expression or list, or very deep nesting?",
    });
  }, TEST_TIMEOUT_MS);

  it("an ordinary source compiles in the child to exactly what compileSubmission gives", async () => {
    const source = "export function f(x: number): number {\n  return (x, x + 1);\n}\nexport class A { #n = 1; get n() { return this.#n; } }\n";
    expect(await compileUntrusted(source, LIMITS)).toEqual(compileSubmission(source));
    const broken = "export function f( {\n  return 1;\n}\n";
    expect(await compileUntrusted(broken, LIMITS, "framing.ts")).toEqual(compileSubmission(broken, "framing.ts"));
  }, TEST_TIMEOUT_MS);
});
