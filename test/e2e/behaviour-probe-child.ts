/**
 * One lab's behavioural leak probe, in a child process (behaviour-probe.ts
 * starts it with the hooks of behaviour-probe-hooks.ts): every function and
 * class a built module exports is offered to the lab's hidden tests under the
 * lab's export names, and every test it passes that the starter fails is
 * reported. Input (JSON file, argv[2]): { lab, modules, out }; output: JSON to `out`.
 *
 * The tests run in this process against the lab's harness directly (no SES
 * sandbox, no compile): the candidates are the site's own code, and a
 * sandbox per candidate would take hours on a shared machine. The harness,
 * the tests and the scoring are the grader's own (runSuite).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { findLab, loadSuites } from "#grader/labs.ts";
import { runSuite } from "#grader/run-suite.ts";
import type { RunOutcome, Sandbox } from "#grader/sandbox/types.ts";
import type { TestSuite } from "#labs/kit/define-tests.ts";

interface ProbeInput {
  readonly lab: string;
  /** Absolute paths of the modules to try. */
  readonly modules: readonly string[];
  readonly out: string;
  readonly root: string;
}

type Exports = Record<string, unknown>;
type Slot = { readonly name: string; readonly kind: "class" | "function" };

export interface Finding {
  readonly module: string;
  /** Lab export name → the module's export offered under it ("*" for all of the module's exports by their own names). */
  readonly offered: Readonly<Record<string, string>>;
  /** Hidden tests it passed that the starter fails. */
  readonly tests: readonly string[];
  readonly points: number;
}

export interface ProbeOutput {
  readonly lab: string;
  readonly starterPoints: number;
  readonly maxPoints: number;
  readonly slots: readonly Slot[];
  readonly modulesTried: number;
  readonly candidatesTried: number;
  /** Modules that could not be loaded in Node (with why): not probed. */
  readonly unloadable: readonly { readonly module: string; readonly error: string }[];
  readonly findings: readonly Finding[];
}

const isClass = (value: unknown): boolean => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
const isErrorClass = (value: unknown): boolean => typeof value === "function" && value.prototype instanceof Error;

/** The lab's harness run in this process on `learner`, as a Sandbox for runSuite. */
function inProcess(harness: Record<string, (input: unknown, learner: Exports) => unknown>, learner: Exports): Sandbox {
  return {
    async run(scenario, input): Promise<RunOutcome> {
      const run = harness[scenario];
      if (run === undefined) throw new Error(`no scenario ${scenario}`);
      try {
        const value = await run(structuredClone(input), learner);
        return { ok: true, value: structuredClone(value), logs: [] };
      } catch (error) {
        return { ok: false, kind: "learner-error", message: error instanceof Error ? error.message : String(error), logs: [] };
      }
    },
    async close() {},
  };
}

async function passedTests(suite: TestSuite, harness: Parameters<typeof inProcess>[0], learner: Exports): Promise<Map<string, number>> {
  const results = await runSuite(suite, inProcess(harness, learner), { visibility: "hidden", seed: 1 });
  return new Map(results.filter((result) => result.status === "passed").map((result) => [result.name, result.score]));
}

/** Every way to offer `module`'s exports under the lab's names (see the e2e for what this proves). */
function* candidates(slots: readonly Slot[], functions: readonly [string, unknown][]): Generator<Record<string, string>> {
  const classes = functions.filter(([, value]) => isClass(value));
  const plain = functions.filter(([, value]) => !isClass(value));
  // Each lab name alone, with the starter's for the rest.
  for (const slot of slots) {
    for (const [name] of slot.kind === "class" ? classes : plain) yield { [slot.name]: name };
  }
  // Two classes that work together (a sender and a receiver, an encoder and a decoder).
  const pairSlots = slots.filter((slot) => slot.kind === "class");
  for (const a of pairSlots) {
    for (const b of pairSlots) {
      if (a === b) continue;
      for (const [x] of classes) for (const [y] of classes) if (x !== y) yield { [a.name]: x, [b.name]: y };
    }
  }
  // The module as it is, where its names are the lab's.
  if (functions.some(([name]) => slots.some((slot) => slot.name === name))) yield { "*": "*" };
}

async function main(): Promise<void> {
  // A candidate may be async (its promise rejects later) or throw from a timer: neither may end the probe.
  process.on("unhandledRejection", () => {});
  process.on("uncaughtException", (error) => process.stderr.write(`a candidate threw later: ${error instanceof Error ? error.message : String(error)}\n`));
  const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ProbeInput;
  const lab = findLab(input.lab);
  const suites = await loadSuites(lab);
  const harness = ((await import(pathToFileURL(lab.files.harness).href)) as { default: Parameters<typeof inProcess>[0] }).default;
  const starter = (await import(pathToFileURL(lab.files.starter).href)) as Exports;
  const slots: Slot[] = Object.entries(starter)
    .filter(([, value]) => typeof value === "function" && !isErrorClass(value))
    .map(([name, value]) => ({ name, kind: isClass(value) ? "class" : "function" }));
  const baseline = await passedTests(suites.hidden, harness, starter);
  const maxPoints = suites.hidden.tests.reduce((sum, test) => sum + test.points, 0);
  const unloadable: { module: string; error: string }[] = [];
  const findings: Finding[] = [];
  let modulesTried = 0;
  let candidatesTried = 0;
  for (const path of input.modules) {
    const module = isAbsolute(path) ? path : join(input.root, path);
    let exported: Exports;
    try {
      exported = (await import(pathToFileURL(module).href)) as Exports;
    } catch (error) {
      unloadable.push({ module: path, error: (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200) });
      continue;
    }
    const functions = Object.entries(exported).filter(([, value]) => typeof value === "function");
    if (functions.length === 0) continue;
    modulesTried++;
    for (const offered of candidates(slots, functions)) {
      candidatesTried++;
      const learner: Exports = { ...starter };
      if (offered["*"] === "*") Object.assign(learner, Object.fromEntries(functions));
      else for (const [slot, name] of Object.entries(offered)) learner[slot] = exported[name];
      process.stderr.write(`${input.lab}: ${path} ${JSON.stringify(offered)}\n`);
      const passed = await passedTests(suites.hidden, harness, learner);
      const gained = [...passed].filter(([name]) => !baseline.has(name));
      if (gained.length > 0) {
        findings.push({ module: path, offered, tests: gained.map(([name]) => name), points: gained.reduce((sum, [, points]) => sum + points, 0) });
      }
    }
  }
  const starterPoints = [...baseline.values()].reduce((sum, points) => sum + points, 0);
  const output: ProbeOutput = { lab: input.lab, starterPoints, maxPoints, slots, modulesTried, candidatesTried, unloadable, findings };
  writeFileSync(input.out, JSON.stringify(output, null, 2));
  // A candidate may leave timers or sockets behind; the answer is written.
  process.exit(0);
}

await main();
