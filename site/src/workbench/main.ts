/**
 * The lab workbench: editor, results, terminal, buttons and pictures wired
 * together. One instance per lab page; everything the learner does is
 * a command (the buttons type nothing, they call the same functions).
 * The page is usable before Monaco and the TypeScript worker have loaded:
 * the code shows as text, and a button pressed meanwhile is kept and done
 * once they are ready.
 */
import type { SandboxLimits } from "#grader/sandbox/types.ts";
import type { TestResult } from "#grader/results.ts";
import { fromBase64 } from "#labs/kit/base64.ts";
import { failingMomentMs, type TracedRun } from "#labs/kit/trace.ts";
import { labProgress, recordTests, saveCode } from "../progress/store.ts";
import { saveCompiled } from "../progress/compiled-code.ts";
import { HELP_LINES, parseCommand, type Command } from "./commands.ts";
import { download } from "../components/download.ts";
import type { LabEditor } from "./editor.ts";
import { EDITION, hasHiddenTests, loadHiddenTests, loadStarter } from "./lab-assets.ts";
import { watchOtherTabs } from "./other-tabs.ts";
import { Pictures, type AnyDemoResult } from "./pictures.ts";
import { formatResult, formatTotals, totals } from "./report.ts";
import { ResultsPanel } from "./results-panel.ts";
import { failureSections } from "./result-sections.ts";
import { canDrawTraces, traceLadder } from "./test-traces.ts";
import { LabSession, StoppedError } from "./session.ts";
import { makeSplitter } from "./splitter.ts";
import { createTerminal, type LabTerminal } from "./terminal.ts";
import { traceLines } from "./trace-text.ts";
import { momentText } from "./views/ladder.ts";
import { msLabel } from "./views/scale.ts";

const RED = "\x1b[31m";
// Grey (bright black), not SGR 2 "dim": xterm draws dim at half opacity, below 4.5:1 contrast on the light theme.
const DIM = "\x1b[90m";
const RESET = "\x1b[0m";

/** Test hooks for the end-to-end tests (and curious learners' consoles). */
declare global {
  interface Window {
    wirelabWorkbench?: { editor: LabEditor; terminal: LabTerminal; ready: true };
  }
}

class Workbench {
  readonly #root: HTMLElement;
  readonly #lab: string;
  readonly #fileName: string;
  readonly #profiles: readonly string[];
  readonly #session: LabSession;
  readonly #editor: LabEditor;
  readonly #terminal: LabTerminal;
  readonly #pictures: Pictures;
  readonly #results: ResultsPanel;
  readonly #starter: string;
  readonly #dropped = new Set<string>();
  #lastRun: { result: AnyDemoResult; seed: number } | undefined;
  #lastRunOptions: { seed: number; profile: string | undefined } | undefined;
  #busy = false;

