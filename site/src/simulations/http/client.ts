/**
 * Browser wiring for this part's simulations: find each root by
 * `data-simulation`, read its labelled controls (inputs, selects and
 * textareas), re-run the model on every change and show the result.
 */
export type Values = Record<string, string>;

export interface SimView {
  /** HTML for the summary line (built from numbers and escaped text only). */
  readonly summary: string;
  readonly drawing: Element;
}

const COMPACT_BELOW = 560;
const NS = "http://www.w3.org/2000/svg";

type Attrs = Record<string, string | number>;

/** An SVG element with attributes and children (strings become text). */
export function s(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): SVGElement {
  const element = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  for (const child of children) if (child !== null) element.append(typeof child === "string" ? document.createTextNode(child) : child);
  return element;
}

/** An HTML element with attributes and children. */
export function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  for (const child of children) if (child !== null) element.append(typeof child === "string" ? document.createTextNode(child) : child);
  return element;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function num(values: Values, key: string, fallback: number): number {
  const value = Number(values[key]);
  return Number.isFinite(value) ? value : fallback;
}

export function formatMs(value: number): string {
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value.toFixed(0)} ms`;
}

/**
 * Calls `render` now and after every control change. `onControl` runs first
 * when a control changes (e.g. a preset that fills a textarea).
 */
export function setUpSimulations(name: string, render: (values: Values, compact: boolean) => SimView, onControl?: (control: Element, form: HTMLFormElement) => void): void {
  for (const root of document.querySelectorAll<HTMLElement>(`[data-simulation="${name}"]`)) {
    if (root.dataset.ready === "true") continue;
    root.dataset.ready = "true";
    const form = root.querySelector("form")!;
    const output = root.querySelector<HTMLElement>("[data-sim-output]")!;
    const summary = root.querySelector<HTMLElement>("[data-sim-summary]")!;
    let pending = false;
    let compact = false;
    const update = () => {
      pending = false;
      const values: Values = {};
      for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) {
        values[control.name] = control.value;
        const shown = form.querySelector<HTMLOutputElement>(`output[for="${control.id}"]`);
        if (shown !== null) shown.value = control.dataset.unit === undefined ? control.value : `${control.value} ${control.dataset.unit}`;
      }
      try {
        compact = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
        const view = render(values, compact);
        summary.innerHTML = view.summary;
        output.replaceChildren(view.drawing);
      } catch (error) {
        summary.textContent = `The simulation failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    const schedule = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(update);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", (event) => {
      if (onControl !== undefined && event.target instanceof Element) onControl(event.target, form);
      schedule();
    });
    window.addEventListener("resize", () => {
      const narrow = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
      if (narrow !== compact) schedule();
    });
    for (const button of form.querySelectorAll<HTMLButtonElement>("button[data-reseed]")) {
      button.addEventListener("click", () => {
        const seed = form.querySelector<HTMLInputElement>('input[name="seed"]');
        if (seed !== null) seed.value = String((Number(seed.value) || 0) + 1);
        schedule();
      });
    }
    update();
  }
}
