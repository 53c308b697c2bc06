/**
 * Shareable simulation settings. A link names one simulation's controls as
 * `?<simulation>.<control>=<value>` (only those changed from the page's
 * defaults), so two simulations on one page never mix; opening it sets
 * those controls and redraws. Values are checked against each control
 * (a number within its range, an option of its select), so a hand-edited
 * link sets nothing it could not have set by hand.
 */

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Longest text a link may put in a textarea. */
const MAX_TEXT = 2000;

function controlsOf(form: HTMLFormElement): Control[] {
  return [...form.querySelectorAll<Control>("input[name], select[name], textarea[name]")].filter(
    (control) => !(control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio")),
  );
}

function defaultOf(control: Control): string {
  if (control instanceof HTMLSelectElement) return ([...control.options].find((option) => option.defaultSelected) ?? control.options[0])?.value ?? "";
  return control.defaultValue;
}

/** Whether `value` is one the control itself accepts. */
function accepts(control: Control, value: string): boolean {
  if (control instanceof HTMLSelectElement) return [...control.options].some((option) => option.value === value);
  if (control instanceof HTMLTextAreaElement) return value.length <= MAX_TEXT;
  if (control.type === "number" || control.type === "range") {
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number)) return false;
    if (control.min !== "" && number < Number(control.min)) return false;
    if (control.max !== "" && number > Number(control.max)) return false;
    return true;
  }
  return value.length <= MAX_TEXT;
}

/** The page's URL with this simulation's changed controls in its query (other simulations' parameters kept). */
export function linkFor(name: string, form: HTMLFormElement, here: URL): URL {
  const url = new URL(here.href);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith(`${name}.`)) url.searchParams.delete(key);
  for (const control of controlsOf(form)) {
    if (control.value !== defaultOf(control)) url.searchParams.set(`${name}.${control.name}`, control.value);
  }
  url.hash = "";
  return url;
}

/** Sets the controls a link names; returns the ones it changed (each has had its `change` event). */
export function restoreFrom(name: string, form: HTMLFormElement, here: URL): string[] {
  const changed: string[] = [];
  for (const control of controlsOf(form)) {
    const value = here.searchParams.get(`${name}.${control.name}`);
    if (value === null || value === control.value || !accepts(control, value)) continue;
    control.value = value;
    changed.push(control.name);
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }
  return changed;
}

/** Every simulation frame's "Copy link" button, and the settings a link brings. */
export function setUpSimulationLinks(): void {
  for (const root of document.querySelectorAll<HTMLElement>("[data-simulation][data-sim-linkable]")) {
    if (root.dataset.linkReady === "true") continue;
    root.dataset.linkReady = "true";
    const name = root.dataset.simulation!;
    const form = root.querySelector<HTMLFormElement>("form")!;
    const button = root.querySelector<HTMLButtonElement>("[data-sim-link]")!;
    const status = root.querySelector<HTMLElement>("[data-sim-link-status]")!;
    const restored = restoreFrom(name, form, new URL(location.href));
    if (restored.length > 0) status.textContent = `Opened with the link's settings (${restored.join(", ")}).`;
    button.addEventListener("click", async () => {
      const url = linkFor(name, form, new URL(location.href));
      // The address bar shows it too, so it can be copied by hand where the clipboard is refused.
      history.replaceState(history.state, "", url);
      try {
        await navigator.clipboard.writeText(url.href);
        status.textContent = "Link copied: it opens this page with these settings.";
      } catch {
        status.textContent = `Copy this link: ${url.href}`;
      }
    });
  }
}
