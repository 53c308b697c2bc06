/** Ladder events as text: the demo's listing and the steps a failing test shows. */
import type { LadderEvent } from "./scenarios.ts";

const DATA = 1;
const ACK = 2;

/** One ladder event as a line of text (also used by the tests' failure steps). */
export function describeEvent(event: LadderEvent): string {
  const t = `${event.t.toFixed(3).padStart(9)} ms`;
  const arrow = (dir: "data" | "ack") => (dir === "data" ? "S→R" : "R→S");
  switch (event.kind) {
    case "send": {
      const details: string[] = [];
      if (event.message !== undefined) details.push(event.message >= 0 ? `message ${event.message}` : "unknown payload");
      if (event.packet > 0) details.push(`packet ${event.packet}`);
      const label = `${t} ${arrow(event.dir)} send ${typeName(event.type)} ${event.seq ?? "?"}`;
      return `${label}${details.length > 0 ? ` (${details.join(", ")})` : ""}${event.retransmission === true ? ", retransmission" : ""}`;
    }
    case "lost":
      return `${t} ${arrow(event.dir)} ${event.packet > 0 ? `packet ${event.packet}` : "that packet"} lost (${event.reason})`;
    case "corrupted":
      return `${t} ${arrow(event.dir)} packet ${event.packet} corrupted`;
    case "duplicated":
      return `${t} ${arrow(event.dir)} packet ${event.packet} duplicated as ${event.copy}`;
    case "arrive":
      return `${t} ${arrow(event.dir)} ${typeName(event.type)} ${event.seq ?? "?"} arrives (packet ${event.packet})${event.intact ? "" : ", checksum wrong"}`;
    case "timeout":
      return `${t} sender timer ${event.key} fires`;
    case "deliver":
      return `${t} receiver delivers ${event.message >= 0 ? `message ${event.message}` : "bytes that are no offered message"}`;
  }
}

function typeName(type: number | null): string {
  return type === DATA ? "DATA" : type === ACK ? "ACK" : `type ${type ?? "?"}`;
}
