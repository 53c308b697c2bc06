/** Drawing and formatting helpers for this part's simulations (the wiring is components/sim-client.ts). */

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

/** The simulations' one way of writing a time (tcp-udp/svg.ts), for the HTTP simulations' own imports. */
export { formatMs } from "#site/simulations/tcp-udp/svg.ts";

