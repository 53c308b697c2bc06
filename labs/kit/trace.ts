/**
 * A test's run as a picture. A scenario whose result carries the run's
 * ladder events (`ladder`, and `truncated` or `ladderTruncated` when it was
 * capped) is a traced run: the workbench keeps the last one a failing test
 * made and draws it with the lab's `ladderView(events, truncated)` (its
 * ladder-view.ts, the same function the demo uses). A check marks the
 * event where it failed with {@link MOMENT_MARK} at the start of its step
 * line ("→  40.700 ms S→R send DATA 4"), so the drawing can point at it.
 * A run with no link delay (a script of steps fed to one end) is drawn in
 * order, one row per event, with its script steps on the axis
 * (LadderView.order); its check marks the failing step instead
 * ("→ step 3. Linux segment #4: …").
 */

/** A scenario result with its run's ladder events, in the lab's own event shape. */
export interface TracedRun {
  readonly ladder: readonly unknown[];
  readonly truncated: boolean;
}

/** The marker before the step of the event where a check failed. */
export const MOMENT_MARK = "→";

/** `value` as a traced run, when it is one (a plain object with a non-empty `ladder` array). */
export function tracedRun(value: unknown): TracedRun | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as { ladder?: unknown; truncated?: unknown; ladderTruncated?: unknown };
  if (!Array.isArray(record.ladder) || record.ladder.length === 0) return undefined;
  return { ladder: record.ladder as unknown[], truncated: record.truncated === true || record.ladderTruncated === true };
}

/** A step line that starts with an event's time, marked or not: "→   40.700 ms …", "   41.664 ms …". */
const TIMED_STEP = new RegExp(`^(${MOMENT_MARK})?\\s*(\\d+(?:\\.\\d+)?) ms\\b`);
/** A marked script step: "→ step 3. …". */
const MARKED_SCRIPT_STEP = new RegExp(`^${MOMENT_MARK}\\s*step (\\d+)\\b`);

/**
 * When a failing check's problem happened, from its steps, in the units of
 * the run's ladder: the marked event's time (ms) or the marked script step's
 * number, else the first event's time shown; undefined when no step is an event.
 */
export function failingMomentMs(steps: readonly string[]): number | undefined {
  let first: number | undefined;
  for (const step of steps) {
    const script = MARKED_SCRIPT_STEP.exec(step);
    if (script !== null) return Number(script[1]);
    const match = TIMED_STEP.exec(step);
    if (match === null) continue;
    const ms = Number(match[2]);
    if (match[1] !== undefined) return ms;
    first ??= ms;
  }
  return first;
}