  constructor(root: HTMLElement, editor: LabEditor, starter: string) {
    this.#root = root;
    this.#lab = root.dataset.lab!;
    this.#fileName = root.dataset.file!;
    this.#profiles = JSON.parse(root.dataset.profiles ?? "[]") as string[];
    this.#session = new LabSession(this.#lab, JSON.parse(root.dataset.limits!) as SandboxLimits);
    this.#editor = editor;
    this.#terminal = createTerminal(this.#element("[data-terminal]"), (line) => void this.#typed(line));
    this.#pictures = new Pictures(this.#element("[data-panels]"), (key) => void this.#toggleDrop(key));
    this.#results = new ResultsPanel(
      this.#element('[data-panel="results"]'),
      canDrawTraces(this.#lab) ? (result, trace) => void this.#showTrace(result, trace) : undefined,
    );
    editor.onChange((code) => {
      saveCode(this.#lab, code);
      this.#status("Saved in this browser.");
    });
    this.#button("stop").addEventListener("click", () => void this.#session.stop());
    editor.onShortcut(false, () => void this.#execute({ name: "test" }));
    editor.onShortcut(true, () => void this.#execute({ name: "run", ...this.#runControls() }));
    this.#starter = starter;
    if (!hasHiddenTests(this.#lab)) {
      const grade = this.#button("grade");
      grade.disabled = true;
      grade.title = "This class edition has no hidden tests: your instructor grades your submission.";
    }
    this.#terminal.print(
      `Wirelab workbench: ${root.dataset.title ?? this.#lab} (${EDITION} edition, TypeScript ${editor.typescriptVersion}).`,
      `${DIM}Your code is saved in this browser as you type. Type help for commands.${RESET}`,
    );
    this.#showBest();
  }

  /** A toolbar button (clicked now, or while the page was loading). */
  action(name: string): void {
    if (name === "run") void this.#execute({ name: "run", ...this.#runControls() });
    else if (name === "test" || name === "grade" || name === "reset") void this.#execute({ name });
    else if (name === "download") download(this.#fileName, this.#editor.getCode(), "text/plain");
  }

  async #typed(line: string): Promise<void> {
    if (line.trim() === "") return;
    const parsed = parseCommand(line, this.#profiles);
    if (!parsed.ok) {
      this.#terminal.print(`${RED}${parsed.error}${RESET}`);
      return;
    }
    await this.#execute(parsed.command, false);
  }

  /** Runs a command from a button (echoed in the terminal) or the prompt. */
  async #execute(command: Command, echo = true): Promise<void> {
    if (this.#busy) {
      // Said, not silently dropped (the buttons are disabled meanwhile; this is a shortcut or a typed command).
      this.#status(`Busy with the last action: ${command.name} was not started. Wait for it or press Stop.`);
      return;
    }
    if (echo) this.#terminal.print(`\x1b[36m$\x1b[0m ${describe(command)}`);
    switch (command.name) {
      case "help":
        return this.#terminal.print(...HELP_LINES);
      case "clear":
        return this.#terminal.clear();
      case "reset":
        return this.#reset();
      case "trace":
        return this.#trace();
      case "pcap":
        return this.#pcap();
      case "run":
        this.#dropped.clear();
        return this.#busyWhile(() => this.#run(command.seed ?? this.#seed(), command.profile));
      case "test":
        return this.#busyWhile(() => this.#test(false));
      case "grade":
        return this.#busyWhile(() => this.#test(true));
    }
  }

  async #run(seed: number, profile: string | undefined, focusKey?: string): Promise<void> {
    if (this.#pictures.selected() === "results") this.#pictures.select("terminal");
    const js = await this.#compile();
    if (js === undefined) return;
    this.#lastRunOptions = { seed, profile };
    const drop = [...this.#dropped];
    this.#status(`Running with seed ${seed}${profile === undefined ? "" : ` on ${profile}`}…`);
    const outcome = await this.#session.demo(js, { seed, ...(profile === undefined ? {} : { profile }), ...(drop.length > 0 ? { drop } : {}) });
    this.#printLogs(outcome.logs);
    if (!outcome.ok) {
      this.#lastRun = undefined;
      this.#pictures.clear();
      this.#terminal.print(`${RED}${outcome.message}${RESET}`);
      this.#status("The run failed: see the terminal.");
      return;
    }
    const result = outcome.value as AnyDemoResult;
    const summary = Array.isArray(result.summary) ? result.summary : String(result.summary).split("\n");
    this.#terminal.print(...summary);
    this.#lastRun = { result, seed };
    this.#pictures.show(result, this.#dropped, focusKey);
    const pictures = [result.ladder && "Diagram", result.series && "Plot", result.blocks && "HPACK", result.pcap && "Packets"].filter(Boolean);
    if (pictures.length > 0) this.#terminal.print(`${DIM}See the ${pictures.join(", ")} tab${pictures.length > 1 ? "s" : ""}.${result.ladder ? " Click a packet in the diagram to drop it and replay." : ""}${RESET}`);
    const droppedNames = drop.map((key) => this.#packetName(key, result));
    this.#status(`Ran with seed ${seed}${droppedNames.length > 0 ? `; dropped by you: ${droppedNames.join(", ")}` : ""}.`);
  }

  /** "DATA 4 (sent at 40.7 ms)": a droppable packet as the learner saw it, never its internal key. */
  #packetName(key: string, result: AnyDemoResult | undefined = this.#lastRun?.result): string {
    const packet = result?.ladder?.packets.find((p) => p.dropKey === key);
    return packet === undefined ? "a packet" : `${packet.label} (sent at ${msLabel(packet.sentMs)} ms)`;
  }

  async #toggleDrop(key: string): Promise<void> {
    if (this.#lastRunOptions === undefined) return;
    if (this.#busy) {
      this.#status("A run is going on: wait for it before dropping another packet.");
      return;
    }
    const name = this.#packetName(key);
    const confirmation = this.#dropped.has(key) ? `Let ${name} through again` : `Dropped ${name}`;
    if (this.#dropped.has(key)) this.#dropped.delete(key);
    else this.#dropped.add(key);
    this.#terminal.print(`${confirmation}; replaying the run.`);
    this.#status(`${confirmation}; replaying…`);
    // Focus returns to the same packet in the new drawing when it had it (a keyboard drop).
    const active = document.activeElement;
    const focusKey = active instanceof SVGElement && active.dataset.dropKey === key ? key : undefined;
    const { seed, profile } = this.#lastRunOptions;
    await this.#busyWhile(() => this.#run(seed, profile, focusKey));
    this.#status(`${confirmation}. ${this.#dropped.size > 1 ? `${this.#dropped.size} packets dropped by you in all.` : ""}`.trim());
  }

  async #test(all: boolean): Promise<void> {
    if (all && !hasHiddenTests(this.#lab)) {
      this.#terminal.print("This is the class edition: the hidden tests are with your instructor, who grades with the Wirelab CLI. Test runs the public tests.");
      return;
    }
    const label = all ? "Grade (public and hidden tests)" : "Public tests";
    this.#pictures.select("results");
    const js = await this.#compile();
    if (js === undefined) {
      this.#results.failedBefore(label, this.#lastCompileError);
      return;
    }
    this.#status(`${label}: running…`);
    this.#results.start(label, undefined);
    const started = performance.now();
    let results: TestResult[];
    try {
      results = await this.#session.test(js, {
        all,
        seed: this.#seed(),
        onResult: (result, trace) => {
          // The terminal gets one line per test; the Results tab has the explanations.
          this.#terminal.print(formatResult(result)[0]!);
          this.#results.add(result, trace);
        },
      });
    } catch (error) {
      if (error instanceof StoppedError) {
        this.#terminal.print(`${RED}Stopped. No score recorded.${RESET}`);
        this.#results.stopped();
        this.#status("Stopped.");
        return;
      }
      throw error;
    }
    const t = totals(results);
    const seconds = (performance.now() - started) / 1000;
    this.#terminal.print(formatTotals(label, t), `${DIM}${seconds.toFixed(1)} s; the explanations are in the Results tab.${RESET}`);
    recordTests(this.#lab, { ...t, suite: all ? "all" : "public", at: new Date().toISOString() });
    this.#results.finish(t, seconds, t.passed === t.total && !all ? await this.#whatGradeAdds() : undefined);
    this.#status(`${label}: ${t.passed} of ${t.total} passed, ${t.score}/${t.maxScore} points.`);
    this.#showBest();
  }

  /** A failing test's last run in the Diagram tab, at the moment its check failed. */
  async #showTrace(result: TestResult, trace: TracedRun): Promise<void> {
    const ladder = await traceLadder(this.#lab, trace);
    if (ladder === undefined) {
      this.#status(`The run of “${result.name}” has nothing to draw.`);
      return;
    }
    const moment = failingMomentMs(failureSections(result.output).steps ?? []);
    this.#pictures.showTrace(result.name, ladder, moment);
    this.#status(`Diagram: the last run of “${result.name}”${moment === undefined ? "" : `, marked at ${momentText(ladder, moment)}`}.`);
  }

  /** Said once every public test passes: what Grade will check on top. */
  async #whatGradeAdds(): Promise<string> {
    const hidden = await loadHiddenTests(this.#lab);
    if (hidden === undefined) {
      return "All public tests pass. Your instructor grades your submission with hidden tests as well: they try cases the public tests do not show.";
    }
    const points = hidden.tests.reduce((sum, test) => sum + test.points, 0);
    return `All public tests pass. Grade runs them again with ${hidden.tests.length} hidden tests (${points} more points) that try cases the public tests do not show, and keeps your best grade in this browser.`;
  }

  #lastCompileError = "";

  async #compile(): Promise<string | undefined> {
    const source = this.#editor.getCode();
    saveCode(this.#lab, source);
    this.#status("Compiling…");
    const compiled = await this.#editor.compile();
    if (compiled.ok) {
      // Kept for the chapter's "Use my code" switch, which has no compiler of its own.
      saveCompiled(this.#lab, source, compiled.javascript);
      return compiled.javascript;
    }
    this.#lastCompileError = compiled.message;
    this.#terminal.print(`${RED}${compiled.message}${RESET}`);
    this.#status("Your code does not compile: see the terminal.");
    return undefined;
  }

  #reset(): void {
    if (!window.confirm("Replace your code with the starter code? Your current code will be lost (download it first to keep a copy).")) {
      this.#terminal.print("Reset cancelled; your code is unchanged.");
      return;
    }
    this.#editor.setCode(this.#starter);
    this.#terminal.print("Your code is back to the starter.");
  }

  #trace(): void {
    const ladder = this.#lastRun?.result.ladder;
    if (ladder === undefined) {
      this.#terminal.print(this.#lastRun === undefined ? "Nothing has run yet: type run first." : "This lab's run has no packet trace; see the other tabs.");
      return;
    }
    this.#terminal.print(...traceLines(ladder));
  }

  #pcap(): void {
    const run = this.#lastRun;
    if (run?.result.pcap === undefined) {
      this.#terminal.print(run === undefined ? "Nothing has run yet: type run first." : "This lab's run has no capture.");
      return;
    }
    download(`${this.#lab}-seed${run.seed}.pcapng`, fromBase64(run.result.pcap) as Uint8Array<ArrayBuffer>);
    this.#terminal.print(`Saved ${this.#lab}-seed${run.seed}.pcapng: open it in Wireshark.`);
  }

  async #busyWhile(action: () => Promise<void>): Promise<void> {
    this.#busy = true;
    this.#session.begin();
    this.#root.dataset.busy = "true";
    this.#terminal.setBusy(true);
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>("[data-action]")) {
      button.dataset.wasDisabled = String(button.disabled);
      button.disabled = button.dataset.action !== "stop";
    }
    this.#button("stop").hidden = false;
    try {
      await action();
    } catch (error) {
      if (error instanceof StoppedError) {
        this.#terminal.print(`${RED}Stopped.${RESET}`);
        this.#status("Stopped.");
        return;
      }
      // A fault of the workbench, not of the learner's code: say so plainly.
      this.#terminal.print(`${RED}Something went wrong in the workbench: ${error instanceof Error ? error.message : String(error)}${RESET}`);
      this.#status("Something went wrong: see the terminal.");
    } finally {
      for (const button of this.#root.querySelectorAll<HTMLButtonElement>("[data-action]")) button.disabled = button.dataset.wasDisabled === "true";
      this.#button("stop").hidden = true;
      this.#busy = false;
      delete this.#root.dataset.busy;
      this.#terminal.setBusy(false);
    }
  }

  #printLogs(logs: readonly string[]): void {
    if (logs.length > 0) this.#terminal.print(`${DIM}Your code printed:${RESET}`, ...logs.map((line) => `${DIM}│${RESET} ${line}`));
  }

