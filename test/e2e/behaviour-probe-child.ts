/**
 * One lab's behavioural leak probe, in a child process (behaviour-probe.ts
 * starts it with the hooks of behaviour-probe-hooks.ts): every function and
 * class a built module exports is offered to the lab's hidden tests under the
 * lab's export names, and every test it passes that the starter fails is
 * reported. Input (JSON file, argv[2]): ProbeInput; output: JSON lines appended to
 * its `progress` file (behaviour-probe.ts makes a ProbeOutput of them).
 *
 * The tests run in a worker thread against the lab's harness directly (no
 * SES sandbox, no compile): the candidates are the site's own code, and a
 * sandbox per candidate would take hours on a shared machine. The harness,
 * the tests and the scoring are the grader's own (runSuite). A candidate
 * that runs longer than its time (CANDIDATE_PER_PROOF times what the lab's
 * solution, tried first, took; say, a whole simulation offered as a
 * checksum and called a hundred times) has its worker ended; it is listed
 * as undecided and the probe goes on with a fresh worker; so does one that
 * outgrows the lab's own memory limit (the grader's sandbox limit,
 * lab.json's memoryMb, on top of what the worker needs for the lab itself).
 *
 * A test counts only if the starter fails it AND so does an inert candidate
 * (each lab name alone, or all at once, doing nothing or throwing an Error,
 * RangeError or TypeError): a hidden test that only checks that a call
 * throws is passed by any throwing function, which proves nothing.
 *
 * A candidate runs only the hidden tests that can tell it from the starter:
 * those that read, on the starter, one of the names the candidate replaces.
 * The harness reaches the learner's code only through the learner's module
 * object, and a run is deterministic (seeded tests, a fresh harness), so a
 * test that never reads name X from the starter runs exactly as it does on
 * the starter with any X in place, and fails as it does (router's harness
 * never reads internetChecksum: no checksum candidate runs a router test).
 * Each learner gets a fresh instance of the harness module, as each
 * submission gets its own sandbox in the grader (congestion's harness
 * remembers its last transfers by input, not by learner).
 */
import { appendFileSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { findLab, loadSuites } from "#grader/labs.ts";
import { runSuite } from "#grader/run-suite.ts";
import type { RunOutcome, Sandbox } from "#grader/sandbox/types.ts";
import type { TestSuite } from "#labs/kit/define-tests.ts";

export interface ProbeInput {
  readonly lab: string;
  /** Absolute paths of the modules to try. */
  readonly modules: readonly string[];
  readonly root: string;
  /** A module offered only as it is (the lab's solution: the proof that the probe finds what scores). */
  readonly proof?: string;
  /** JSON lines of what the probe found, appended as it goes (behaviour-probe.ts reads them, also after a crash). */
  readonly progress: string;
  /** The candidate to start at (after one that ended the whole process). */
  readonly from?: number;
  /** What an earlier process found before it ended: the starter's results and how long the proof took. */
  readonly baseline?: Baseline;
  readonly proofMs?: number;
}

/** The starter's results on the hidden tests, which a candidate's are compared with. */
export interface Baseline {
  /** Per test, the learner's names it read on the starter (EVERY_NAME: it listed them all). */
  readonly read: readonly (readonly [test: string, names: readonly string[]])[];
  /** Tests that score for nobody: the starter or an inert candidate passes them. */
  readonly scoresNothing: readonly string[];
  readonly starterPoints: number;
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
  /** Candidates that ran at least one hidden test (the others replace no name a test reads on the starter). */
  readonly candidatesRun: number;
  /** Wall-clock seconds, and the slowest candidates (label, seconds). */
  readonly seconds: number;
  readonly slowest: readonly { readonly label: string; readonly seconds: number }[];
  /** Modules that could not be loaded in Node (with why): not probed. */
  readonly unloadable: readonly { readonly module: string; readonly error: string }[];
  /** Candidates that ran too long to decide (module, offer). */
  readonly undecided: readonly string[];
  readonly findings: readonly Finding[];
}

/**
 * Wall-clock time one candidate's hidden tests may take: CANDIDATE_PER_PROOF
 * times what the lab's solution took on all of them (tried first; it scales
 * with the machine's load as a candidate does), within CANDIDATE_MS, never
 * less than CANDIDATE_MIN_MS; CANDIDATE_MS when no solution is offered.
 */
const CANDIDATE_MS = 30_000;
const CANDIDATE_MIN_MS = 10_000;
const CANDIDATE_PER_PROOF = 5;
/** Wall-clock time a worker may take to load the lab and score the starter. */
const LOADING_MS = 600_000;
/** Heap the worker needs beyond a candidate's: the lab's harness, its hidden tests and their oracle (MiB). */
const PROBE_BASELINE_MB = 256;

/** What the worker tells the supervisor. */
export type Report =
  | { readonly kind: "start"; readonly index: number; readonly label: string }
  | { readonly kind: "unloadable"; readonly module: string; readonly error: string }
  | { readonly kind: "finding"; readonly finding: Finding }
  | { readonly kind: "baseline"; readonly baseline: Baseline }
  | { readonly kind: "proof"; readonly ms: number }
  | {
      readonly kind: "done";
      readonly starterPoints: number;
      readonly maxPoints: number;
      readonly slots: readonly Slot[];
      readonly modulesTried: number;
      readonly candidatesTried: number;
    };

/** A line of the progress file: a report, a candidate left undecided, with the time (ms, performance.now of the process). */
export type Progress = (Report | { readonly kind: "undecided"; readonly label: string }) & { readonly at: number };

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

type Harness = Record<string, (input: unknown, learner: Exports) => unknown>;

/** The lab's harness run in this process on `learner`, as a Sandbox for runSuite. */
function inProcess(harness: Harness, learner: Exports): Sandbox {
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

/** Stands for every name: the harness listed the learner's module's keys. */
const EVERY_NAME = "*";

/** The learner's names each test read on `learner` (a fresh harness each), and the tests it passed. */
async function readNames(suite: TestSuite, fresh: () => Promise<Harness>, learner: Exports): Promise<{ passed: Map<string, number>; read: Map<string, Set<string>> }> {
  const passed = new Map<string, number>();
  const read = new Map<string, Set<string>>();
  for (const test of suite.tests) {
    const names = new Set<string>();
    const note = (key: string | symbol) => void (typeof key === "string" && names.add(key));
    const watched = new Proxy(
      { ...learner },
      {
        get: (target, key, receiver) => (note(key), Reflect.get(target, key, receiver)),
        has: (target, key) => (note(key), Reflect.has(target, key)),
        getOwnPropertyDescriptor: (target, key) => (note(key), Reflect.getOwnPropertyDescriptor(target, key)),
        ownKeys: (target) => (names.add(EVERY_NAME), Reflect.ownKeys(target)),
      },
    );
    const [result] = await runSuite({ tests: [test] }, inProcess(await fresh(), watched), { visibility: "hidden", seed: 1 });
    if (result!.status === "passed") passed.set(test.name, result!.score);
    read.set(test.name, names);
  }
  return { passed, read };
}

/** The tests of `suite` among `names`, run on `learner` with a fresh harness: those it passed, with their points. */
async function passedTests(suite: TestSuite, names: ReadonlySet<string>, fresh: () => Promise<Harness>, learner: Exports): Promise<Map<string, number>> {
  const tests = suite.tests.filter((test) => names.has(test.name));
  if (tests.length === 0) return new Map();
  const results = await runSuite({ tests }, inProcess(await fresh(), learner), { visibility: "hidden", seed: 1 });
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

/** The starter's results, and the tests an inert candidate passes (a test that only checks that something throws): those score for nobody. */
async function starterBaseline(suite: TestSuite, slots: readonly Slot[], fresh: () => Promise<Harness>, starter: Exports): Promise<Baseline> {
  const { passed, read } = await readNames(suite, fresh, starter);
  const scoresNothing = new Set(passed.keys());
  for (const inert of inertLearners(slots, starter)) {
    const changed = Object.keys(inert).filter((name) => inert[name] !== starter[name]);
    const tests = new Set([...read].filter(([, names]) => names.has(EVERY_NAME) || changed.some((name) => names.has(name))).map(([test]) => test));
    for (const name of (await passedTests(suite, tests, fresh, inert)).keys()) scoresNothing.add(name);
  }
  return {
    read: [...read].map(([test, names]) => [test, [...names]] as const),
    scoresNothing: [...scoresNothing],
    starterPoints: [...passed.values()].reduce((sum, points) => sum + points, 0),
  };
}

/** Worker: tries every candidate from `from` on, reporting each that runs a test before it starts. */
async function probe(input: ProbeInput, from: number, given: Baseline | undefined): Promise<void> {
  // A candidate may be async (its promise rejects later) or throw from a timer: neither may end the probe.
  process.on("unhandledRejection", () => {});
  process.on("uncaughtException", () => {});
  const report = (message: Report) => parentPort!.postMessage(message);
  const lab = findLab(input.lab);
  const suites = await loadSuites(lab);
  const harnessUrl = pathToFileURL(lab.files.harness).href;
  let instances = 0;
  // The same file under another URL fragment is another module instance, with its own state.
  const fresh = async () => ((await import(`${harnessUrl}#learner-${instances++}`)) as { default: Harness }).default;
  const starter = (await import(pathToFileURL(lab.files.starter).href)) as Exports;
  const slots: Slot[] = Object.entries(starter)
    .filter(([, value]) => typeof value === "function" && !isErrorClass(value))
    .map(([name, value]) => ({ name, kind: isClass(value) ? "class" : "function", arity: (value as (...args: unknown[]) => unknown).length }));
  const baseline = given ?? (await starterBaseline(suites.hidden, slots, fresh, starter));
  if (given === undefined) report({ kind: "baseline", baseline });
  const read = baseline.read.map(([test, names]) => [test, new Set(names)] as const);
  /** The tests a learner that differs from the starter in `changed` may pass differently: those that read one of them. */
  const telling = (learner: Exports): Set<string> => {
    const changed = Object.keys(learner).filter((name) => learner[name] !== starter[name]);
    return new Set(read.filter(([, names]) => names.has(EVERY_NAME) || changed.some((name) => names.has(name))).map(([test]) => test));
  };
  const scoresNothing = new Set(baseline.scoresNothing);
  let modulesTried = 0;
  let index = 0;
  // The solution first: how long it takes sets the other candidates' time.
  const ordered = input.proof === undefined ? input.modules : [input.proof, ...input.modules.filter((path) => path !== input.proof)];
  for (const path of ordered) {
    const module = isAbsolute(path) ? path : join(input.root, path);
    let exported: Exports;
    try {
      exported = (await import(pathToFileURL(module).href)) as Exports;
    } catch (error) {
      // Reported once: by the worker that comes to it first (a later one starts past what an earlier saw).
      if (index >= from) report({ kind: "unloadable", module: path, error: (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200) });
      continue;
    }
    const functions = Object.entries(exported).filter(([, value]) => typeof value === "function");
    if (functions.length === 0) continue;
    modulesTried++;
    for (const offered of path === input.proof ? [{ "*": "*" }] : candidates(slots, functions)) {
      if (index++ < from) continue;
      const learner: Exports = { ...starter };
      if (offered["*"] === "*") Object.assign(learner, Object.fromEntries(functions));
      else for (const [slot, name] of Object.entries(offered)) learner[slot] = exported[name];
      const tests = new Set([...telling(learner)].filter((test) => !scoresNothing.has(test)));
      if (tests.size === 0) continue;
      report({ kind: "start", index: index - 1, label: `${path} ${JSON.stringify(offered)}` });
      const started = performance.now();
      const gained = [...(await passedTests(suites.hidden, tests, fresh, learner))];
      if (path === input.proof) report({ kind: "proof", ms: performance.now() - started });
      if (gained.length > 0) {
        report({ kind: "finding", finding: { module: path, offered, tests: gained.map(([name]) => name), points: gained.reduce((sum, [, points]) => sum + points, 0) } });
      }
    }
  }
  const { starterPoints } = baseline;
  const maxPoints = suites.hidden.tests.reduce((sum, test) => sum + test.points, 0);
  report({ kind: "done", starterPoints, maxPoints, slots, modulesTried, candidatesTried: index });
}

/**
 * Supervisor: runs the worker, restarting it past any candidate that
 * overstays CANDIDATE_MS, and writes what it hears to the progress file.
 * A candidate that ends this whole process (V8 aborts on some allocations
 * past a worker's heap limit rather than ending the worker: an
 * Array.fill of 2^31 elements) leaves the file as it was; behaviour-probe.ts
 * starts a new process after it.
 */
async function main(): Promise<void> {
  const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ProbeInput;
  const resourceLimits = { maxOldGenerationSizeMb: findLab(input.lab).limits.memoryMb + PROBE_BASELINE_MB };
  const record = (line: Report | { kind: "undecided"; label: string }) => appendFileSync(input.progress, `${JSON.stringify({ ...line, at: performance.now() })}\n`);
  let from = input.from ?? 0;
  let baseline = input.baseline;
  let candidateMs = input.proofMs === undefined ? CANDIDATE_MS : pace(input.proofMs);
  for (;;) {
    const done = await new Promise<boolean>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { input, from, baseline }, stderr: false, stdout: true, resourceLimits });
      let current: { index: number; label: string } | null = null;
      let timer: NodeJS.Timeout | undefined;
      /** Set once this worker's outcome is decided, so its exit adds nothing. */
      let settled = false;
      /** The current candidate is undecided (`why`); the next worker starts after it. */
      const skip = (why: string) => {
        record({ kind: "undecided", label: `${current!.label}${why}` });
        from = current!.index + 1;
      };
      // Loading the lab and scoring the starter may take minutes on a busy machine; a candidate gets candidateMs.
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => {
            settled = true;
            if (current === null) reject(new Error(`the probe's worker did not start within ${LOADING_MS} ms`));
            else {
              skip("");
              void worker.terminate().then(() => resolve(false));
            }
          },
          // The proof (a correct solution) runs the whole hidden suite for real: as long as loading may take.
          current === null || (input.proof !== undefined && current.label.startsWith(`${input.proof} `)) ? LOADING_MS : candidateMs,
        );
      };
      arm();
      worker.stdout.resume(); // what candidates print is not the probe's
      worker.on("message", (message: Report) => {
        record(message);
        if (message.kind === "start") {
          current = message;
          process.stderr.write(`${input.lab}: ${message.index} ${message.label}\n`);
          arm();
        } else if (message.kind === "baseline") baseline = message.baseline;
        else if (message.kind === "proof") candidateMs = pace(message.ms);
        else if (message.kind === "done") {
          clearTimeout(timer);
          settled = true;
          void worker.terminate().then(() => resolve(true));
        }
      });
      worker.on("error", (error) => {
        clearTimeout(timer);
        // Ended at its time already: running out of memory while it was ended adds nothing.
        if (settled) return;
        settled = true;
        // A candidate past the memory limit fails alone: the probe goes on after it with a fresh worker.
        if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" && current !== null) {
          skip(" (out of memory)");
          resolve(false);
        } else reject(error);
      });
      // A candidate that ends its thread (process.exit in a worker) is undecided too.
      worker.on("exit", () => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (current !== null) skip("");
        resolve(false);
      });
    });
    if (done) process.exit(0);
  }
}

/** A candidate's time, from what the solution took. */
function pace(proofMs: number): number {
  return Math.min(CANDIDATE_MS, Math.max(CANDIDATE_MIN_MS, CANDIDATE_PER_PROOF * proofMs));
}

if (isMainThread) await main();
else {
  const { input, from, baseline } = workerData as { input: ProbeInput; from: number; baseline: Baseline | undefined };
  await probe(input, from, baseline);
}
