/**
 * The Results tab: the totals first, then one row per test in the order
 * they ran. The first failure is open with what went wrong, the rule, the
 * steps, the hint and what the code printed; the others are closed
 * (native <details>, so keyboard and screen readers need nothing more).
 * When every test stopped at the same error, it is said once. A failure
 * whose test left a traced run gets "Show the ladder" (labs/kit/trace.ts).
 */
import type { TestResult } from "#grader/results.ts";
import type { TracedRun } from "#labs/kit/trace.ts";
import { html } from "./views/dom.ts";
import { failureSections, sharedFailure } from "./result-sections.ts";
import type { Totals } from "./report.ts";
import "./results.css";

export class ResultsPanel {
  readonly #root: HTMLElement;
  readonly #totals: HTMLElement;
  readonly #shared: HTMLElement;
  readonly #list: HTMLOListElement;
  readonly #next: HTMLElement;
  #label = "";
  #results: TestResult[] = [];
  readonly #onShowTrace: ((result: TestResult, trace: TracedRun) => void) | undefined;

  constructor(root: HTMLElement, onShowTrace?: (result: TestResult, trace: TracedRun) => void) {
    this.#root = root;
    this.#onShowTrace = onShowTrace;
    this.#totals = html("p", { class: "wb-totals", "data-totals": "", role: "status" }, "No tests run yet: press Test (Ctrl+Enter in the editor).");
    this.#shared = html("div", { class: "wb-shared", hidden: true });
    this.#list = html("ol", { class: "wb-result-list", "aria-label": "Test results" });
    this.#next = html("p", { class: "wb-next", hidden: true });
    root.replaceChildren(html("div", { class: "wb-results" }, this.#totals, this.#shared, this.#next, this.#list));
  }

  /** A new run of `label` ("Public tests") begins. */
  start(label: string, count: number | undefined): void {
    this.#label = label;
    this.#results = [];
    this.#list.replaceChildren();
    this.#shared.hidden = true;
    this.#next.hidden = true;
    this.#totals.className = "wb-totals is-running";
    this.#totals.textContent = `${label}: running${count === undefined ? "" : ` ${count} tests`}…`;
  }

  /** One test finished; `trace` is its last traced run, when it failed and had one. */
  add(result: TestResult, trace?: TracedRun): void {
    this.#results.push(result);
    const open = result.status === "failed" && this.#results.filter((r) => r.status === "failed").length === 1;
    const show = trace === undefined || this.#onShowTrace === undefined ? undefined : () => this.#onShowTrace!(result, trace);
    this.#list.append(row(result, open, show));
    this.#totals.textContent = `${this.#label}: ${this.#results.length} done…`;
  }

  /** The run ended: totals, the shared error if any, and what comes next. */
  finish(t: Totals, seconds: number, next: string | undefined): void {
    const allPassed = t.passed === t.total;
    this.#totals.className = `wb-totals ${allPassed ? "is-pass" : "is-fail"}`;
    this.#totals.textContent = `${this.#label}: ${t.passed} of ${t.total} tests passed, ${t.score}/${t.maxScore} points (${seconds.toFixed(1)} s)`;
    const shared = sharedFailure(this.#results);
    if (shared !== undefined) {
      this.#shared.replaceChildren(
        html("p", {}, html("strong", {}, `Every test stopped at the same error`), " before checking anything. Fix this first:"),
        html("pre", { class: "wb-pre" }, shared),
      );
      this.#shared.hidden = false;
      // The rows keep their names and points, without repeating the error.
      for (const details of this.#list.querySelectorAll("details")) details.open = false;
    }
    this.#next.textContent = next ?? "";
    this.#next.hidden = next === undefined;
  }

  /** The code did not compile: no test ran. */
  failedBefore(label: string, message: string): void {
    this.start(label, undefined);
    this.#totals.className = "wb-totals is-fail";
    this.#totals.textContent = `${label}: not run, your code does not compile.`;
    this.#shared.replaceChildren(html("pre", { class: "wb-pre" }, message));
    this.#shared.hidden = false;
  }

  /** A run was stopped. */
  stopped(): void {
    this.#totals.className = "wb-totals is-fail";
    this.#totals.textContent = `${this.#label}: stopped after ${this.#results.length} tests. No score recorded.`;
  }

  get element(): HTMLElement {
    return this.#root;
  }
}

function row(result: TestResult, open: boolean, showTrace: (() => void) | undefined): HTMLLIElement {
  const passed = result.status === "passed";
  const hidden = result.visibility === "visible" ? null : html("span", { class: "wb-tag" }, "hidden");
  const name = html("span", { class: "wb-name" }, result.name);
  const points = html("span", { class: "wb-points" }, `${result.score}/${result.max_score}`);
  const mark = html("span", { class: "wb-mark", "aria-label": passed ? "passed" : "failed" }, passed ? "✓" : "✗");
  if (passed) return html("li", { class: "wb-row is-pass" }, html("div", { class: "wb-row-head" }, mark, hidden, name, points));
  const sections = failureSections(result.output);
  const body = html("div", { class: "wb-failure" }, html("pre", { class: "wb-pre wb-message" }, sections.message));
  if (showTrace !== undefined) {
    const button = html("button", { type: "button", class: "wl-button wb-show-trace", "data-show-trace": "" }, "Show the ladder");
    button.addEventListener("click", showTrace);
    body.append(html("p", { class: "wb-trace" }, button, " of this test's last run, at the moment the check failed."));
  }
  if (sections.rule !== undefined) body.append(html("p", { class: "wb-rule" }, html("strong", {}, "Rule: "), sections.rule));
  if (sections.steps !== undefined) {
    body.append(html("p", { class: "wb-heading" }, "Steps"), html("pre", { class: "wb-pre wb-steps" }, sections.steps.join("\n")));
  }
  if (sections.hint !== undefined) body.append(html("p", { class: "wb-hint" }, html("strong", {}, "Hint: "), sections.hint));
  if (sections.printed !== undefined) {
    body.append(html("p", { class: "wb-heading" }, "Your code printed"), html("pre", { class: "wb-pre" }, sections.printed.join("\n")));
  }
  const details = html("details", { class: "wb-details" }, html("summary", { class: "wb-row-head" }, mark, hidden, name, points), body);
  details.open = open;
  return html("li", { class: "wb-row is-fail" }, details);
}