  #runControls(): { seed: number; profile?: string } {
    const profile = this.#root.querySelector<HTMLSelectElement>("[data-profile]")?.value;
    return { seed: this.#seed(), ...(profile === undefined || profile === "" ? {} : { profile }) };
  }

  #seed(): number {
    const value = Number(this.#root.querySelector<HTMLInputElement>("[data-seed]")?.value);
    return Number.isInteger(value) && value >= 0 ? value : 1;
  }

  #showBest(): void {
    const progress = labProgress(this.#lab);
    const best = progress.bestGrade;
    const last = progress.lastTest;
    const text = best !== undefined ? `Best grade ${best.score}/${best.maxScore}` : last !== undefined ? `Last test ${last.passed}/${last.total} passed` : "Not graded yet";
    this.#element("[data-best]").textContent = text;
  }

  #status(text: string): void {
    this.#element("[data-status]").textContent = text;
  }

  #button(action: string): HTMLButtonElement {
    return this.#element<HTMLButtonElement>(`[data-action="${action}"]`);
  }

  #element<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.#root.querySelector<T>(selector);
    if (element === null) throw new Error(`The workbench has no ${selector}`);
    return element;
  }

  get editor(): LabEditor {
    return this.#editor;
  }

  get terminal(): LabTerminal {
    return this.#terminal;
  }
}

