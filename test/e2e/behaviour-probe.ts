/**
 * The behavioural leak check's driver: which source modules a build put in
 * its browser chunks (from the list module-list.ts wrote), and, per lab, a
 * child process that offers each of them to the lab's hidden tests
 * (behaviour-probe-child.ts).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChunkModules } from "#site/workbench/editions/module-list.ts";
import type { ProbeOutput } from "./behaviour-probe-child.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./behaviour-probe-child.ts", import.meta.url));
const HOOKS = new URL("./behaviour-probe-hooks.ts", import.meta.url).href;

export type { ProbeOutput };

/**
 * The repository's own script modules in the build's browser chunks
 * (repository-relative; Astro's per-page script blocks and packages left
 * out: the former export nothing, the latter are not ours to grade).
 */
export function shippedModules(listFile: string): string[] {
  const modules = new Set<string>();
  for (const line of readFileSync(listFile, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    for (const id of (JSON.parse(line) as ChunkModules).modules) {
      if (!id.startsWith(ROOT) || id.includes("/node_modules/") || id.includes("?")) continue;
      if (!/\.(ts|js|mjs)$/.test(id)) continue;
      modules.add(relative(ROOT, id));
    }
  }
  return [...modules].sort();
}

/**
 * Runs the probe for one lab; rejects if it fails or takes longer than
 * `timeoutMs`. `proof` (a module among `modules`) is offered only as it is:
 * the lab's solution, to show the probe finds what scores.
 */
export async function probeLab(lab: string, modules: readonly string[], timeoutMs: number, proof?: string): Promise<ProbeOutput> {
  const dir = mkdtempSync(join(tmpdir(), "wirelab-probe-"));
  try {
    const input = join(dir, "input.json");
    const out = join(dir, "output.json");
    writeFileSync(input, JSON.stringify({ lab, modules, out, root: ROOT, ...(proof === undefined ? {} : { proof }) }));
    const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(HOOKS)});`;
    const child = spawn(process.execPath, ["--import", register, CHILD, input], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let last = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      last = (last + text).slice(-4000);
      if (process.env.WIRELAB_PROBE_LOG !== undefined) process.stderr.write(text);
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("exit", (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
    if (code !== 0) throw new Error(`the leak probe for ${lab} ended with ${code ?? "a timeout"}; last lines:\n${last}`);
    return JSON.parse(readFileSync(out, "utf8")) as ProbeOutput;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
