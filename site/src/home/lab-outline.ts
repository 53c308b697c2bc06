/**
 * The lab page's "Course outline" button: shows or folds Starlight's sidebar
 * on desktop widths (the inline script in pages/labs/[id].astro applies the
 * remembered choice before the first paint). On a phone the sidebar is
 * Starlight's menu and the button is hidden.
 */
export const OUTLINE_KEY = "wirelab.labOutline";

export function setUpOutlineToggle(root: Document = document): void {
  const button = root.querySelector<HTMLButtonElement>("[data-outline-toggle]");
  if (button === null) return;
  const html = root.documentElement;
  const show = () => button.setAttribute("aria-expanded", String(html.dataset.labOutline !== "closed"));
  show();
  button.addEventListener("click", () => {
    const open = html.dataset.labOutline === "closed";
    html.dataset.labOutline = open ? "open" : "closed";
    try {
      localStorage.setItem(OUTLINE_KEY, open ? "open" : "closed");
    } catch {
      // No storage: the choice lasts for this page only.
    }
    show();
  });
}
