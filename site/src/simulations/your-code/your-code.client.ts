/**
 * The "Use my code" switch of a chapter simulation (YourCodeSwitch.astro):
 * turned on, it adds a pane beside the built-in picture and fills it with the
 * learner's own lab code run over the same controls, again whenever one
 * changes. Everything heavy (the sandbox, the lab's drivers) loads on the
 * first turn-on (run.ts), so a chapter page stays light.
 */
import type { Values } from "#site/components/sim-client.ts";
import type { LabRef } from "./run.ts";

/** Below this pane width (CSS px) the learner's drawing uses its narrow layout. */
const COMPACT_BELOW = 560;
/** Waits this long after a control changes before running again (a dragged slider fires many). */
const SETTLE_MS = 250;

export function setUpYourCode(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-your-code]")) {
    if (button.dataset.ready === "true") continue;
    button.dataset.ready = "true";
    const root = button.closest<HTMLElement>("[data-simulation]");
    const form = root?.querySelector("form");
    if (root === null || form === null || form === undefined) continue;
    const sim = root.dataset.simulation!;
    const lab = JSON.parse(button.dataset.yourCode!) as LabRef;
    let parts: ReturnType<typeof addPane> | undefined;
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const refresh = async () => {
      if (parts === undefined || button.getAttribute("aria-checked") !== "true") return;
      const mine = ++generation;
      const { pane, status, output } = parts;
      pane.dataset.state = "running";
      status.textContent = "Running your code…";
      let view;
      try {
        const { runYourCode } = await import("./run.ts");
        const values: Values = {};
        for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) values[control.name] = control.value;
        view = await runYourCode(sim, lab, values, output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW);
      } catch (error) {
        view = { kind: "message" as const, summary: "", error: error instanceof Error ? error.message : String(error) };
      }
      if (mine !== generation) return;
      if ("error" in view) status.textContent = `Your code could not be run here: ${view.error}`;
      else status.innerHTML = view.summary;
      output.replaceChildren(...("drawing" in view && view.drawing !== undefined ? [view.drawing] : []));
      pane.dataset.state = view.kind === "picture" ? "picture" : "message";
    };

    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-checked") !== "true";
      button.setAttribute("aria-checked", String(on));
      root.classList.toggle("yc-on", on);
      parts ??= addPane(root);
      parts.pane.hidden = !on;
      parts.builtInLabel.hidden = !on;
      // The built-in drawing's width changed (side by side, or back): sim-client.ts redraws on resize.
      window.dispatchEvent(new Event("resize"));
      if (on) void refresh();
      else generation++;
    });
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), SETTLE_MS);
    };
    form.addEventListener("change", schedule);
    form.addEventListener("input", schedule);
    form.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest("button[data-reseed]") !== null) schedule();
    });
  }
}

let panes = 0;

/** The learner's pane after the built-in drawing, and a label over the built-in one. */
function addPane(root: HTMLElement) {
  const builtIn = root.querySelector<HTMLElement>("[data-sim-output]")!;
  const builtInLabel = document.createElement("p");
  builtInLabel.className = "yc-label";
  builtInLabel.textContent = "Built-in model";
  builtIn.before(builtInLabel);
  const pane = document.createElement("section");
  pane.className = "yc-pane";
  pane.dataset.yourCodePane = "";
  const heading = document.createElement("p");
  heading.className = "yc-label";
  heading.id = `yc-heading-${++panes}`;
  heading.textContent = "Your code";
  pane.setAttribute("aria-labelledby", heading.id);
  const status = document.createElement("p");
  status.className = "yc-status";
  status.setAttribute("aria-live", "polite");
  const output = document.createElement("div");
  output.className = "yc-output";
  // The status under the drawing, so the two drawings start side by side at the same height.
  pane.append(heading, output, status);
  builtIn.after(pane);
  return { pane, builtInLabel, status, output };
}
