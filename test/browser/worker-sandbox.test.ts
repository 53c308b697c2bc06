/**
 * The worker sandbox in real Chromium, on a probe harness: the checks of
 * the Node sandbox's tests that a browser can make, with the same messages
 * (the realm is the same code), plus what only a browser needs proving:
 * that the harness is evaluated after lockdown in a bundle, that a
 * learner's proxy is recognised without Node's help, and that the page
 * survives what happens in a worker.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import type { RunOutcome, SandboxLimits } from "#grader/sandbox/types.ts";
import { bundlePage, bundleSandboxWorker } from "./bundle.ts";
import { chromiumAvailable, launchChromium } from "./chromium.ts";
import { openGradingSite } from "./grading-site.ts";

const LIMITS: SandboxLimits = { timeMsPerRun: 500, memoryMb: 96, outputBytes: 2_048 };
const TIMEOUT = "Time limit exceeded: your code ran for more than 0.5 s in this test (an infinite loop, or a promise that never settles?)";

type Run = (scenario: string, input?: unknown) => Promise<RunOutcome>;

function failure(outcome: RunOutcome): { kind: string; message: string } {
  if (outcome.ok) throw new Error(`Expected a failure, got ${JSON.stringify(outcome.value)}`);
  return { kind: outcome.kind, message: outcome.message };
}

describe.runIf(chromiumAvailable())("worker sandbox in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const [worker, broken, pageScript] = await Promise.all([
      bundleSandboxWorker("test/browser/fixtures/probe-harness.ts"),
      bundleSandboxWorker("test/browser/fixtures/not-a-harness.ts"),
      bundlePage("test/browser/grading-page.ts"),
    ]);
    browser = await launchChromium();
    page = await openGradingSite(browser, { "/page.js": pageScript, "/probe-worker.js": worker, "/broken-worker.js": broken });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Runs `body` with a sandbox in the page holding `source` (TypeScript), and closes it after. */
  async function withSandbox(source: string, body: (run: Run) => Promise<void>): Promise<void> {
    const compiled = compileSubmission(source);
    if (!compiled.ok) throw new Error(compiled.message);
    const opened = { learnerJs: compiled.javascript, limits: LIMITS };
    const id = await page.evaluate(({ learnerJs, limits }) => window.wirelab.open("/probe-worker.js", learnerJs, limits), opened);
    try {
      await body((scenario, input = null) => page.evaluate((run) => window.wirelab.run(run.id, run.scenario, run.input), { id, scenario, input }));
    } finally {
      await page.evaluate((id) => window.wirelab.close(id), id);
    }
  }

  it("evaluates the lab's harness only after lockdown, though it is bundled with the worker", async () => {
    await withSandbox(`export function main() { return 1; }`, async (run) => {
      expect(await run("lockedDown")).toEqual({ ok: true, value: true, logs: [] });
    });
  });

  it("keeps Node APIs out of the browser's code: bundling the Node child for a browser fails", async () => {
    await expect(bundlePage("grader/sandbox/child.ts")).rejects.toThrow(/node:(url|util)/);
  });

  it("formats output without running getters, toString or proxy traps, and reports unhandled rejections in their run", async () => {
    const source = `
      Promise.reject(new Error("at the top"));
      export function main() {
        const trap = new Proxy({}, { get() { for (;;) {} }, ownKeys() { for (;;) {} }, getPrototypeOf() { for (;;) {} } });
        const sneaky = { get x() { for (;;) {} }, toString() { for (;;) {} }, y: [1, 2], z: "s" };
        const bytes = new Uint8Array([0, 0x0f, 0xff]);
        Object.defineProperty(bytes, "length", { get() { for (;;) {} } });
        class Point { x = 1; y = 2; }
        console.log(trap, sneaky, bytes, new Point(), [1, "two", null, undefined, [3]], 10n, -0, Symbol("s"), main);
        Promise.resolve().then(() => Promise.resolve()).then(() => { throw new RangeError("later"); });
        return "done";
      }`;
    await withSandbox(source, async (run) => {
      expect(await run("call")).toEqual({
        ok: true,
        value: "done",
        logs: [
          "Unhandled promise rejection: Error: at the top",
          '[object] { x: [getter], toString: [function toString], y: [array of 2], z: "s" } Uint8Array(3) [00 0f ff] ' +
            'Point { x: 1, y: 2 } [1, "two", null, undefined, [array of 1]] 10n -0 Symbol(s) [function main]',
          "Unhandled promise rejection: RangeError: later",
        ],
      });
    });
  });

  it("reports the learner's mistakes as the Node sandbox does", async () => {
    const source = `
      function helper(frame: { header?: { length: number } }) {
        return frame.header!.length;
      }
      export function main(kind: string) {
        if (kind === "type") return helper({});
        if (kind === "proxy") throw new Proxy({}, { get() { for (;;) {} }, getPrototypeOf() { for (;;) {} } });
        if (kind === "return-proxy") return new Proxy({}, { getPrototypeOf() { for (;;) {} }, ownKeys() { for (;;) {} } });
        if (kind === "revocable") return Proxy.revocable({}, {}).proxy;
        if (kind === "getter") return { get sneaky() { return 1; } };
        return Date.now();
      }`;
    await withSandbox(source, async (run) => {
      expect(failure(await run("call", { fn: "absent" }))).toEqual({ kind: "missing-export", message: "Your code must export a function named `absent` (found undefined)." });
      expect(failure(await run("call", { arg: "type" }))).toEqual({
        kind: "learner-error",
        message: "TypeError: Cannot read properties of undefined (reading 'length') (in `helper`)",
      });
      expect(failure(await run("call", { arg: "proxy" }))).toEqual({ kind: "learner-error", message: "a non-Error value ([object])" });
      const problem = (what: string) => ({ kind: "bad-result", message: `The result cannot be sent back to the tests: ${what}.` });
      expect(failure(await run("raw", { arg: "return-proxy" }))).toEqual(problem("the result is a proxy"));
      expect(failure(await run("raw", { arg: "revocable" }))).toEqual(problem("the result is a proxy"));
      expect(failure(await run("raw", { arg: "getter" }))).toEqual(problem("the result.sneaky is a getter"));
      expect(failure(await run("call", { arg: "date" })).message).toMatch(/^TypeError: secure mode Calling %SharedDate%\.now\(\) throws/);
    });
  });

  it("gives the learner's code no worker globals, and no Compartment that would hand out the real Proxy", async () => {
    const source = `
      export function main() {
        const g = globalThis as Record<string, unknown>;
        return ["self", "postMessage", "close", "importScripts", "fetch", "setTimeout", "XMLHttpRequest", "WebSocket", "indexedDB",
          "caches", "navigator", "location", "Worker", "Compartment", "SharedArrayBuffer", "WebAssembly"]
          .filter((name) => typeof g[name] !== "undefined");
      }`;
    await withSandbox(source, async (run) => {
      expect(await run("call")).toEqual({ ok: true, value: [], logs: [] });
    });
  });

  it("stops hangs at the time limit, keeping what was printed, and reloads the code in a fresh worker", async () => {
    const source = `
      let runs = 0;
      function spin(): void { void Promise.resolve().then(spin); }
      export function main(kind: string) {
        runs++;
        console.log("run", runs, kind);
        if (kind === "loop") for (;;) {}
        if (kind === "microtasks") { spin(); return "returned, but the event loop never turns"; }
        if (kind === "never") return new Promise(() => {});
        return runs;
      }`;
    await withSandbox(source, async (run) => {
      for (const kind of ["loop", "microtasks", "never"]) {
        const outcome = await run("call", { arg: kind });
        expect(failure(outcome), kind).toEqual({ kind: "timeout", message: TIMEOUT });
        expect(outcome.logs, kind).toEqual([`run 1 ${kind}`]);
      }
      // A fresh worker: the module was loaded again, so `runs` restarted.
      expect(await run("call", { arg: "fine" })).toEqual({ ok: true, value: 1, logs: ["run 1 fine"] });
    });
  });

  it("reports a worker that fails as a crash, and restarts", async () => {
    await withSandbox(`export function main() { return "alive"; }`, async (run) => {
      expect(failure(await run("crashLater"))).toEqual({
        kind: "crash",
        message: expect.stringMatching(/^The sandbox crashed while running your code \(.*the harness failed outside a run\)\.$/),
      });
      expect(await run("call")).toEqual({ ok: true, value: "alive", logs: [] });
    });
  });

  it("rejects when the worker script or the lab's harness cannot load", async () => {
    const open = (workerUrl: string) => page.evaluate(({ workerUrl, limits }) => window.wirelab.open(workerUrl, "", limits), { workerUrl, limits: LIMITS });
    await expect(open("/no-such-worker.js")).rejects.toThrow(/The sandbox failed to start \(the worker script failed to load or run\)/);
    await expect(open("/broken-worker.js")).rejects.toThrow(/The lab's harness failed to load: Error: its default export is not defineHarness/);
  });
});
