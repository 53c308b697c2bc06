/** Tiny DOM and SVG builders for the workbench views (no framework). */

export const SVG_NS = "http://www.w3.org/2000/svg";

/** Attribute values: `false`, `null` and `undefined` leave the attribute out, `true` sets it empty. */
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;
export type Child = Node | string | null | undefined | false;

/** What a render function returns: call `destroy()` before dropping the view. */
export interface ViewHandle {
  destroy(): void;
}

function apply(element: Element, attrs: Attrs, children: readonly Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
}

/** An HTML element with attributes and children. */
export function html<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attrs, children);
  return element;
}

/** An SVG element with attributes and children. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, attrs, children);
  return element;
}

/** Calls `onWidth` when the element's width changes by a few pixels; returns a function that stops it. */
export function watchWidth(element: HTMLElement, onWidth: (width: number) => void): () => void {
  if (typeof ResizeObserver === "undefined") return () => {};
  let last = element.clientWidth;
  const observer = new ResizeObserver(() => {
    const width = element.clientWidth;
    if (width > 0 && Math.abs(width - last) >= 8) {
      last = width;
      onWidth(width);
    }
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/** True for the keys that activate a button: Enter and Space. */
export function isActivation(event: KeyboardEvent): boolean {
  return event.key === "Enter" || event.key === " ";
}
