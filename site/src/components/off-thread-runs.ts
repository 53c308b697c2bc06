/**
 * Simulation models that compute in a module worker, so a run of a second or
 * more never freezes the page. The page side asks with { key, controls } and
 * returns undefined until the worker answers with { key, result }; then every
 * copy of the simulation redraws (its form's input event runs the model
 * again, which now finds the result). The worker side is `serveRuns`.
 */

/** `run(controls)` for the page: the worker's result, or undefined while it computes. */
export function workerRuns<C, R>(options: {
  /** The simulation's data-simulation name, to redraw its copies. */
  readonly sim: string;
  /** Starts the worker: `new Worker(new URL("./x-compute.ts", import.meta.url), { type: "module" })` in the model's own file, where Vite finds it. */
  readonly start: () => Worker;
  readonly keyOf: (controls: C) => string;
  /** Results kept for controls already seen, the oldest dropped first. */
  readonly keep: number;
}): (controls: C) => R | undefined {
  const results = new Map<string, R>();
  const asked = new Set<string>();
  let worker: Worker | undefined;
  let failure: Error | undefined;
  const redraw = () => {
    for (const form of document.querySelectorAll<HTMLFormElement>(`[data-simulation="${options.sim}"] form`)) {
      form.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  const computer = (): Worker => {
    if (worker !== undefined) return worker;
    worker = options.start();
    worker.onmessage = (event: MessageEvent<{ key: string; result: R }>) => {
      results.set(event.data.key, event.data.result);
      asked.delete(event.data.key);
      if (results.size > options.keep) results.delete(results.keys().next().value!);
      redraw();
    };
    worker.onerror = (event) => {
      failure = new Error(`the simulation's worker failed (${event.message || "it could not start"})`);
      redraw();
    };
    return worker;
  };
  return (controls) => {
    if (failure !== undefined) throw failure;
    const key = options.keyOf(controls);
    const done = results.get(key);
    if (done !== undefined) return done;
    if (!asked.has(key)) {
      asked.add(key);
      computer().postMessage({ key, controls });
    }
    return undefined;
  };
}

/** The worker side: answers each { key, controls } with { key, result: run(controls) }. */
export function serveRuns<C, R>(run: (controls: C) => R): void {
  self.onmessage = (event: MessageEvent<{ key: string; controls: C }>) => {
    self.postMessage({ key: event.data.key, result: run(event.data.controls) });
  };
}
