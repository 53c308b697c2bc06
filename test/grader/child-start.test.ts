/**
 * The children's faster start (issue 16): the compiler's child loads
 * TypeScript from the code cache an earlier child made, and children get
 * their TypeScript stripped on standard input, lines and columns kept.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { linkKey, strippedProgram } from "#grader/sandbox/child-program.ts";
import { childCommand, limitedNodeCommand } from "#grader/sandbox/command.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { CompilerMessage } from "#grader/sandbox/compile-protocol.ts";
import { compilerCache, compilerFile } from "#grader/sandbox/compiler-cache.ts";
import { COMPILE_CHILD_FILE, COMPILER_BASELINE_MB, compileUntrusted } from "#grader/sandbox/limited-compile.ts";
import { DEFAULT_LIMITS } from "#grader/sandbox/types.ts";
import { PROBE_HARNESS } from "./fixtures/start-probe.ts";

const REALM_FILE = join(import.meta.dirname, "../../grader/sandbox/realm.ts");

const HEAP_MB = DEFAULT_LIMITS.memoryMb + COMPILER_BASELINE_MB;

/** Starts a compiler child, sets it up with `cache`, and returns the cache its "ready" carries (a new one, made when it had none that fits). */
async function readyCache(cache: Uint8Array | undefined): Promise<Uint8Array | undefined> {
  const command = limitedNodeCommand([COMPILE_CHILD_FILE], { heapMb: HEAP_MB, cpuSeconds: 60 }, undefined, ["typescript"]);
  const child = spawn(command.file, command.args, { stdio: ["pipe", "ignore", "inherit", "ipc"], env: {}, serialization: "advanced" });
  child.stdin!.end(command.stdin);
  try {
    return await new Promise((resolve, reject) => {
      child.on("exit", (code) => reject(new Error(`the compiler's child exited (${code})`)));
      child.on("message", (message: CompilerMessage) => {
        if (message.type === "started") child.send({ type: "setup", compiler: compilerFile(), cache });
        if (message.type === "ready") resolve(message.cache);
      });
    });
  } finally {
    child.kill("SIGKILL");
  }
}

describe("children's start-up", () => {
  it("a compiler child takes the code cache kept from an earlier one (and makes none), and makes one when it has none", async () => {
    expect(await compileUntrusted("export const a: number = 1;", DEFAULT_LIMITS)).toEqual({ ok: true, javascript: expect.stringContaining("exports.a = 1") });
    const kept = compilerCache(HEAP_MB);
    expect(kept?.length).toBeGreaterThan(100_000);
    expect(await readyCache(kept)).toBeUndefined();
    expect((await readyCache(undefined))?.length).toBeGreaterThan(100_000);
  }, 120_000);

  it("serves a child its TypeScript stripped with every line and column in place, and only its TypeScript", () => {
    const source = readFileSync(PROBE_HARNESS, "utf8");
    const program = strippedProgram(PROBE_HARNESS, [PROBE_HARNESS, "/no/such/file.ts", compilerFile()]);
    const sources = new Map(JSON.parse(/const sources = new Map\((.*)\);/.exec(program)![1]!) as Array<[string, string]>);
    expect([...sources.keys()]).toEqual([pathToFileURL(PROBE_HARNESS).href]);
    const stripped = sources.get(pathToFileURL(PROBE_HARNESS).href)!;
    expect(stripped.length).toBe(source.length);
    expect(stripped.split("\n").map((line) => line.length)).toEqual(source.split("\n").map((line) => line.length));
    expect(stripped).not.toMatch(/:\s*(?:string|number|Harness)\b/);
    expect(program).toContain(`await import(${JSON.stringify(pathToFileURL(PROBE_HARNESS).href)});`);
  });

  it("resolves the imports the grader's scan found itself, and leaves the others to Node's resolver", () => {
    const dir = mkdtempSync(join(tmpdir(), "wirelab-links-"));
    try {
      const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
      const entry = file("entry.ts", `import { name } from "./named.ts";\nimport { other } from "./other.ts";\nconsole.log(name, other);\n`);
      const named = file("named.ts", `export const name: string = "as Node resolves it";\n`);
      const linked = file("linked.ts", `export const name: string = "as linked";\n`);
      const other = file("other.ts", `export const other: string = "unlinked";\n`);
      // A link that Node's resolver would not follow shows that the link, not the resolver, decided.
      const links = new Map([[linkKey(pathToFileURL(entry).href, "./named.ts"), linked]]);
      const program = strippedProgram(entry, [entry, named, linked, other], links);
      const run = spawnSync(process.execPath, ["--input-type=module", "-"], { input: program, encoding: "utf8" });
      expect(run.stdout.trim(), run.stderr).toBe("as linked unlinked");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads SES from the one-file build its package ships, and the sandbox boots locked down on it", async () => {
    const command = childCommand(PROBE_HARNESS, DEFAULT_LIMITS);
    const links = new Map(JSON.parse(/const links = new Map\((.*)\);/.exec(command.stdin)![1]!) as Array<[string, { url: string; format: string }]>);
    const ses = [...links].filter(([key]) => key.endsWith("\nses"));
    expect(ses).toEqual([[`${pathToFileURL(REALM_FILE).href}\nses`, { url: expect.stringMatching(/\/node_modules\/ses\/dist\/ses\.umd\.min\.js$/), format: "module" }]]);
    const sandbox = await startNodeSandbox({ harness: PROBE_HARNESS, limits: DEFAULT_LIMITS, learnerJs: "exports.frozen = Object.isFrozen(Array.prototype);" }, command);
    try {
      expect(await sandbox.run("value", { name: "frozen" })).toMatchObject({ ok: true, value: true });
    } finally {
      await sandbox.close();
    }
  });
});
