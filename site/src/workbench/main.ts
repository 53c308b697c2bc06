/**
 * The lab workbench: editor, terminal, buttons and pictures wired
 * together. One instance per lab page; everything the learner does is
 * a command (the buttons type nothing, they call the same functions).
 */
import type { SandboxLimits } from "#grader/sandbox/types.ts";
import type { TestResult } from "#grader/results.ts";
import { fromBase64 } from "#labs/kit/base64.ts";
import { labProgress, recordTests, saveCode } from "../progress/store.ts";
import { HELP_LINES, parseCommand, type Command } from "./commands.ts";
import { download } from "../components/download.ts";
import type { LabEditor } from "./editor.ts";
import { EDITION, hasHiddenTests, loadStarter } from "./lab-assets.ts";
import { Pictures, type AnyDemoResult } from "./pictures.ts";
import { formatResult, formatTotals, totals } from "./report.ts";
import { LabSession, StoppedError } from "./session.ts";
import { createTerminal, type LabTerminal } from "./terminal.ts";
import { traceLines } from "./trace-text.ts";

const RED = "\x1b[31m";
const DIM = "\x1b[2m";
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
    editor.onChange((code) => {
      saveCode(this.#lab, code);
      this.#status("Saved in this browser.");
    });
    this.#button("run").addEventListener("click", () => void this.#execute({ name: "run", ...this.#runControls() }));
    this.#button("test").addEventListener("click", () => void this.#execute({ name: "test" }));
    this.#button("grade").addEventListener("click", () => void this.#execute({ name: "grade" }));
    this.#button("reset").addEventListener("click", () => void this.#execute({ name: "reset" }));
    this.#button("download").addEventListener("click", () => download(this.#fileName, this.#editor.getCode(), "text/plain"));
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
    if (this.#busy) return;
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

  async #run(seed: number, profile: string | undefined): Promise<void> {
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
    this.#pictures.show(result, this.#dropped);
    const pictures = [result.ladder && "Diagram", result.series && "Plot", result.blocks && "HPACK", result.pcap && "Packets"].filter(Boolean);
    if (pictures.length > 0) this.#terminal.print(`${DIM}See the ${pictures.join(", ")} tab${pictures.length > 1 ? "s" : ""}. Click a packet in the diagram to drop it and replay.${RESET}`);
    this.#status(`Ran with seed ${seed}${drop.length > 0 ? `, ${drop.length} packet(s) dropped by you` : ""}.`);
  }

  async #toggleDrop(key: string): Promise<void> {
    if (this.#busy || this.#lastRunOptions === undefined) return;
    if (this.#dropped.has(key)) this.#dropped.delete(key);
    else this.#dropped.add(key);
    this.#terminal.print(`${DIM}Replaying with ${this.#dropped.size} packet(s) dropped: ${[...this.#dropped].join(", ") || "none"}${RESET}`);
    const { seed, profile } = this.#lastRunOptions;
    await this.#busyWhile(() => this.#run(seed, profile));
  }

  async #test(all: boolean): Promise<void> {
    if (all && !hasHiddenTests(this.#lab)) {
      this.#terminal.print("This is the class edition: the hidden tests are with your instructor, who grades with the Wirelab CLI. Test runs the public tests.");
      return;
    }
    const js = await this.#compile();
    if (js === undefined) return;
    const label = all ? "Grade (public and hidden tests)" : "Public tests";
    this.#status(`${label}: running…`);
    const started = performance.now();
    let results: TestResult[];
    try {
      results = await this.#session.test(js, { all, seed: this.#seed(), onResult: (result) => this.#terminal.print(...formatResult(result)) });
    } catch (error) {
      if (error instanceof StoppedError) {
        this.#terminal.print(`${RED}Stopped. No score recorded.${RESET}`);
        this.#status("Stopped.");
        return;
      }
      throw error;
    }
    const t = totals(results);
    this.#terminal.print(formatTotals(label, t), `${DIM}${((performance.now() - started) / 1000).toFixed(1)} s${RESET}`);
    recordTests(this.#lab, { ...t, suite: all ? "all" : "public", at: new Date().toISOString() });
    this.#status(`${label}: ${t.passed} of ${t.total} passed, ${t.score}/${t.maxScore} points.`);
    this.#showBest();
  }

  async #compile(): Promise<string | undefined> {
    saveCode(this.#lab, this.#editor.getCode());
    const compiled = await this.#editor.compile();
    if (compiled.ok) return compiled.javascript;
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

async function start(root: HTMLElement): Promise<void> {
  const lab = root.dataset.lab!;
  const status = root.querySelector<HTMLElement>("[data-status]");
  try {
    const starter = await loadStarter(lab);
    const code = labProgress(lab).code ?? starter;
    // Monaco is most of the page's weight: imported here, after the page has rendered.
    const { createEditor } = await import("./editor.ts");
    const editor = createEditor(root.querySelector<HTMLElement>("[data-editor]")!, root.dataset.file!, code);
    const workbench = new Workbench(root, editor, starter);
    if (status !== null) status.textContent = labProgress(lab).code === undefined ? "Starter code loaded." : "Your saved code is loaded.";
    window.wirelabWorkbench = { editor: workbench.editor, terminal: workbench.terminal, ready: true };
    root.dataset.ready = "true";
  } catch (error) {
    if (status !== null) status.textContent = `The workbench could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}

const root = document.querySelector<HTMLElement>("[data-workbench]");
if (root !== null) void start(root);
