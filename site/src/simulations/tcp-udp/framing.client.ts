import { setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { FramingRun } from "./framing.ts";
import { PRESETS, readControls } from "./framing-controls.ts";
import { runFramingView } from "./framing.model.ts";
import { drawFraming } from "./framing-view.ts";

export function setUpFraming(): void {
  setUpSimulations(
    "framing",
    (values, compact, width) => {
      const controls = readControls(values);
      const run = runFramingView(controls);
      if (run === undefined) return pendingView();
      const drawing = drawFraming(run, {
        width,
        compact,
        events: true,
        title: `${PRESETS[controls.preset].label}, ${controls.scheme === "slip" ? "SLIP" : "length-prefixed"}: ${run.writes.length} writes and the ${run.chunks.length} chunks the reader got`,
      });
      return { summary: describeRun(run), drawing };
    },
    { drawsAtWidth: true },
  );
}

/** The run in a sentence: how the writes and the reads line up. */
export function describeRun(run: FramingRun): string {
  const bytes = run.bytes.length;
  const frameEnds = new Set(run.writes.map((w) => w.start + w.length));
  // A read that ends where no frame ends leaves the reader holding part of a frame.
  const partial = run.chunks.filter((c) => !frameEnds.has(c.start + c.length)).length;
  const split = run.writes.filter((w) => {
    const first = run.chunks.findIndex((c) => w.start < c.start + c.length);
    const last = run.chunks.findIndex((c) => w.start + w.length - 1 < c.start + c.length);
    return first !== last;
  }).length;
  const merged = run.chunks.filter((c) => run.writes.filter((w) => w.start < c.start + c.length && c.start < w.start + w.length).length > 1).length;
  const sizes = run.chunks.map((c) => c.length);
  const shown = sizes.length > 12 ? `${sizes.slice(0, 12).join(", ")}, …` : sizes.join(", ");
  const lost = run.scheme === "slip" ? run.writes.length - run.expected.length : 0;
  return (
    `${run.writes.length} writes, <strong>${bytes} bytes</strong> on the stream; the reader got <strong>${run.chunks.length} chunks</strong> (${shown} bytes). ` +
    `<strong>${split}</strong> message${split === 1 ? " was" : "s were"} split across reads, <strong>${merged}</strong> read${merged === 1 ? "" : "s"} held parts of more than one message, and ${partial} of ${run.chunks.length} reads ended inside a frame: only the framing says where each message ends.` +
    (lost > 0 ? " In SLIP the empty message is only END END, which the reader skips: RFC 1055's receiver drops empty packets, the ones the extra ENDs that flush line noise make." : "")
  );
}
