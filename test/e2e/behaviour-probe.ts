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
import type { ProbeInput, ProbeOutput, Progress, Report } from "./behaviour-probe-child.ts";

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

/** How many times a probe's process may be ended by a candidate before the probe gives up. */
const MAX_CRASHES = 20;
/** How many of the slowest candidates the output names. */
const SLOWEST = 5;

/**
 * Runs the probe for one lab; rejects if it fails or takes longer than
 * `timeoutMs`. `proof` (a module among `modules`) is offered only as it is:
 * the lab's solution, to show the probe finds what scores. A candidate that
 * ends the probe's whole process is listed as undecided and a new process
 * goes on after it.
 */
export async function probeLab(lab: string, modules: readonly string[], timeoutMs: number, proof?: string): Promise<ProbeOutput> {
  const dir = mkdtempSync(join(tmpdir(), "wirelab-probe-"));
  const started = performance.now();
  try {
    const progress = join(dir, "progress.jsonl");
    const lines: Progress[] = [];
    let from = 0;
    for (let crashes = 0; ; crashes++) {
      const input = join(dir, "input.json");
      writeFileSync(progress, "");
      // A new process after a crash starts from what the last one learned.
      const baseline = lines.find((line) => line.kind === "baseline");
      const proofMs = lines.find((line) => line.kind === "proof");
      const probeInput: ProbeInput = {
        lab,
        modules,
        progress,
        root: ROOT,
        from,
        ...(baseline?.kind === "baseline" ? { baseline: baseline.baseline } : {}),
        ...(proofMs?.kind === "proof" ? { proofMs: proofMs.ms } : {}),
        ...(proof === undefined ? {} : { proof }),
      };
      writeFileSync(input, JSON.stringify(probeInput));
      const { code, last } = await runChild(input, started + timeoutMs - performance.now());
      const these = readFileSync(progress, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Progress);
      // Times are per process: make them the probe's.
      const offset = lines.at(-1)?.at ?? 0;
      lines.push(...these.map((line) => ({ ...line, at: line.at + offset })));
      const done = these.find((line) => line.kind === "done");
      if (code === 0 && done !== undefined && done.kind === "done") return output(lab, lines, done, (performance.now() - started) / 1000);
      const current = [...these].reverse().find((line) => line.kind === "start");
      if (code === null || current === undefined || current.kind !== "start" || crashes === MAX_CRASHES) {
        throw new Error(`the leak probe for ${lab} ended with ${code ?? "a timeout"}; last lines:\n${last}`);
      }
      // The candidate that ended the process is undecided (unless its worker's end was seen first); a new process starts after it.
      if (!these.some((line) => line.kind === "undecided" && line.label.startsWith(current.label))) {
        lines.push({ kind: "undecided", label: `${current.label} (ended the probe's process with ${code})`, at: current.at });
      }
      from = current.index + 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One process of the probe: its exit code (null: killed at the deadline) and the end of what it printed. */
async function runChild(input: string, timeoutMs: number): Promise<{ code: number | null; last: string }> {
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(HOOKS)});`;
  const child = spawn(process.execPath, ["--import", register, CHILD, input], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let last = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    last = (last + text).slice(-4000);
    if (process.env.WIRELAB_PROBE_LOG !== undefined) process.stderr.write(text);
  });
  let killed = false;
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, Math.max(0, timeoutMs));
    child.on("exit", (status, signal) => {
      clearTimeout(timer);
      // A process V8 aborted (out of memory) ends with a signal: a crash, not the deadline.
      resolve(killed ? null : (status ?? (signal === null ? 1 : 128)));
    });
  });
  return { code, last };
}

/** The probe's result from its progress lines. */
function output(lab: string, lines: readonly Progress[], done: Extract<Report, { kind: "done" }>, seconds: number): ProbeOutput {
  const starts = lines.filter((line) => line.kind === "start");
  const slowest = starts
    .map((line, index) => ({ label: line.label, seconds: ((starts[index + 1]?.at ?? lines.at(-1)!.at) - line.at) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, SLOWEST);
  const { starterPoints, maxPoints, slots, modulesTried, candidatesTried } = done;
  const candidatesRun = new Set(starts.map((line) => line.index)).size;
  return {
    lab,
    starterPoints,
    maxPoints,
    slots,
    modulesTried,
    candidatesTried,
    candidatesRun,
    seconds,
    slowest,
    unloadable: lines.flatMap((line) => (line.kind === "unloadable" ? [{ module: line.module, error: line.error }] : [])),
    undecided: lines.flatMap((line) => (line.kind === "undecided" ? [line.label] : [])),
    findings: lines.flatMap((line) => (line.kind === "finding" ? [line.finding] : [])),
  };
}
