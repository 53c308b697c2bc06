import { num, scrollRegion, setUpSimulations, type SimView } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { FRAME_HEADER, runGrpc, type GrpcResult, type StreamKind, type UnaryOutcome } from "./grpc.ts";

const KINDS: readonly StreamKind[] = ["server", "client", "bidi"];
const OUTCOMES: readonly UnaryOutcome[] = ["ok", "slow", "not-found"];

export function setUpGrpc(): void {
  setUpSimulations("grpc", (values) =>
    render(
      runGrpc({
        kind: KINDS.find((k) => k === values.kind) ?? "server",
        messages: num(values, "messages", 3),
        messageBytes: num(values, "size", 200),
        unary: OUTCOMES.find((o) => o === values.unary) ?? "ok",
        seed: 1,
      }),
    ),
    { eventNoun: "frame" },
  );
}

function render(result: GrpcResult): SimView {
  const rows = result.frames
    .map(
      (f) =>
        `<tr><td>${f.sentMs.toFixed(1)} → ${f.arrivedMs === undefined ? "–" : f.arrivedMs.toFixed(1)}</td>` +
        `<td>${f.dir === "c2s" ? "C → S" : "S → C"}, ${f.stream}</td>` +
        `<th scope="row">${f.type}<span class="gr-flags">${f.flags.join(" ")}</span></th>` +
        `<td>${f.length.toLocaleString("en")}</td><td class="gr-note">${f.note}</td></tr>`,
    )
    .join("");
  const drawing = scrollRegion("pt-table-wrap", "Frames on the connection");
  drawing.innerHTML =
    `<table class="pt-table gr-frames"><caption>Every frame on the connection in the order sent: when it left and when its last byte arrived (ms), client (C) or server (S), stream, and payload length (each frame has ${FRAME_HEADER} more bytes of header)</caption>` +
    `<thead><tr><th scope="col">Time</th><th scope="col">Way, stream</th><th scope="col">Frame</th><th scope="col">Length</th><th scope="col">Inside</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
  // Each row is an event of the timeline control, at the time its frame left.
  drawing.querySelectorAll("tbody tr").forEach((row, i) => {
    const f = result.frames[i]!;
    const flags = f.flags.length > 0 ? ` (${f.flags.join(" ")})` : "";
    markEvent(row, f.sentMs, `${f.type}${flags} on stream ${f.stream}, ${f.dir === "c2s" ? "client → server" : "server → client"}, sent at ${f.sentMs.toFixed(1)} ms: ${f.note}`);
  });
  const [unary, streaming] = result.calls;
  const call = (c: typeof unary) => `<strong>${c!.status}</strong> at ${c!.doneMs?.toFixed(1) ?? "–"} ms, ${c!.received} message${c!.received === 1 ? "" : "s"} received`;
  const overhead = result.bytes - result.messageBytes;
  const summary =
    `Unary call on stream 1: ${call(unary)}. Streaming call on stream 3 (${streaming!.method}): ${call(streaming)}. ` +
    `${result.frames.length} frames, ${result.bytes.toLocaleString("en")} bytes, of which ${overhead.toLocaleString("en")} (${((100 * overhead) / result.bytes).toFixed(1)}%) are frame headers, gRPC prefixes and header blocks.`;
  return { summary, drawing };
}
