/**
 * A failing test's traced run (labs/kit/trace.ts) as a ladder the Diagram
 * tab can draw: each lab with traced runs has a ladder-view.ts whose
 * `ladderView(events, truncated)` turns its own events into the kit's
 * LadderView, the same function its demo uses. Loaded on the first click.
 */
import type { LadderView } from "#labs/kit/demo.ts";
import type { TracedRun } from "#labs/kit/trace.ts";

type LadderViewModule = { ladderView(events: readonly never[], truncated: boolean): LadderView };

const views = import.meta.glob<LadderViewModule>("../../../labs/*/ladder-view.ts");

/** True when `lab` can draw its tests' traced runs. */
export function canDrawTraces(lab: string): boolean {
  return views[`../../../labs/${lab}/ladder-view.ts`] !== undefined;
}

/** The ladder of a test's traced run, or undefined when the lab has no view for it or the events do not fit it. */
export async function traceLadder(lab: string, trace: TracedRun): Promise<LadderView | undefined> {
  const load = views[`../../../labs/${lab}/ladder-view.ts`];
  if (load === undefined) return undefined;
  const { ladderView } = await load();
  const view = ladderView(trace.ladder as readonly never[], trace.truncated);
  return view.packets.length + view.marks.length > 0 ? view : undefined;
}
