/**
 * The Node sandbox: what a submission gets back from the harness, what it
 * prints, how its mistakes are reported, and how the sandbox refuses to
 * reach what it must not. Hangs and resource bombs are in
 * sandbox-limits.test.ts.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { CHILD_FILE, readableFiles } from "#grader/sandbox/command.ts";
import { failure, liveSandboxChildren, PROBE_HARNESS, startJs, startProbe, withProbe } from "./fixtures/start-probe.ts";

// Starting a sandbox takes seconds on a loaded machine: verdicts must not hang on wall time.
vi.setConfig({ testTimeout: 300_000 });

describe("node sandbox: results and output", () => {
  it("runs a scenario on the learner's module and returns the harness's result and the output", async () => {
    const source = `
      export const NAME = "probe";
      let calls = 0;
      export function main(x: number) {
        calls++;
        console.log("called with", x, "time", calls);
        return { doubled: x * 2, calls };
      }`;
    await withProbe(source, async (sandbox) => {
      expect(await sandbox.run("call", { arg: 21 })).toEqual({ ok: true, value: { doubled: 42, calls: 1 }, logs: ["called with 21 time 1"] });
      // The module is loaded once: its state carries over between runs.
      expect(await sandbox.run("call", { arg: 1 })).toEqual({ ok: true, value: { doubled: 2, calls: 2 }, logs: ["called with 1 time 2"] });
      expect(await sandbox.run("value", { name: "NAME" })).toEqual({ ok: true, value: "probe", logs: [] });
    });
  });

  it("gives top-level output to the first run", async () => {
    await withProbe(`console.info("loading"); export function main() { return 1; }`, async (sandbox) => {
      expect(await sandbox.run("call", null)).toEqual({ ok: true, value: 1, logs: ["loading"] });
    });
  });

  it("formats console arguments without running the learner's getters, toString or proxy traps", async () => {
    const source = `
      export function main() {
        const trap = new Proxy({}, { get() { for (;;) {} }, ownKeys() { for (;;) {} }, getPrototypeOf() { for (;;) {} } });
        const sneaky = { get x() { for (;;) {} }, toString() { for (;;) {} }, y: [1, 2], z: "s" };
        const bytes = new Uint8Array([0, 0x0f, 0xff]);
        Object.defineProperty(bytes, "length", { get() { for (;;) {} } });
        class Point { x = 1; y = 2; }
        console.log(trap, sneaky, bytes, new Point(), [1, "two", null, undefined, [3]], 10n, -0, Symbol("s"), main);
        console.warn(new RangeError("careful"));
        return "done";
      }`;
    await withProbe(source, async (sandbox) => {
      expect(await sandbox.run("call", null)).toEqual({
        ok: true,
        value: "done",
        logs: [
          '[object] { x: [getter], toString: [function toString], y: [array of 2], z: "s" } Uint8Array(3) [00 0f ff] ' +
            'Point { x: 1, y: 2 } [1, "two", null, undefined, [array of 1]] 10n -0 Symbol(s) [function main]',
          "RangeError: careful",
        ],
      });
    });
  });

  it("caps output per run and marks the cut, without slowing a flood down", async () => {
    const source = `
      export function main(n: number) {
        for (let i = 0; i < n; i++) console.log("line " + i);
        return n;
      }`;
    await withProbe(source, async (sandbox) => {
      // Finishing within the 1 s CPU limit shows the flood is not slowed down (no wall-clock verdict: it failed on a loaded machine).
      const outcome = await sandbox.run("call", { arg: 1_000_000 });
      expect(outcome.ok && outcome.value).toBe(1_000_000);
      expect(outcome.logs.at(-1)).toBe("[output truncated]");
      expect(outcome.logs.slice(0, 2)).toEqual(["line 0", "line 1"]);
      expect(outcome.logs.join("\n").length).toBeLessThanOrEqual(2_048 + "[output truncated]".length + 1);
      // The next run has its own allowance.
      expect(await sandbox.run("call", { arg: 2 })).toEqual({ ok: true, value: 2, logs: ["line 0", "line 1"] });
    });
  });

  it("keeps printed fake results in the logs: the outcome is what the harness returned", async () => {
    const source = `
      export function main() {
        console.log('{"ok":true,"value":"all tests passed","score":100}');
        console.log("score: 100 / 100");
        return "wrong answer";
      }`;
    await withProbe(source, async (sandbox) => {
      expect(await sandbox.run("call", null)).toEqual({
        ok: true,
        value: "wrong answer",
        logs: ['{"ok":true,"value":"all tests passed","score":100}', "score: 100 / 100"],
      });
    });
  });

  it("reports unhandled rejections in the output and carries on", async () => {
    const source = `
      Promise.reject(new Error("at the top"));
      export function main() {
        Promise.reject(new TypeError("inside main"));
        return 42;
      }`;
    await withProbe(source, async (sandbox) => {
      expect(await sandbox.run("call", null)).toEqual({
        ok: true,
        value: 42,
        logs: ["Unhandled promise rejection: Error: at the top", "Unhandled promise rejection: TypeError: inside main"],
      });
      expect(await sandbox.run("call", null)).toEqual({ ok: true, value: 42, logs: ["Unhandled promise rejection: TypeError: inside main"] });
    });
  });
});

describe("node sandbox: the learner's mistakes", () => {
  it("names the missing export (an empty file)", async () => {
    await withProbe("", async (sandbox) => {
      expect(failure(await sandbox.run("call", null))).toEqual({
        kind: "missing-export",
        message: "Your code must export a function named `main` (found undefined).",
      });
    });
  });

  it("leaves syntax errors to the compiler, which gives line and column", () => {
    const compiled = compileSubmission("export function main() {\n  return 1 +;\n}\n");
    expect(compiled.ok).toBe(false);
    expect(!compiled.ok && compiled.message).toMatch(/submission\.ts:2:\d+: Expression expected/);
  });

  it("reports a syntax error in raw JavaScript at load", async () => {
    const sandbox = await startJs("exports.main = () => {;");
    try {
      expect(failure(await sandbox.run("call", null))).toEqual({ kind: "learner-error", message: "SyntaxError: Unexpected token ')'" });
    } finally {
      await sandbox.close();
    }
  });

  it("reports what the learner threw, with the function it came from", async () => {
    const source = `
      function helper(frame: { header?: { length: number } }) {
        return frame.header!.length;
      }
      class FramingError extends Error {}
      export function main(kind: string) {
        if (kind === "type") return helper({});
        if (kind === "custom") throw new FramingError("bad frame");
        if (kind === "string") throw "just a string";
        throw { code: 7 };
      }`;
    await withProbe(source, async (sandbox) => {
      expect(failure(await sandbox.run("call", { arg: "type" }))).toEqual({
        kind: "learner-error",
        message: "TypeError: Cannot read properties of undefined (reading 'length') (in `helper`)",
      });
      expect(failure(await sandbox.run("call", { arg: "custom" }))).toEqual({ kind: "learner-error", message: "Error: bad frame (in `main`)" });
      expect(failure(await sandbox.run("call", { arg: "string" }))).toEqual({ kind: "learner-error", message: 'a non-Error value ("just a string")' });
      expect(failure(await sandbox.run("call", { arg: "object" }))).toEqual({ kind: "learner-error", message: "a non-Error value ({ code: 7 })" });
    });
  });

  it("reports an exception thrown by top-level code at every run, without running it again", async () => {
    const source = `console.log("starting"); throw new Error("no config"); export function main() { return 1; }`;
    await withProbe(source, async (sandbox) => {
      const expected = { kind: "learner-error", message: "Error: no config (at the top level of your file)" };
      const first = await sandbox.run("call", null);
      expect(failure(first)).toEqual(expected);
      expect(first.logs).toEqual(["starting"]);
      expect(failure(await sandbox.run("call", null))).toEqual(expected);
    });
  });

  it("reports deep recursion as the learner's error, and the sandbox survives it", async () => {
    const source = `
      function down(n: number): number { return down(n + 1) + 1; }
      export function main(x: string) { return x === "deep" ? down(0) : x; }`;
    await withProbe(source, async (sandbox) => {
      expect(failure(await sandbox.run("call", { arg: "deep" }))).toEqual({
        kind: "learner-error",
        message: "RangeError: Maximum call stack size exceeded (in `down`)",
      });
      expect(await sandbox.run("call", { arg: "still here" })).toEqual({ ok: true, value: "still here", logs: [] });
    });
  });

  it("refuses a result that cannot be sent back", async () => {
    const source = `
      export function main(kind: string) {
        if (kind === "function") return { nested: [1, () => 2] };
        if (kind === "getter") return { get sneaky() { return 1; } };
        if (kind === "class") return new Map();
        const loop: unknown[] = [];
        loop.push(loop);
        return loop;
      }`;
    await withProbe(source, async (sandbox) => {
      const problem = (what: string) => ({ kind: "bad-result", message: `The result cannot be sent back to the tests: ${what}.` });
      expect(failure(await sandbox.run("raw", { arg: "function" }))).toEqual(problem("the result.nested[1] is a function"));
      expect(failure(await sandbox.run("raw", { arg: "getter" }))).toEqual(problem("the result.sneaky is a getter"));
      expect(failure(await sandbox.run("raw", { arg: "class" }))).toEqual(problem("the result is a Map"));
      expect(failure(await sandbox.run("raw", { arg: "cycle" }))).toEqual(problem("the result[0] refers back to itself"));
    });
  });

  it("makes Date.now and Math.random throw, so runs are deterministic", async () => {
    const source = `export function main(which: string) { return which === "date" ? Date.now() : Math.random(); }`;
    await withProbe(source, async (sandbox) => {
      expect(failure(await sandbox.run("call", { arg: "date" })).message).toMatch(/^TypeError: secure mode Calling %SharedDate%\.now\(\) throws/);
      expect(failure(await sandbox.run("call", { arg: "random" })).message).toMatch(/^TypeError: secure mode %SharedMath%\.random\(\) throws/);
    });
  });
});

describe("node sandbox: what the learner's code cannot reach", () => {
  it("has no process, require, fetch or harness in scope", async () => {
    const source = `
      export function main() {
        const g = globalThis as Record<string, unknown>;
        return ["process", "require", "module", "fetch", "setTimeout", "Buffer", "WebAssembly", "SharedArrayBuffer", "harness"]
          .filter((name) => typeof g[name] !== "undefined");
      }
      export function exit() { process.exit(0); }
      export function caller() { return String((caller as unknown as { caller: unknown }).caller); }
      export async function net() { return fetch("http://example.com"); }`;
    await withProbe(source, async (sandbox) => {
      expect(await sandbox.run("call", null)).toEqual({ ok: true, value: [], logs: [] });
      // SES reads undeclared globals as undefined (it never lets a lookup fall through to the real global).
      expect(failure(await sandbox.run("call", { fn: "exit" }))).toEqual({
        kind: "learner-error",
        message: "TypeError: Cannot read properties of undefined (reading 'exit') (in `exit`)",
      });
      expect(failure(await sandbox.run("call", { fn: "net" }))).toEqual({ kind: "learner-error", message: "TypeError: fetch is not a function (in `net`)" });
      // No walking up the stack to the harness.
      expect(await sandbox.run("call", { fn: "caller" })).toMatchObject({ ok: true, value: "undefined" });
    });
  });

  it("turns imports into a clear error: fs, child_process, net, dynamic import", async () => {
    const source = `
      export function read() { return require("fs").readFileSync("/etc/passwd", "utf8"); }
      export function spawn() { return require("child_process").execSync("id"); }
      export function socket() { return require("net").connect(80, "example.com"); }
      export async function dynamic() { return (await import("fs")).readFileSync("/etc/passwd"); }`;
    await withProbe(source, async (sandbox) => {
      const refused = (name: string, fn: string) => ({
        kind: "learner-error",
        message: `Error: Labs cannot import modules: "${name}" is not available. Put all your code in this one file. (in \`${fn}\`)`,
      });
      expect(failure(await sandbox.run("call", { fn: "read" }))).toEqual(refused("fs", "read"));
      expect(failure(await sandbox.run("call", { fn: "spawn" }))).toEqual(refused("child_process", "spawn"));
      expect(failure(await sandbox.run("call", { fn: "socket" }))).toEqual(refused("net", "socket"));
      // TypeScript compiles `import("fs")` to a require inside a promise.
      expect(failure(await sandbox.run("call", { fn: "dynamic" })).message).toMatch(/^Error: Labs cannot import modules: "fs" is not available/);
    });
  });

  it("fails a static import at load with the module's name", async () => {
    await withProbe(`import { readFileSync } from "fs"; export function main() { return readFileSync; }`, async (sandbox) => {
      expect(failure(await sandbox.run("call", null)).message).toMatch(/^Error: Labs cannot import modules: "fs" is not available\. .*\(at the top level of your file\)$/);
    });
  });

  it("refuses a raw import() expression before running anything", async () => {
    const sandbox = await startJs(`exports.main = () => import("fs");`);
    try {
      expect(failure(await sandbox.run("call", null))).toEqual({
        kind: "learner-error",
        message: "Labs cannot import modules: your code contains `import(` (the sandbox refuses it even in a comment or a string).",
      });
    } finally {
      await sandbox.close();
    }
  });

  it("explains SES's refusal of `-->`, even in a comment", async () => {
    await withProbe(`// idle --> sending\nexport function main() { return 1; }`, async (sandbox) => {
      expect(failure(await sandbox.run("call", null))).toEqual({
        kind: "learner-error",
        message: "Your code contains `<!--` or `-->`, which the sandbox refuses even in a comment or a string: add a space (`-- >`).",
      });
    });
  });

  it("keeps primordials frozen: pollution throws and the harness is unaffected", async () => {
    const source = `
      export function main(what: string) {
        try {
          if (what === "object") (Object.prototype as Record<string, unknown>).polluted = 1;
          if (what === "array") Array.prototype.push = () => 0;
          if (what === "json") (JSON as { stringify: unknown }).stringify = () => "fake";
        } catch (error) {
          return String(error);
        }
        return "patched";
      }
      export function override() {
        const error = new Error("x");
        error.name = "Mine";
        const record: { toString?: () => string } = {};
        record.toString = () => "own";
        return error.name + " " + String(record);
      }`;
    await withProbe(source, async (sandbox) => {
      expect(await sandbox.run("call", { arg: "object" })).toMatchObject({ value: "TypeError: Cannot add property polluted, object is not extensible" });
      expect(await sandbox.run("call", { arg: "array" })).toMatchObject({ value: expect.stringMatching(/^TypeError: Cannot assign to read only property 'push'/) });
      expect(await sandbox.run("call", { arg: "json" })).toMatchObject({ value: expect.stringMatching(/^TypeError: Cannot assign to read only property 'stringify'/) });
      expect(await sandbox.run("integrity", null)).toEqual({
        ok: true,
        value: { pushed: 2, polluted: false, json: '{"a":[1]}', keys: ["x"] },
        logs: [],
      });
      // Overriding inherited properties on one's own objects still works.
      expect(await sandbox.run("call", { fn: "override" })).toMatchObject({ value: "Mine own" });
    });
  });

  it("lets even the harness read only its own code: no solutions, no other files, no writes", async () => {
    const solution = fileURLToPath(new URL("../../labs/framing/solution.ts", import.meta.url));
    await withProbe(`export function main() { return 1; }`, async (sandbox) => {
      expect(await sandbox.run("readFile", { path: solution })).toMatchObject({ value: "ERR_ACCESS_DENIED" });
      expect(await sandbox.run("readFile", { path: "/etc/passwd" })).toMatchObject({ value: "ERR_ACCESS_DENIED" });
      expect(await sandbox.run("readFile", { path: fileURLToPath(new URL("./fixtures/probe-harness.ts", import.meta.url)) })).toMatchObject({
        value: expect.any(Number),
      });
    });
  });
});

describe("node sandbox: the grader's side", () => {
  it("rejects an unknown scenario: a fault of the lab, not of the learner", async () => {
    await withProbe(`export function main() { return 1; }`, async (sandbox) => {
      await expect(sandbox.run("nope", null)).rejects.toThrow(/The lab's harness has no scenario "nope" \(it has call, raw, value, integrity, exit, abort, readFile\)/);
      expect(await sandbox.run("call", null)).toMatchObject({ ok: true, value: 1 });
    });
  });

  it("lets the child read exactly the code it imports, ancestors before what they contain", () => {
    const files = readableFiles([CHILD_FILE, PROBE_HARNESS]);
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const relative = files.map((file) => file.slice(root.length));
    expect(relative).toEqual(
      expect.arrayContaining([
        "grader/sandbox/child.ts",
        "grader/sandbox/inspect.ts",
        "labs/kit/harness.ts",
        "test/grader/fixtures/probe-harness.ts",
        "node_modules/ses/",
        "node_modules/@endo/env-options/",
      ]),
    );
    // package.json too: Node reads its "imports" map to resolve #labs/… and #runtime/… specifiers.
    expect(relative.filter((file) => !/^(grader\/sandbox|labs\/kit|test\/grader\/fixtures|node_modules\/(ses|@endo))\//.test(file))).toEqual(["package.json"]);
    expect(relative).not.toContain("grader/sandbox/node-sandbox.ts");
    // Node 22 loses a grant given after one inside it, so no entry may sit under an earlier one.
    files.forEach((file, i) => expect(files.slice(0, i).filter((earlier) => file.startsWith(earlier.endsWith("/") ? earlier : `${earlier}/`))).toEqual([]));
  });

  it("will not start a harness that imports a solution", async () => {
    const leaky = fileURLToPath(new URL("./fixtures/labs/leaky/harness.ts", import.meta.url));
    await expect(startJs("", {}, leaky)).rejects.toThrow(/The sandbox must not read .*labs\/leaky\/solution\.ts/);
  });

  it("rejects when the harness cannot load", async () => {
    const missing = fileURLToPath(new URL("./fixtures/no-such-harness.ts", import.meta.url));
    await expect(startJs("", {}, missing)).rejects.toThrow(/The lab's harness .*no-such-harness\.ts failed to load/);
  });

  it.runIf(process.platform === "linux")("close() leaves no child running", async () => {
    const before = liveSandboxChildren();
    const sandbox = await startProbe(`export function main() { return 1; }`);
    const started = liveSandboxChildren().filter((pid) => !before.includes(pid));
    expect(started).toHaveLength(1);
    await sandbox.run("call", null);
    await sandbox.close();
    expect(liveSandboxChildren().filter((pid) => started.includes(pid))).toEqual([]);
    await expect(sandbox.run("call", null)).rejects.toThrow("The sandbox is closed.");
  });
});
