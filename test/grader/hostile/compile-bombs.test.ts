/**
 * Hostile sources against the compiler: TypeScript runs in a limited child
 * process (limited-compile.ts), so a source that overflows its stack or
 * makes it work for hours ends as the learner's compile error within the
 * lab's time limit (CPU time), never as a fault or a stall of the grader.
 */
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { CompilerProcess, compileUntrusted } from "#grader/sandbox/limited-compile.ts";
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

  it("a compiler process kept for several sources answers each as a fresh one would, and a bomb ends it", async () => {
    const honest = "export const a: number = 1;\nexport class B { constructor(readonly b = 2) {} }\n";
    const broken = "export function f( {\n  return 1;\n}\n";
    const compiler = new CompilerProcess(LIMITS, 5);
    try {
      // An ordinary compile error keeps it; the next source compiles as in a fresh process.
      expect(await compiler.compile(honest)).toEqual(compileSubmission(honest));
      expect(await compiler.compile(broken, "framing.ts")).toEqual(compileSubmission(broken, "framing.ts"));
      expect(compiler.usable).toBe(true);
      expect(await compiler.compile(honest)).toEqual(compileSubmission(honest));
      // A source that breaks the compiler itself ends the process: the next student gets a new one.
      const bomb = await compiler.compile(`export const x = ${"(".repeat(100_000)}1${")".repeat(100_000)};\n`);
      expect(bomb).toMatchObject({ ok: false, message: expect.stringContaining("nested too deeply") });
      expect(compiler.usable).toBe(false);
      await expect(compiler.compile(honest)).rejects.toThrow("ended");
    } finally {
      compiler.stop();
    }
    // After the last of its sources it is gone too.
    const once = new CompilerProcess(LIMITS, 1);
    expect(await once.compile(honest)).toEqual(compileSubmission(honest));
    expect(once.usable).toBe(false);
  }, TEST_TIMEOUT_MS);
});
