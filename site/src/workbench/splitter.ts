/**
 * A draggable divider between two panes (the WAI-ARIA "window splitter"):
 * a focusable role="separator" that sets a CSS variable on the layout, as
 * a percentage of it, by pointer drag or by arrow keys (Home/End for the
 * limits). The size is remembered in this browser.
 */

export interface SplitterOptions {
  /** The element whose size the percentage is of, and that carries the variable. */
  readonly layout: HTMLElement;
  /** The CSS custom property, e.g. "--lab-left". */
  readonly variable: string;
  readonly axis: "x" | "y";
  readonly min: number;
  readonly max: number;
  /** localStorage key. */
  readonly storageKey: string;
}

const STEP = 2;

export function makeSplitter(separator: HTMLElement, options: SplitterOptions): void {
  const { layout, variable, axis, min, max, storageKey } = options;
  const clamp = (value: number) => Math.round(Math.max(min, Math.min(max, value)) * 10) / 10;
  let percent = 50;
  const set = (value: number, save: boolean) => {
    percent = clamp(value);
    layout.style.setProperty(variable, `${percent}%`);
    separator.setAttribute("aria-valuenow", String(Math.round(percent)));
    if (save) {
      try {
        localStorage.setItem(storageKey, String(percent));
      } catch {
        // Storage full or blocked: the size just is not remembered.
      }
    }
  };
  const current = () => percent;
  separator.setAttribute("aria-valuemin", String(min));
  separator.setAttribute("aria-valuemax", String(max));
  let stored: number | undefined;
  try {
    const text = localStorage.getItem(storageKey);
    stored = text === null ? undefined : Number(text);
  } catch {
    stored = undefined;
  }
  const initial = Number(separator.getAttribute("aria-valuenow"));
  set(stored !== undefined && Number.isFinite(stored) ? stored : initial, false);

  separator.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    separator.setPointerCapture(event.pointerId);
    layout.dataset.resizing = "true";
    const box = layout.getBoundingClientRect();
    const move = (e: PointerEvent) => {
      const position = axis === "x" ? (e.clientX - box.left) / box.width : (e.clientY - box.top) / box.height;
      set(position * 100, false);
    };
    const end = () => {
      separator.removeEventListener("pointermove", move);
      delete layout.dataset.resizing;
      set(current(), true);
    };
    separator.addEventListener("pointermove", move);
    separator.addEventListener("pointerup", end, { once: true });
    separator.addEventListener("pointercancel", end, { once: true });
  });
  separator.addEventListener("keydown", (event) => {
    const back = axis === "x" ? "ArrowLeft" : "ArrowUp";
    const forward = axis === "x" ? "ArrowRight" : "ArrowDown";
    let next: number | undefined;
    if (event.key === back) next = current() - STEP;
    else if (event.key === forward) next = current() + STEP;
    else if (event.key === "Home") next = min;
    else if (event.key === "End") next = max;
    if (next === undefined) return;
    event.preventDefault();
    set(next, true);
  });
}
