/** Ladder events as text: the demo's listing and the steps a failing test shows. */
import type { LadderEvent } from "./scenarios.ts";

/** One ladder event as a line of text ("  41.664 ms S→R send 1000..1999 (packet 3), retransmission"). */
export function describeEvent(event: LadderEvent): string {
  const t = `${event.t.toFixed(3).padStart(9)} ms`;
  if (event.kind === "timeout") return `${t} sender retransmission timer fires (oldest unacknowledged offset ${event.una})`;
  const what = event.dir === "data" ? `S→R data ${event.offset}..${event.offset + event.length - 1}` : `R→S ACK ${event.ack}`;
  const packet = event.packet >= 0 ? ` (packet ${event.packet})` : "";
  switch (event.kind) {
    case "send":
      return `${t} ${what} sent${packet}${event.retransmission === true ? ", retransmission" : ""}`;
    case "arrive":
      return `${t} ${what} arrives${packet}`;
    case "drop":
      return `${t} ${what} dropped${packet} (${event.reason === "queue-full" ? "bottleneck queue full" : event.reason})`;
  }
}
