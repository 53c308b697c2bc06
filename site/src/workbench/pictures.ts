/**
 * The panel under the editor: test results, the terminal and, after a run,
 * the pictures of what happened (ladder diagram, cwnd plot, HPACK table,
 * packets). A picture's tab appears only when the last run produced its data.
 * Each picture is destroyed before the next replaces it: a view's
 * ResizeObserver watches its panel, which outlives it, and would otherwise
 * keep every earlier drawing alive (hundreds of detached nodes per Run).
 */
import type { DemoResult, LadderView } from "#labs/kit/demo.ts";
import { html, type ViewHandle } from "./views/dom.ts";
import type { HpackDemoResult } from "./views/hpack-types.ts";
import { renderHpack } from "./views/hpack-view.ts";
import { momentText, renderLadder } from "./views/ladder.ts";
import { ladderEndMs } from "./views/ladder-layout.ts";
import { renderPackets } from "./views/packets.ts";
import { renderWindowPlot } from "./views/window-plot.ts";
import "./views/views.css";

export type Tab = "results" | "terminal" | "ladder" | "plot" | "hpack" | "packets";

/** What a lab's demo returns: the common shape, and hpack's blocks. */
export type AnyDemoResult = DemoResult & Partial<Pick<HpackDemoResult, "blocks">>;

export class Pictures {
  readonly #root: HTMLElement;
  readonly #onDropToggle: (key: string) => void;
  readonly #views = new Map<Tab, ViewHandle>();

  constructor(root: HTMLElement, onDropToggle: (key: string) => void) {
    this.#root = root;
    this.#onDropToggle = onDropToggle;
    for (const tab of this.#tabs()) tab.addEventListener("click", () => this.select(tab.dataset.tab as Tab));
    root.querySelector('[role="tablist"]')?.addEventListener("keydown", (event) => this.#arrowKeys(event as KeyboardEvent));
  }

  /** Draws a run's pictures; `dropped` are the packets the learner chose to drop, `focusKey` the one to focus. */
  show(result: AnyDemoResult, dropped: ReadonlySet<string>, focusKey?: string): void {
    this.#fill("ladder", result.ladder, (panel, ladder) =>
      renderLadder(panel, ladder, { onDropToggle: this.#onDropToggle, dropped, focusKey }),
    );
    this.#fill("plot", result.series !== undefined && result.series.length > 0 ? result.series : undefined, (panel, series) =>
      renderWindowPlot(panel, series, {
        endMs: result.endMs ?? (result.ladder === undefined ? undefined : ladderEndMs(result.ladder)),
        recoveries: result.recoveries,
        timeoutsMs: result.timeoutsMs,
        path: result.path,
      }),
    );
    this.#fill("hpack", result.blocks, (panel, blocks) =>
      renderHpack(panel, { summary: Array.isArray(result.summary) ? result.summary.join("\n") : String(result.summary), blocks }),
    );
    this.#fill("packets", result.pcap, (panel, pcap) => renderPackets(panel, pcap));
  }

  /**
   * Shows a test's run in the Diagram tab, marked at `momentMs` (where its
   * check failed) and scrolled there. Its packets are not clickable: a drop
   * replays the demo, not this test.
   */
  showTrace(testName: string, ladder: LadderView, momentMs: number | undefined): void {
    const tab = this.#tab("ladder");
    tab.hidden = false;
    this.select("ladder");
    this.#destroy("ladder");
    const panel = this.#panel("ladder");
    const drawing = html("div", { class: "wl-trace-drawing" });
    panel.replaceChildren(
      html(
        "p",
        { class: "wl-trace-caption", "data-trace-caption": "" },
        `The last run of the test “${testName}”`,
        momentMs === undefined ? "." : `, marked where its check failed (${momentText(ladder, momentMs)}).`,
        " Press Run to see your demo's ladder again.",
      ),
      drawing,
    );
    this.#views.set("ladder", renderLadder(drawing, asTestRun(ladder), { momentMs, momentLabel: "the check failed here" }));
  }

  /** Removes the last run's pictures (a run that failed has none to show). */
  clear(): void {
    this.show({ summary: [] }, new Set());
  }

  /** The tab shown now. */
  selected(): Tab {
    return (this.#tabs().find((tab) => tab.getAttribute("aria-selected") === "true")?.dataset.tab ?? "terminal") as Tab;
  }

  select(name: Tab): void {
    for (const tab of this.#tabs()) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      this.#panel(tab.dataset.tab as Tab).hidden = !selected;
    }
    // xterm and the SVGs measure themselves when shown.
    window.dispatchEvent(new Event("resize"));
  }

  #destroy(name: Tab): void {
    this.#views.get(name)?.destroy();
    this.#views.delete(name);
  }

  #fill<T>(name: Tab, data: T | undefined, render: (panel: HTMLElement, data: T) => ViewHandle): void {
    const tab = this.#tab(name);
    const panel = this.#panel(name);
    this.#destroy(name);
    tab.hidden = data === undefined;
    if (data === undefined) {
      panel.replaceChildren();
      if (tab.getAttribute("aria-selected") === "true") this.select("terminal");
      return;
    }
    try {
      this.#views.set(name, render(panel, data));
    } catch (error) {
      // A picture that cannot be drawn says so; the run's text is still in the terminal.
      panel.textContent = `This picture could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #tabs(): HTMLElement[] {
    return [...this.#root.querySelectorAll<HTMLElement>("[data-tab]")];
  }

  #tab(name: Tab): HTMLElement {
    return this.#root.querySelector<HTMLElement>(`[data-tab="${name}"]`)!;
  }

  #panel(name: Tab): HTMLElement {
    return this.#root.querySelector<HTMLElement>(`[data-panel="${name}"]`)!;
  }

  #arrowKeys(event: KeyboardEvent): void {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const visible = this.#tabs().filter((tab) => !tab.hidden);
    const current = visible.findIndex((tab) => tab.getAttribute("aria-selected") === "true");
    const next = visible[(current + (event.key === "ArrowRight" ? 1 : visible.length - 1)) % visible.length];
    if (next === undefined) return;
    this.select(next.dataset.tab as Tab);
    next.focus();
  }
}

/** A test's ladder: nothing to drop, and what the lab calls "dropped by you" was the test's doing. */
function asTestRun(ladder: LadderView): LadderView {
  return {
    ...ladder,
    packets: ladder.packets.map(({ dropKey: _key, ...packet }) => (packet.lost === "dropped by you" ? { ...packet, lost: "dropped by the test" } : packet)),
  };
}
