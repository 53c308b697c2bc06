/**
 * The Node sandbox under hostile or runaway code: infinite loops wherever
 * they hide, starved event loops, memory bombs, crashes. Each ends in a
 * failure of the right kind with a message for the learner, and the next
 * run gets a fresh child. Limits are short (1 s, 96 MiB) to keep this quick.
 */
import { describe, expect, it, vi } from "vitest";
import { failure, withProbe } from "./fixtures/start-probe.ts";

// Starting a sandbox takes seconds on a loaded machine: verdicts must not hang on wall time.
vi.setConfig({ testTimeout: 300_000 });

const TIMEOUT = "Time limit exceeded: your code used more than 1 s of CPU time in this test (an infinite loop?)";
const NEVER_SETTLES =
  "Your code returned a promise that never settles: nothing was left to run and it was still pending (a missing resolve() or an await on something that never happens?)";
const MEMORY = /^Memory limit exceeded: your code tried to use more than 96 MiB/;

describe("node sandbox: hangs", () => {
  it("charges a microtask chain started at the top level to loading", async () => {
    await withProbe(`function spin(): void { void Promise.resolve().then(spin); } spin(); export function main() { return 1; }`, async (sandbox) => {
      expect(failure(await sandbox.run("call", null))).toEqual({
        kind: "timeout",
        message: "Time limit exceeded: your file's top-level code used more than 1 s of CPU time (an infinite loop?)",
      });
    });
  });

  it("stops an infinite loop in top-level code, once for all runs", async () => {
    await withProbe(`console.log("before"); for (;;) {} export function main() { return 1; }`, async (sandbox) => {
      const expected = {
        kind: "timeout",
        message: "Time limit exceeded: your file's top-level code used more than 1 s of CPU time (an infinite loop?)",
      };
      const first = await sandbox.run("call", null);
      expect(failure(first)).toEqual(expected);
      expect(first.logs).toEqual(["before"]);
      // Loading would hang again: later runs fail at once.
      const started = performance.now();
      expect(failure(await sandbox.run("call", null))).toEqual(expected);
      expect(performance.now() - started).toBeLessThan(100);
    });
  });

  it("stops loops in a function, in a promise callback and in a microtask chain, keeping what was printed; then starts afresh", async () => {
    const source = `
      let runs = 0;
      function spin(): void { void Promise.resolve().then(spin); }
      export function main(kind: string) {
        runs++;
        console.log("run", runs, kind);
        if (kind === "loop") for (;;) {}
        if (kind === "later") return Promise.resolve(1).then((x) => { for (;;) {} return x; });
        if (kind === "microtasks") { spin(); return "returned, but the event loop never turns"; }
        if (kind === "never") return new Promise(() => {});
        if (kind === "after") { Promise.resolve().then(() => { for (;;) {} }); return "sent too late"; }
        return runs;
      }`;
    await withProbe(source, async (sandbox) => {
      for (const kind of ["loop", "later", "microtasks", "after"]) {
        const outcome = await sandbox.run("call", { arg: kind });
        expect(failure(outcome), kind).toEqual({ kind: "timeout", message: TIMEOUT });
        expect(outcome.logs, kind).toEqual([`run 1 ${kind}`]);
      }
      // Nothing can settle it: said at once, and the child carries on.
      const never = await sandbox.run("call", { arg: "never" });
      expect(failure(never)).toEqual({ kind: "timeout", message: NEVER_SETTLES });
      expect(never.logs).toEqual(["run 1 never"]);
      expect(await sandbox.run("call", { arg: "fine" })).toEqual({ ok: true, value: 2, logs: ["run 2 fine"] });
      expect(failure(await sandbox.run("call", { arg: "loop" }))).toEqual({ kind: "timeout", message: TIMEOUT });
      // A fresh child: the module was loaded again, so `runs` restarted.
      expect(await sandbox.run("call", { arg: "fine" })).toEqual({ ok: true, value: 1, logs: ["run 1 fine"] });
    });
  });

  it("does not run a thrown value's getters to report it", async () => {
    const source = `
      class Sneaky extends Error {
        override get message(): string { for (;;) {} }
      }
      export function main(kind: string) {
        if (kind === "object") throw { get message() { for (;;) {} }, code: 1 };
        if (kind === "subclass") throw new Sneaky();
        throw new Proxy({}, { get() { for (;;) {} }, getPrototypeOf() { for (;;) {} } });
      }`;
    await withProbe(source, async (sandbox) => {
      expect(failure(await sandbox.run("call", { arg: "object" }))).toEqual({
        kind: "learner-error",
        message: "a non-Error value ({ message: [getter], code: 1 })",
      });
      expect(failure(await sandbox.run("call", { arg: "subclass" }))).toEqual({ kind: "learner-error", message: "Error (in `main`)" });
      expect(failure(await sandbox.run("call", { arg: "proxy" }))).toEqual({ kind: "learner-error", message: "a non-Error value ([object])" });
    });
  });

  it("has no SharedArrayBuffer or Atomics, so Atomics.wait cannot block", async () => {
    const source = `
      export function main(kind: string) {
        if (kind === "shared") return new SharedArrayBuffer(4).byteLength;
        return Atomics.wait(new Int32Array(4), 0, 0);
      }`;
    await withProbe(source, async (sandbox) => {
      expect(failure(await sandbox.run("call", { arg: "shared" }))).toEqual({
        kind: "learner-error",
        message: "TypeError: SharedArrayBuffer is not a constructor (in `main`)",
      });
      expect(failure(await sandbox.run("call", { arg: "wait" }))).toEqual({
        kind: "learner-error",
        message: "TypeError: Cannot read properties of undefined (reading 'wait') (in `main`)",
      });
    });
  });
});

describe("node sandbox: memory", () => {
  it("stops a heap bomb, an ArrayBuffer bomb and one huge buffer; the next run starts afresh", async () => {
    const source = `
      const keep: unknown[] = [];
      export function main(kind: string) {
        if (kind === "heap") for (;;) keep.push(new Array(1e6).fill(kind));
        if (kind === "buffers") for (;;) keep.push(new Uint8Array(5e7));
        if (kind === "huge") return new ArrayBuffer(2 ** 31).byteLength;
        return keep.length;
      }`;
    await withProbe(source, async (sandbox) => {
      for (const kind of ["heap", "buffers", "huge"]) {
        const { kind: failed, message } = failure(await sandbox.run("call", { arg: kind }));
        expect(failed, kind).toBe("memory");
        expect(message, kind).toMatch(MEMORY);
        expect(await sandbox.run("call", { arg: "count" }), kind).toEqual({ ok: true, value: 0, logs: [] });
      }
    });
  });
});

describe("node sandbox: crashes", () => {
  it("reports a child that exits or aborts as a crash, and restarts", async () => {
    await withProbe(`export function main() { return "alive"; }`, async (sandbox) => {
      expect(failure(await sandbox.run("exit", { code: 3 }))).toEqual({ kind: "crash", message: "The sandbox crashed while running your code (exit code 3)." });
      expect(await sandbox.run("call", null)).toEqual({ ok: true, value: "alive", logs: [] });
      expect(failure(await sandbox.run("abort", null))).toMatchObject({
        kind: "crash",
        message: expect.stringMatching(/^The sandbox crashed while running your code \(signal SIGABRT\)\./),
      });
      expect(await sandbox.run("call", null)).toEqual({ ok: true, value: "alive", logs: [] });
    });
  });
});
