/**
 * Finds the capstone's simulation roots by `data-simulation`, reads their
 * labelled controls, re-runs the model whenever one changes and puts the
 * result in `[data-sim-output]` (SimShell's frame).
 */
export type Values = Record<string, string>;

export interface View {
  /** HTML for the summary line, built from numbers and fixed words only. */
  readonly summary: string;
  readonly drawing: Element;
}

/** Drawings are made at the output's width (CSS px), within these bounds, so text is drawn at its real size. */
const MIN_WIDTH = 300;
const MAX_WIDTH = 900;

/** `render` gets the controls' values and the width to draw at; it runs now and after every change. */
export function setUp(name: string, render: (values: Values, width: number) => View): void {
  for (const root of document.querySelectorAll<HTMLElement>(`[data-simulation="${name}"]`)) {
    if (root.dataset.ready === "true") continue;
    root.dataset.ready = "true";
    const form = root.querySelector("form")!;
    const output = root.querySelector<HTMLElement>("[data-sim-output]")!;
    const summary = root.querySelector<HTMLElement>("[data-sim-summary]")!;
    let pending = false;
    let drawnWidth = 0;
    const widthNow = () => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(output.clientWidth || 720)));
    const update = () => {
      pending = false;
      const values: Values = {};
      for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) values[control.name] = control.value;
      try {
        drawnWidth = widthNow();
        const view = render(values, drawnWidth);
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
    form.addEventListener("change", schedule);
    window.addEventListener("resize", () => {
      if (Math.abs(widthNow() - drawnWidth) > 24) schedule();
    });
    for (const button of form.querySelectorAll<HTMLButtonElement>("button[data-reseed]")) {
      button.addEventListener("click", () => {
        const seed = form.querySelector<HTMLInputElement>('input[name="seed"]');
        if (seed !== null) seed.value = String(((Number(seed.value) || 0) % 9999) + 1);
        schedule();
      });
    }
    update();
  }
}

export function num(values: Values, key: string, fallback: number): number {
  const value = Number(values[key]);
  return values[key] !== undefined && values[key] !== "" && Number.isFinite(value) ? value : fallback;
}

/** Milliseconds for people: "87 ms", "1.24 s". */
export function formatMs(value: number): string {
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${Math.round(value)} ms`;
}
