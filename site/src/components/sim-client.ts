/**
 * Wiring shared by every chapter's simulations (inside SimShell.astro): find
 * each root by `data-simulation`, read its labelled controls (inputs,
 * selects and textareas), re-run the model whenever one changes, and show
 * the result in `[data-sim-output]` and `[data-sim-summary]`.
 */
import { createTimeline } from "./sim-timeline.ts";

export interface SimView {
  /** HTML for the summary line (built from numbers and escaped text only). */
  readonly summary: string;
  readonly drawing: Element;
}

export type Values = Record<string, string>;

/** The event a drawing that redraws itself dispatches (bubbling) from inside `[data-sim-output]`. */
export const REDRAWN_EVENT = "wirelab:sim-redrawn";

/** Below this width (CSS px) the drawings switch to their narrow layout. */
const COMPACT_BELOW = 560;

export function num(values: Values, key: string, fallback: number): number {
  const value = Number(values[key]);
  return Number.isFinite(value) ? value : fallback;
}

export function mbps(bps: number): string {
  return bps >= 1e6 ? `${(bps / 1e6).toFixed(2)} Mb/s` : `${(bps / 1e3).toFixed(0)} kb/s`;
}

/**
 * A box that scrolls a table or drawing wider than the page, focusable
 * (tabindex 0) and named (role "region", aria-label `label`) so a keyboard
 * can scroll it too (axe's scrollable-region-focusable rule).
 */
export function scrollRegion(className: string, label: string): HTMLDivElement;
export function scrollRegion<K extends keyof HTMLElementTagNameMap>(className: string, label: string, tag: K): HTMLElementTagNameMap[K];
export function scrollRegion(className: string, label: string, tag: keyof HTMLElementTagNameMap = "div"): HTMLElement {
  const region = document.createElement(tag);
  region.className = className;
  region.tabIndex = 0;
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", label);
  return region;
}

export interface SimOptions {
  /** Runs first when a control changes (e.g. a preset that fills a textarea). */
  readonly onControl?: (control: Element, form: HTMLFormElement) => void;
  /** The drawing is made at the output's width (the third argument of `render`): redraw when it changes. */
  readonly drawsAtWidth?: boolean;
  /** What one event of the drawing is called in the timeline control ("message", "packet"); see sim-timeline.ts. */
  readonly eventNoun?: string;
}

/** How much the output's width may change before a drawing made at its width is redrawn (CSS px). */
const REDRAW_WIDTH_CHANGE = 24;

/**
 * Calls `render` now and after every control change, for every root named
 * `name`. `compact` asks for a narrow drawing; `width` is the output's
 * width in CSS px.
 */
export function setUpSimulations(
  name: string,
  render: (values: Values, compact: boolean, width: number) => SimView,
  options: SimOptions = {},
): void {
  for (const root of document.querySelectorAll<HTMLElement>(`[data-simulation="${name}"]`)) {
    if (root.dataset.ready === "true") continue;
    root.dataset.ready = "true";
    const form = root.querySelector("form")!;
    const output = root.querySelector<HTMLElement>("[data-sim-output]")!;
    const summary = root.querySelector<HTMLElement>("[data-sim-summary]")!;
    let pending = false;
    let compact = false;
    let drawnWidth = 0;
    // Counts finished redraws, so a test can wait for the one a control change scheduled.
    let renders = 0;
    // Shown when a drawing marks its events (data-sim-t); a control change shows them all again, a resize keeps the step.
    const timeline = createTimeline(root, output, options.eventNoun === undefined ? {} : { noun: options.eventNoun });
    let controlChanged = true;
    // A drawing that redraws itself (zoom, time shown) says so with this event; the step is kept when the events are the same.
    output.addEventListener(REDRAWN_EVENT, () => timeline.refresh(output, false));
    const widthNow = () => output.clientWidth || 720;
    const update = () => {
      pending = false;
      const reset = controlChanged;
      controlChanged = false;
      const values: Values = {};
      for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) {
        values[control.name] = control.value;
        const shown = form.querySelector<HTMLOutputElement>(`output[for="${control.id}"]`);
        if (shown !== null) shown.value = control.dataset.unit === undefined ? control.value : `${control.value} ${control.dataset.unit}`;
      }
      try {
        compact = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
        drawnWidth = widthNow();
        const view = render(values, compact, drawnWidth);
        summary.innerHTML = view.summary;
        output.replaceChildren(view.drawing);
        timeline.refresh(output, reset);
      } catch (error) {
        summary.textContent = `The simulation failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      root.dataset.renders = String(++renders);
    };
    const schedule = (byControl = true) => {
      if (byControl) controlChanged = true;
      if (pending) return;
      pending = true;
      requestAnimationFrame(update);
    };
    form.addEventListener("input", () => schedule());
    form.addEventListener("change", (event) => {
      if (options.onControl !== undefined && event.target instanceof Element) options.onControl(event.target, form);
      schedule();
    });
    // Redraw when the page is resized across the narrow-layout threshold, or enough for a drawing made at its width.
    window.addEventListener("resize", () => {
      const narrow = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
      if (narrow !== compact || (options.drawsAtWidth === true && Math.abs(widthNow() - drawnWidth) > REDRAW_WIDTH_CHANGE)) schedule(false);
    });
    for (const button of form.querySelectorAll<HTMLButtonElement>("button[data-reseed]")) {
      button.addEventListener("click", () => {
        const seed = form.querySelector<HTMLInputElement>('input[name="seed"]');
        if (seed !== null) {
          // The next seed, back to the smallest past the input's max.
          const next = (Number(seed.value) || 0) + 1;
          seed.value = String(seed.max !== "" && next > Number(seed.max) ? Number(seed.min) || 1 : next);
        }
        schedule();
      });
    }
    update();
  }
}
