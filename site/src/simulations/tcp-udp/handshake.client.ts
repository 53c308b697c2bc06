import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { DroppableSegment } from "./handshake-controls.ts";
import { runHandshakeView } from "./handshake.model.ts";
import { drawLadder, formatMs } from "./svg.ts";

export function setUpHandshake(): void {
  setUpSimulations("handshake", (values, compact) => {
    const oneWayMs = num(values, "delay", 50);
    const drop = values.drop === undefined ? "none" : (values.drop as DroppableSegment | "none");
    const result = runHandshakeView({ oneWayMs, drop, lossRate: num(values, "loss", 0), seed: num(values, "seed", 1) });
    if (result === undefined) return pendingView();
    const lastPacket = Math.max(...result.ladder.packets.map((p) => p.arrivedMs ?? p.sentMs + oneWayMs));
    const established = result.clientEstablishedMs;
    const parts = [
      established === null
        ? "<strong>The connection never opened</strong>: the client gave up."
        : `Client <strong>ESTABLISHED at ${formatMs(established)}</strong> (${(established / (2 * oneWayMs)).toFixed(1)} round trips)`,
    ];
    if (result.responseMs !== null) parts.push(`response at ${formatMs(result.responseMs)}`);
    if (result.serverClosedMs !== null) parts.push(`server CLOSED at ${formatMs(result.serverClosedMs)}`);
    parts.push(`${result.retransmissions} retransmission${result.retransmissions === 1 ? "" : "s"}, ${result.timeouts} timeout${result.timeouts === 1 ? "" : "s"}`);
    const timeWait =
      result.timeWaitStartMs === null
        ? ""
        : compact
          ? "TIME-WAIT lasts 2 × MSL = 4 min (not drawn)."
          : `The client stays in TIME-WAIT for 2 × MSL = 4 minutes (MSL = 2 min), until ${formatMs(result.clientClosedMs ?? 0)}, not drawn.`;
    const drawing = drawLadder(result.ladder, {
      pxPerMs: 80 / oneWayMs,
      maxGapPx: 100,
      cutAfterMs: lastPacket + 1,
      cutNote: timeWait,
      title: "Ladder diagram of the TCP connection between client and server",
      compact,
    });
    return { summary: `${parts.join("; ")}.`, drawing };
  });
}
