/**
 * One lab's behavioural leak probe, in a child process (behaviour-probe.ts
 * starts it with the hooks of behaviour-probe-hooks.ts): every function and
 * class a built module exports is offered to the lab's hidden tests under the
 * lab's export names, and every test it passes that the starter fails is
 * reported. Input (JSON file, argv[2]): { lab, modules, out }; output: JSON to `out`.
 *
 * The tests run in a worker thread against the lab's harness directly (no
 * SES sandbox, no compile): the candidates are the site's own code, and a
 * sandbox per candidate would take hours on a shared machine. The harness,
 * the tests and the scoring are the grader's own (runSuite). A candidate
 * that runs longer than CANDIDATE_MS (say, a whole simulation offered as a
 * checksum and called a hundred times) has its worker ended; it is listed
 * as undecided and the probe goes on with a fresh worker; so does one that
 * outgrows the lab's own memory limit (the grader's sandbox limit,
 * lab.json's memoryMb, on top of what the worker needs for the lab itself).
 *
 * A test counts only if the starter fails it AND so does an inert candidate
 * (each lab name alone, or all at once, doing nothing or throwing an Error,
 * RangeError or TypeError): a hidden test that only checks that a call
 * throws is passed by any throwing function, which proves nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
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
  /** A module offered only as it is (the lab's solution: the proof that the probe finds what scores). */
  readonly proof?: string;
}

type Exports = Record<string, unknown>;
/** A lab export: its name, kind and, for a function, how many parameters it declares before any default. */
type Slot = { readonly name: string; readonly kind: "class" | "function"; readonly arity: number };

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
  /** Candidates that ran too long to decide (module, offer). */
  readonly undecided: readonly string[];
  readonly findings: readonly Finding[];
}

/** Wall-clock time one candidate's whole hidden suite may take (generous: a shared machine). */
const CANDIDATE_MS = 30_000;
/** Wall-clock time a worker may take to load the lab and score the starter. */
const LOADING_MS = 600_000;
/** Heap the worker needs beyond a candidate's: the lab's harness, its hidden tests and their oracle (MiB). */
const PROBE_BASELINE_MB = 256;

/** What the worker tells the supervisor. */
type Report =
  | { readonly kind: "start"; readonly index: number; readonly label: string }
  | { readonly kind: "unloadable"; readonly module: string; readonly error: string }
  | { readonly kind: "finding"; readonly finding: Finding }
  | { readonly kind: "done"; readonly starterPoints: number; readonly maxPoints: number; readonly slots: readonly Slot[]; readonly modulesTried: number; readonly candidatesTried: number };

const isClass = (value: unknown): boolean => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
const isErrorClass = (value: unknown): boolean => typeof value === "function" && value.prototype instanceof Error;

/** What an inert candidate does when called: nothing, or throw one of the errors a test may ask for. */
const INERT = [undefined, Error, RangeError, TypeError] as const;

/** A function or class for `slot` that does nothing or always throws `error`. */
function inertExport(slot: Slot, error: (typeof INERT)[number]): unknown {
  const act = () => {
    if (error !== undefined) throw new error("the leak probe's inert candidate");
  };
  return slot.kind === "class"
    ? class {
        constructor() {
          act();
        }
      }
    : () => act();
}

/** Learners that do nothing or throw, each lab name alone and all together: what they pass, a candidate's passing proves nothing. */
function* inertLearners(slots: readonly Slot[], starter: Exports): Generator<Exports> {
  for (const error of INERT) {
    for (const slot of slots) yield { ...starter, [slot.name]: inertExport(slot, error) };
    yield { ...starter, ...Object.fromEntries(slots.map((slot) => [slot.name, inertExport(slot, error)])) };
  }
}

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
    // A function only where its declared parameters match the lab's (what "shapes match" means here).
    for (const [name, value] of slot.kind === "class" ? classes : plain) {
      if (slot.kind === "class" || (value as (...args: unknown[]) => unknown).length === slot.arity) yield { [slot.name]: name };
    }
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

