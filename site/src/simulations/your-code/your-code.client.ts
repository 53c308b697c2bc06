/**
 * The "Use my code" switch of a chapter simulation (YourCodeSwitch.astro):
 * turned on, it adds a pane beside the built-in picture and fills it with the
 * learner's own lab code run over the same controls, again whenever one
 * changes. The page itself holds only a click handler (YourCodeSwitch.astro):
 * this module loads on the first click and everything heavy (the sandbox,
 * the lab's drivers: run.ts) with the first run, so a chapter stays light.
 */
import type { Values } from "#site/components/sim-client.ts";
import type { LabRef } from "./run.ts";

/** Below this pane width (CSS px) the learner's drawing uses its narrow layout. */
const COMPACT_BELOW = 560;
/** Waits this long after a control changes before running again (a dragged slider fires many). */
const SETTLE_MS = 250;

interface Switch {
  readonly root: HTMLElement;
  readonly parts: ReturnType<typeof addPane>;
  generation: number;
}

const switches = new WeakMap<HTMLButtonElement, Switch>();

/** Turns a switch on or off (YourCodeSwitch.astro calls this on every click, loading this module on the first). */
export function toggle(button: HTMLButtonElement): void {
  const state = switches.get(button) ?? setUp(button);
  if (state === undefined) return;
  const on = button.getAttribute("aria-checked") !== "true";
  button.setAttribute("aria-checked", String(on));
  state.root.classList.toggle("yc-on", on && button.dataset.layout !== "stacked");
  state.parts.pane.hidden = !on;
  state.parts.builtInLabel.hidden = !on;
  // The built-in drawing's width changed (side by side, or back): sim-client.ts redraws on resize.
  window.dispatchEvent(new Event("resize"));
  if (on) void refresh(button, state);
  else state.generation++;
}

function setUp(button: HTMLButtonElement): Switch | undefined {
  const root = button.closest<HTMLElement>("[data-simulation]");
  const form = root?.querySelector("form");
  if (root === null || root === undefined || form === null || form === undefined) return undefined;
  const state: Switch = { root, parts: addPane(root), generation: 0 };
  switches.set(button, state);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(button, state), SETTLE_MS);
  };
  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
  form.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("button[data-reseed]") !== null) schedule();
  });
  return state;
}

/** Runs the learner's code for the controls as they are now; a newer run makes this one's result stale. */
async function refresh(button: HTMLButtonElement, state: Switch): Promise<void> {
  if (button.getAttribute("aria-checked") !== "true") return;
  const mine = ++state.generation;
  const { pane, status, output } = state.parts;
  const form = state.root.querySelector("form")!;
  pane.dataset.state = "running";
  status.textContent = "Running your code…";
  let view: { kind: "picture" | "message"; summary?: string; drawing?: Element; error?: string };
  try {
    const { runYourCode } = await import("./run.ts");
    const values: Values = {};
    for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) values[control.name] = control.value;
    if (button.dataset.yourLabs !== undefined) {
      // Several labs, one run each (the capstone's page load); a newer refresh stops the older one between runs.
      const { runYourLabs } = await import("./capstone-run.ts");
      view = await runYourLabs(JSON.parse(button.dataset.yourCode!) as LabRef[], values, output.clientWidth, () => mine === state.generation);
    } else {
      view = await runYourCode(state.root.dataset.simulation!, JSON.parse(button.dataset.yourCode!) as LabRef, values, output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW);
    }
  } catch (error) {
    view = { kind: "message", error: error instanceof Error ? error.message : String(error) };
  }
  if (mine !== state.generation) return;
  if (view.error !== undefined) status.textContent = `Your code could not be run here: ${view.error}`;
  else status.innerHTML = view.summary ?? "";
  output.replaceChildren(...(view.drawing === undefined ? [] : [view.drawing]));
  pane.dataset.state = view.kind;
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