function describe(command: Command): string {
  if (command.name !== "run") return command.name;
  return ["run", command.seed === undefined ? "" : `--seed ${command.seed}`, command.profile === undefined ? "" : `--profile ${command.profile}`]
    .filter((part) => part !== "")
    .join(" ");
}

const ACTIONS = ["run", "test", "grade", "reset", "download"];

/**
 * Starts the workbench on `root`. The toolbar answers at once: until the
 * editor and the TypeScript worker are ready, a click is kept (the button
 * says so) and done when they are; the inline script in Workbench.astro
 * keeps one made before this module had even loaded.
 */
async function start(root: HTMLElement): Promise<void> {
  const lab = root.dataset.lab!;
  const status = root.querySelector<HTMLElement>("[data-status]");
  const say = (text: string) => {
    if (status !== null) status.textContent = text;
  };
  let workbench: Workbench | undefined;
  const queue = (action: string) => {
    root.dataset.queued = action;
    for (const button of root.querySelectorAll<HTMLElement>("[data-action]")) button.toggleAttribute("data-queued", button.dataset.action === action);
    say(`${action[0]!.toUpperCase()}${action.slice(1)} will start as soon as the editor is ready (loading…).`);
  };
  for (const action of ACTIONS) {
    root.querySelector(`[data-action="${action}"]`)?.addEventListener("click", () => (workbench === undefined ? queue(action) : workbench.action(action)));
  }
  if (root.dataset.queued !== undefined) queue(root.dataset.queued);
  try {
    const saved = labProgress(lab).code;
    const placeholder = root.querySelector<HTMLElement>("[data-placeholder]");
    // Monaco is most of the page's weight: fetched at once, in parallel with the starter, while the code shows as text.
    const editorModule = import("./editor.ts");
    if (saved !== undefined && placeholder !== null) placeholder.textContent = saved;
    const starter = await loadStarter(lab);
    if (saved === undefined && placeholder !== null) placeholder.textContent = starter;
    const { createEditor } = await editorModule;
    const editor = createEditor(root.querySelector<HTMLElement>("[data-editor]")!, root.dataset.file!, saved ?? starter);
    const bench = new Workbench(root, editor, starter);
    // The TypeScript worker (the biggest download) loads behind the editor; a Test before it is there waits for it.
    say("Loading the TypeScript compiler in the background…");
    void editor.warm().then(
      () => {
        if (status?.textContent?.startsWith("Loading the TypeScript") === true) say(saved === undefined ? "Starter code loaded." : "Your saved code is loaded.");
      },
      () => undefined,
    );
    for (const button of root.querySelectorAll<HTMLElement>("[data-action]")) {
      button.removeAttribute("aria-disabled");
      button.removeAttribute("data-queued");
    }
    delete root.dataset.loading;
    workbench = bench;
    window.wirelabWorkbench = { editor: bench.editor, terminal: bench.terminal, ready: true };
    root.dataset.ready = "true";
    const queued = root.dataset.queued;
    delete root.dataset.queued;
    if (queued !== undefined) bench.action(queued);
  } catch (error) {
    say(`The workbench could not start: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

/** The dividers, the skip link and the other-tab warning: the page's, not the editor's. */
function arrangePage(root: HTMLElement): void {
  const layout = document.querySelector<HTMLElement>("[data-lab-layout]");
  const columns = document.querySelector<HTMLElement>('[data-splitter="layout"]');
  if (layout !== null && columns !== null) {
    makeSplitter(columns, { layout, variable: "--lab-left", axis: "x", min: 20, max: 65, storageKey: "wirelab:layout:instructions" });
  }
  const stack = root.querySelector<HTMLElement>("[data-stack]");
  const rows = root.querySelector<HTMLElement>('[data-splitter="stack"]');
  if (stack !== null && rows !== null) {
    makeSplitter(rows, { layout: stack, variable: "--wb-editor", axis: "y", min: 15, max: 85, storageKey: "wirelab:layout:editor" });
  }
  document.querySelector("[data-skip-run]")?.addEventListener("click", (event) => {
    event.preventDefault();
    root.querySelector<HTMLElement>("#wb-run")?.focus();
  });
  const others = root.querySelector<HTMLElement>("[data-others]");
  watchOtherTabs(root.dataset.lab!, (count) => {
    if (others === null) return;
    others.hidden = count === 0;
    others.textContent =
      count === 0
        ? ""
        : `This lab is also open in ${count === 1 ? "another tab" : `${count} other tabs`}. Each tab saves its code in this browser as you type, so the last one to save overwrites the others: keep one open.`;
  });
}

const root = document.querySelector<HTMLElement>("[data-workbench]");
if (root !== null) {
  arrangePage(root);
  // On a phone the workbench is hidden (the page says labs need a bigger screen): load the editor only when it shows.
  const narrow = matchMedia("(max-width: 56rem)");
  if (!narrow.matches) void start(root);
  else narrow.addEventListener("change", function wide() {
    if (narrow.matches) return;
    narrow.removeEventListener("change", wide);
    void start(root);
  });
}