/** Worker: tries every candidate from `from` on, reporting each before it starts. */
async function probe(input: ProbeInput, from: number): Promise<void> {
  // A candidate may be async (its promise rejects later) or throw from a timer: neither may end the probe.
  process.on("unhandledRejection", () => {});
  process.on("uncaughtException", () => {});
  const report = (message: Report) => parentPort!.postMessage(message);
  const lab = findLab(input.lab);
  const suites = await loadSuites(lab);
  const harness = ((await import(pathToFileURL(lab.files.harness).href)) as { default: Parameters<typeof inProcess>[0] }).default;
  const starter = (await import(pathToFileURL(lab.files.starter).href)) as Exports;
  const slots: Slot[] = Object.entries(starter)
    .filter(([, value]) => typeof value === "function" && !isErrorClass(value))
    .map(([name, value]) => ({ name, kind: isClass(value) ? "class" : "function", arity: (value as (...args: unknown[]) => unknown).length }));
  const baseline = await passedTests(suites.hidden, harness, starter);
  // Tests an inert candidate passes (only checks that something throws) score for nobody.
  const scoresNothing = new Set(baseline.keys());
  for (const inert of inertLearners(slots, starter)) for (const name of (await passedTests(suites.hidden, harness, inert)).keys()) scoresNothing.add(name);
  let modulesTried = 0;
  let index = 0;
  for (const path of input.modules) {
    const module = isAbsolute(path) ? path : join(input.root, path);
    let exported: Exports;
    try {
      exported = (await import(pathToFileURL(module).href)) as Exports;
    } catch (error) {
      if (from === 0) report({ kind: "unloadable", module: path, error: (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200) });
      continue;
    }
    const functions = Object.entries(exported).filter(([, value]) => typeof value === "function");
    if (functions.length === 0) continue;
    modulesTried++;
    for (const offered of path === input.proof ? [{ "*": "*" }] : candidates(slots, functions)) {
      if (index++ < from) continue;
      report({ kind: "start", index: index - 1, label: `${path} ${JSON.stringify(offered)}` });
      const learner: Exports = { ...starter };
      if (offered["*"] === "*") Object.assign(learner, Object.fromEntries(functions));
      else for (const [slot, name] of Object.entries(offered)) learner[slot] = exported[name];
      const passed = await passedTests(suites.hidden, harness, learner);
      const gained = [...passed].filter(([name]) => !scoresNothing.has(name));
      if (gained.length > 0) {
        report({ kind: "finding", finding: { module: path, offered, tests: gained.map(([name]) => name), points: gained.reduce((sum, [, points]) => sum + points, 0) } });
      }
    }
  }
  const starterPoints = [...baseline.values()].reduce((sum, points) => sum + points, 0);
  const maxPoints = suites.hidden.tests.reduce((sum, test) => sum + test.points, 0);
  report({ kind: "done", starterPoints, maxPoints, slots, modulesTried, candidatesTried: index });
}

/** Supervisor: runs the worker, restarting it past any candidate that overstays CANDIDATE_MS. */
async function main(): Promise<void> {
  const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ProbeInput;
  const resourceLimits = { maxOldGenerationSizeMb: findLab(input.lab).limits.memoryMb + PROBE_BASELINE_MB };
  const unloadable: { module: string; error: string }[] = [];
  const findings: Finding[] = [];
  const undecided: string[] = [];
  let from = 0;
  for (;;) {
    const done = await new Promise<Extract<Report, { kind: "done" }> | null>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { input, from }, stderr: false, stdout: true, resourceLimits });
      let current: { index: number; label: string } | null = null;
      let timer: NodeJS.Timeout | undefined;
      /** Set once this worker's outcome is decided, so its exit adds nothing. */
      let settled = false;
      // Loading the lab and scoring the starter may take minutes on a busy machine; a candidate gets CANDIDATE_MS.
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => {
            settled = true;
            if (current !== null) undecided.push(current.label);
            from = current === null ? from : current.index + 1;
            if (current === null) reject(new Error(`the probe's worker did not start within ${LOADING_MS} ms`));
            else void worker.terminate().then(() => resolve(null));
          },
          // The proof (a correct solution) runs the whole hidden suite for real: as long as loading may take.
          current === null || (input.proof !== undefined && current.label.startsWith(`${input.proof} `)) ? LOADING_MS : CANDIDATE_MS,
        );
      };
      arm();
      worker.stdout.resume(); // what candidates print is not the probe's
      worker.on("message", (message: Report) => {
        if (message.kind === "start") {
          current = message;
          process.stderr.write(`${input.lab}: ${message.index} ${message.label}\n`);
          arm();
        } else if (message.kind === "unloadable") unloadable.push(message);
        else if (message.kind === "finding") findings.push(message.finding);
        else {
          clearTimeout(timer);
          settled = true;
          void worker.terminate().then(() => resolve(message));
        }
      });
      worker.on("error", (error) => {
        clearTimeout(timer);
        settled = true;
        // A candidate past the memory limit fails alone: the probe goes on after it with a fresh worker.
        if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" && current !== null) {
          undecided.push(`${current.label} (out of memory)`);
          from = current.index + 1;
          resolve(null);
        } else reject(error);
      });
      // A candidate that ends its thread (process.exit in a worker) is undecided too.
      worker.on("exit", () => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (current !== null) undecided.push(current.label);
        from = current === null ? from : current.index + 1;
        resolve(null);
      });
    });
    if (done !== null) {
      const { starterPoints, maxPoints, slots, modulesTried, candidatesTried } = done;
      const output: ProbeOutput = { lab: input.lab, starterPoints, maxPoints, slots, modulesTried, candidatesTried, unloadable, undecided, findings };
      writeFileSync(input.out, JSON.stringify(output, null, 2));
      process.exit(0);
    }
  }
}

if (isMainThread) await main();
else {
  const { input, from } = workerData as { input: ProbeInput; from: number };
  await probe(input, from);
}
