/**
 * The tcp lab's runs as the workbench draws them (labs/kit/demo.ts), for a
 * failing test's "Show the ladder" (labs/kit/trace.ts):
 *
 * - a `pair` run (two connections over the runtime's link) is a ladder in
 *   virtual time, the client on the left, the server on the right;
 * - a `script` run (the test feeds one connection segments, calls and
 *   waits; no link, so a step's segments all happen at one instant) is drawn
 *   in order, one row per event, with the script's steps on the axis: the
 *   connection on the left, the test on the right.
 */
import type { LadderMark, LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import { fromHex } from "#labs/kit/hex.ts";
import { describeSegment } from "./segment-text.ts";
import type { ScriptEvent, WireSegment } from "./scenarios.ts";

/** How far down its row an arrow of a script run ends (a row is one event). */
const ROW_SLOPE = 0.6;

export function ladderView(events: readonly (ScriptEvent | WireSegment)[], truncated: boolean): LadderView {
  const first = events[0];
  if (first !== undefined && "kind" in first) return scriptView(events as readonly ScriptEvent[]);
  return pairView(events as readonly WireSegment[], truncated);
}

function pairView(segments: readonly WireSegment[], truncated: boolean): LadderView {
  const packets: LadderPacketView[] = segments.map((segment, i) => ({
    id: i + 1,
    from: segment.from === "client" ? "left" : "right",
    label: describeSegment(fromHex(segment.hex)),
    sentMs: segment.atMs,
    arrivedMs: segment.arrivedMs,
    ...(segment.lost ? { lost: "loss" } : segment.arrivedMs === null ? { lost: "still on the way when the run ended" } : {}),
  }));
  const last = segments.at(-1);
  return { left: "client", right: "server", packets, marks: [], ...(truncated && last !== undefined ? { truncatedAtMs: last.atMs } : {}) };
}

function scriptView(events: readonly ScriptEvent[]): LadderView {
  const packets: LadderPacketView[] = [];
  const marks: LadderMark[] = [];
  const steps: number[] = [];
  let row = 0;
  let lastMs = 0;
  for (const event of events) {
    const at = event.atMs === lastMs ? "" : ` at ${event.atMs} ms`;
    lastMs = event.atMs;
    switch (event.kind) {
      case "step":
        steps[event.step - 1] = row;
        // An arriving segment is its own arrow on the next row; a call or a wait is a note on the test's side.
        if (event.what === "a segment arrives") continue;
        marks.push({ t: row, side: "right", kind: "note", label: `${event.step}. ${event.what}${at}` });
        break;
      case "in":
      case "out":
        packets.push({
          id: packets.length + 1,
          from: event.kind === "in" ? "right" : "left",
          label: `${describeSegment(fromHex(event.hex))}${at}`,
          sentMs: row,
          arrivedMs: row + ROW_SLOPE,
        });
        break;
      case "timer":
        marks.push({ t: row, side: "left", kind: "timeout", label: `timer ${event.key} fires${at}` });
        break;
      case "deliver":
        marks.push({ t: row, side: "left", kind: "deliver", label: `delivers ${event.bytes} bytes${at}` });
        break;
      case "error":
        marks.push({ t: row, side: "left", kind: "note", label: `threw ${event.message}` });
        break;
    }
    row++;
  }
  return { left: "your connection", right: "the test", packets, marks, order: { steps } };
}
