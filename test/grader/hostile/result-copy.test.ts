/**
 * Hostile submissions against the way results come back from the sandbox:
 * Symbol.species, learner objects kept by reference and changed later, and
 * values nested deep enough to overflow a deserialiser. The realm sends a
 * plain copy made while it checks, and the kit's copy helpers never build
 * through the learner's constructors, so none of these reach the grader.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { Sandbox } from "#grader/sandbox/types.ts";
import { failure, TEST_LIMITS } from "../fixtures/start-probe.ts";

// Starting a sandbox takes seconds on a loaded machine: verdicts must not hang on wall time.
vi.setConfig({ testTimeout: 300_000 });

const HARNESS = fileURLToPath(new URL("./fixtures/hostile-harness.ts", import.meta.url));

async function withHostile(source: string, body: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const compiled = compileSubmission(source);
  if (!compiled.ok) throw new Error(compiled.message);
  const sandbox = await startNodeSandbox({ harness: HARNESS, learnerJs: compiled.javascript, limits: TEST_LIMITS });
  try {
    await body(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe("hostile results: Symbol.species and late changes", () => {
  it("a Uint8Array subclass whose Symbol.species is a learner class cannot alias copyBytes's copy", async () => {
    const source = `
      const made: Uint8Array[] = [];
      class Spy extends Uint8Array {
        constructor(length: number) { super(length); made.push(this); }
      }
      class Evil extends Uint8Array {
        static get [Symbol.species]() { return Spy; }
      }
      export function main() { return new Evil([1, 2, 3]); }
      export function after() { for (const m of made) m.fill(0xee); }`;
    await withHostile(source, async (sandbox) => {
      expect(await sandbox.run("bytes", null)).toEqual({ ok: true, value: { plain: true, before: "010203", after: "010203" }, logs: [] });
    });
  });

  it("an array whose constructor[Symbol.species] is a learner class cannot alias copyFrames's copy", async () => {
    const source = `
      const made: unknown[] = [];
      class Spy extends Array { constructor(...args: number[]) { super(...args); made.push(this); } }
      const frame = new Uint8Array([7, 8]);
      export function main() {
        const frames = [frame];
        Object.defineProperty(frames, "constructor", { value: { [Symbol.species]: Spy } });
        return frames;
      }
      export function after() { frame.fill(0); for (const m of made) (m as Uint8Array[])[0] = new Uint8Array([9]); }`;
    await withHostile(source, async (sandbox) => {
      expect(await sandbox.run("frames", null)).toEqual({ ok: true, value: { plain: true, before: ["0708"], after: ["0708"] }, logs: [] });
    });
  });

  it("a species array returned as is reaches the grader as a plain array of its elements", async () => {
    const source = `
      class Spy extends Array {}
      class Evil extends Uint8Array { static get [Symbol.species]() { return Spy; } }
      export function main() {
        const list = [1, new Evil([5]), { a: "x" }];
        Object.defineProperty(list, "constructor", { value: { [Symbol.species]: Spy } });
        return list;
      }`;
    await withHostile(source, async (sandbox) => {
      const outcome = await sandbox.run("raw", null);
      expect(outcome).toEqual({ ok: true, value: [1, new Uint8Array([5]), { a: "x" }], logs: [] });
      if (!outcome.ok) return;
      const value = outcome.value as unknown[];
      expect(Object.getPrototypeOf(value)).toBe(Array.prototype);
      expect(Object.getPrototypeOf(value[1])).toBe(Uint8Array.prototype);
    });
  });

  it("a callback that swaps in a value nested thousands of levels deep after the check changes nothing", async () => {
    const source = `
      export function main() {
        const result: { depth: unknown } = { depth: 1 };
        // Many microtasks later: after the realm has checked the result, before it is sent.
        let later = Promise.resolve();
        for (let i = 0; i < 100; i++) later = later.then(() => {});
        void later.then(() => {
          let deep: unknown = 0;
          for (let i = 0; i < 200_000; i++) deep = [deep];
          result.depth = deep;
        });
        return result;
      }`;
    await withHostile(source, async (sandbox) => {
      expect(await sandbox.run("raw", null)).toEqual({ ok: true, value: { depth: 1 }, logs: [] });
      // The sandbox and the grader carry on.
      expect(await sandbox.run("raw", null)).toEqual({ ok: true, value: { depth: 1 }, logs: [] });
    });
  });

  it("a value nested thousands of levels deep is a bad result, never a crash of the grader", async () => {
    const source = `
      export function main() {
        let deep: unknown = 0;
        for (let i = 0; i < 100_000; i++) deep = { next: deep };
        return deep;
      }
      export function fine() { return "still here"; }`;
    await withHostile(source, async (sandbox) => {
      const outcome = failure(await sandbox.run("raw", null));
      expect(outcome.kind).toBe("bad-result");
      expect(outcome.message).toMatch(/^The result cannot be sent back to the tests: the result(\.next)+ is nested more than 200 levels deep\.$/);
      expect(await sandbox.run("raw", { fn: "fine" })).toEqual({ ok: true, value: "still here", logs: [] });
    });
  });

  it("a getter or a huge sparse array in a result runs no learner code and stays bounded", async () => {
    const source = `
      export function main() { return { get x() { for (;;) {} } }; }
      export function sparse() { const a: number[] = []; a[2 ** 32 - 2] = 1; return a; }`;
    await withHostile(source, async (sandbox) => {
      expect(failure(await sandbox.run("raw", null))).toEqual({ kind: "bad-result", message: "The result cannot be sent back to the tests: the result.x is a getter." });
      const outcome = await sandbox.run("raw", { fn: "sparse" });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect((outcome.value as number[]).length).toBe(2 ** 32 - 1);
    });
  });
});
