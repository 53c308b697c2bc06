/**
 * The class edition's side of a recorded simulation (see recording.ts): a
 * result is fetched with its file the first time it is needed, and the
 * simulation redraws when it arrives. Until then `replay` returns undefined.
 */
type File = Readonly<Record<string, unknown>>;

const files = new Map<string, File | Promise<void> | Error>();

/** Thrown when the controls ask for something that was not recorded. */
export class NotRecorded extends Error {}

export function replay<T>(sim: string, file: string, key: string): T | undefined {
  const id = `${sim}/${file}`;
  const held = files.get(id);
  if (held instanceof Error) throw held;
  if (held === undefined || held instanceof Promise) {
    if (held === undefined) files.set(id, load(sim, id));
    return undefined;
  }
  if (!(key in held)) throw new NotRecorded(`this edition has recorded runs only for the values its controls offer (no run for ${key})`);
  return held[key] as T;
}

async function load(sim: string, id: string): Promise<void> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL.replace(/\/?$/, "/")}sim-traces/${id}.json`);
    if (!response.ok) throw new Error(`the recorded runs (${id}) could not be loaded: HTTP ${response.status}`);
    files.set(id, (await response.json()) as File);
  } catch (error) {
    files.set(id, error instanceof Error ? error : new Error(String(error)));
  }
  // Redraw every copy of the simulation: its controls' input event runs the model again.
  for (const form of document.querySelectorAll<HTMLFormElement>(`[data-simulation="${sim}"] form`)) {
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
