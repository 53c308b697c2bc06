/** A tiny HTML element builder for the chapter's tables and cards (strings become text, so nothing needs escaping). */
export function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  for (const child of children) {
    if (child === null) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}
