/**
 * The framing simulation's drawing: the stream's bytes in rows, each row with
 * two lanes on one byte axis. The upper lane is what the application wrote
 * (each message's frame, coloured by message, its length or END and escape
 * bytes in bold); the lower lane is the chunks the reader got, with a line
 * where the stream cut. "Use my code" adds a third lane: what the learner's
 * decoder returned for each chunk, marked right or wrong.
 *
 * Writes and reads are events of the shared timeline control (data-sim-t).
 */
import { markEvent } from "#site/components/sim-timeline.ts";
import type { FramingRun, StreamByte } from "./framing.ts";
import { formatMs, s } from "./svg.ts";

/** What a decoder returned for one chunk (your-code/framing-driver.ts). */
export interface Returned {
  /** Short text per frame ("m2 ✓"). */
  readonly marks: readonly { readonly text: string; readonly ok: boolean; readonly title: string }[];
}

export interface FramingDrawOptions {
  readonly width: number;
  readonly compact: boolean;
  readonly title: string;
  /** Per chunk (same length as the run's chunks, or shorter when the decoder stopped): the third lane. */
  readonly returned?: readonly Returned[];
  /** Mark writes and reads for the timeline control (the built-in drawing only). */
  readonly events?: boolean;
}

const MESSAGE_CLASSES = 6;
const LEFT = 40;
const CELL_MIN = 22;
const BAND = 13;
const LANE_WRITE = 24;
const LANE_READ = 17;
const LANE_RETURN = 17;
const ROW_GAP = 10;

/** A byte as a cell shows it: printable ASCII as itself, anything else (and every framing byte) as hex. */
export function byteLabel(byte: StreamByte): string {
  if (byte.role === "data" && byte.value > 0x20 && byte.value < 0x7f) return String.fromCharCode(byte.value);
  if (byte.role === "data" && byte.value === 0x20) return "␣";
  return byte.value.toString(16).padStart(2, "0").toUpperCase();
}

const ROLE_TEXT = { length: "length byte", end: "END", escape: "escape", data: "payload byte" } as const;

export function drawFraming(run: FramingRun, options: FramingDrawOptions): HTMLElement {
  const total = run.bytes.length;
  const usable = Math.max(8 * CELL_MIN, options.width - LEFT - 4);
  // Rows of a multiple of 4 bytes, as wide as the output allows.
  const perRow = Math.max(8, Math.floor(usable / CELL_MIN / 4) * 4);
  const cell = Math.min(30, usable / perRow);
  const rows = Math.max(1, Math.ceil(total / perRow));
  const withReturn = options.returned !== undefined;
  const rowHeight = BAND + LANE_WRITE + 3 + LANE_READ + (withReturn ? 3 + LANE_RETURN : 0) + ROW_GAP;
  const width = LEFT + perRow * cell + 4;
  const height = rows * rowHeight;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: `sim-svg fr-svg${options.compact ? " sim-compact" : ""}`, role: "img", "aria-label": options.title });
  svg.append(s("title", {}, options.title));
  const x = (offset: number) => LEFT + (offset % perRow) * cell;
  const rowTop = (offset: number) => Math.floor(offset / perRow) * rowHeight;

  // Row labels: the offset of each row's first byte.
  for (let row = 0; row < rows; row++) {
    const top = row * rowHeight + BAND;
    svg.append(s("text", { x: LEFT - 6, y: top + LANE_WRITE / 2 + 4, "text-anchor": "end", class: "sim-small sim-muted" }, String(row * perRow)));
  }

  // What was written, one group per write (event: the write).
  for (const write of run.writes) {
    const group = s("g", { class: `fr-write fr-m${write.message % MESSAGE_CLASSES}` });
    const payload = run.messages[write.message]!.length;
    group.append(s("title", {}, `Message ${write.message + 1}: ${payload} payload byte${payload === 1 ? "" : "s"}, written as ${write.length} bytes at ${formatMs(write.tMs)}`));
    for (let offset = write.start; offset < write.start + write.length; offset++) {
      const byte = run.bytes[offset]!;
      const top = rowTop(offset) + BAND;
      const framing = byte.role !== "data";
      group.append(
        s("rect", { x: x(offset) + 0.5, y: top, width: cell - 1, height: LANE_WRITE, class: `fr-cell${framing ? " fr-framing" : ""}` }, s("title", {}, `Byte ${offset}: ${ROLE_TEXT[byte.role]} 0x${byte.value.toString(16).padStart(2, "0")} of message ${write.message + 1}`)),
        s("text", { x: x(offset) + cell / 2, y: top + LANE_WRITE / 2 + 4, "text-anchor": "middle", class: `fr-byte${framing ? " fr-byte-framing" : ""}` }, byteLabel(byte)),
      );
    }
    // The message's name above its first byte, and an edge where its frame starts.
    const top = rowTop(write.start);
    group.append(
      s("text", { x: x(write.start) + 2, y: top + BAND - 3, class: "sim-small fr-tag" }, `m${write.message + 1}`),
      s("line", { x1: x(write.start), x2: x(write.start), y1: top + BAND - 2, y2: top + BAND + LANE_WRITE, class: "fr-edge" }),
    );
    if (options.events === true) {
      markEvent(group, write.tMs, `write ${write.message + 1}: message ${write.message + 1} (${payload} bytes) framed as ${write.length} bytes, at ${formatMs(write.tMs)}`);
    }
    svg.append(group);
  }

  // What the reader got: each chunk's parts, row by row, and the cut before it.
  for (const [index, chunk] of run.chunks.entries()) {
    const group = s("g", { class: `fr-chunk fr-chunk-${index % 2 === 0 ? "a" : "b"}` });
    group.append(s("title", {}, `Read ${index + 1}: ${chunk.length} byte${chunk.length === 1 ? "" : "s"} (stream bytes ${chunk.start} to ${chunk.start + chunk.length - 1}) at ${formatMs(chunk.tMs)}: ${describeChunk(run, index)}`));
    for (let offset = chunk.start; offset < chunk.start + chunk.length; ) {
      const rowEnd = (Math.floor(offset / perRow) + 1) * perRow;
      const end = Math.min(chunk.start + chunk.length, rowEnd);
      const top = rowTop(offset) + BAND + LANE_WRITE + 3;
      const w = (end - offset) * cell;
      group.append(s("rect", { x: x(offset) + 0.5, y: top, width: w - 1, height: LANE_READ, rx: 3, class: "fr-read" }));
      if (offset === chunk.start && w >= 18) {
        const label = w >= 90 ? `read ${index + 1} · ${chunk.length} B` : String(index + 1);
        group.append(s("text", { x: x(offset) + 4, y: top + LANE_READ / 2 + 4, class: "sim-small fr-read-label" }, label));
      }
      offset = end;
    }
    if (chunk.start > 0) {
      const top = rowTop(chunk.start);
      const bottom = top + rowHeight - ROW_GAP;
      group.append(s("line", { x1: x(chunk.start), x2: x(chunk.start), y1: top + BAND, y2: bottom, class: "fr-cut" }));
    }
    const returned = options.returned?.[index];
    if (returned !== undefined && returned.marks.length > 0) {
      const last = chunk.start + chunk.length - 1;
      const top = rowTop(last) + BAND + LANE_WRITE + 3 + LANE_READ + 3;
      const text = s("text", { x: x(last) + cell - 2, y: top + LANE_RETURN / 2 + 4, "text-anchor": "end", class: "sim-small fr-returned" });
      returned.marks.forEach((mark, i) => {
        if (i > 0) text.append(s("tspan", {}, " "));
        text.append(s("tspan", { class: mark.ok ? "fr-ok" : "fr-wrong" }, mark.text, s("title", {}, mark.title)));
      });
      group.append(text);
    }
    if (options.events === true) {
      markEvent(group, chunk.tMs, `read ${index + 1}: ${chunk.length} bytes at ${formatMs(chunk.tMs)}: ${describeChunk(run, index)}`);
    }
    svg.append(group);
  }

  const figure = document.createElement("div");
  figure.className = "fr-drawing";
  figure.append(svg);
  const legend = document.createElement("p");
  legend.className = "fr-legend";
  legend.textContent =
    `Upper lane: the frames as written, one colour per message (${run.scheme === "slip" ? "END bytes C0 and escapes DB DC, DB DD" : "the 4-byte big-endian length"} in bold). ` +
    `Lower lane: the chunks the reader got, with a line where the stream cut.` +
    (withReturn ? " Third lane: what the decoder returned for each chunk (✓ the right frame at the right time, ✗ otherwise)." : "");
  figure.append(legend);
  return figure;
}

/** Which messages' bytes a chunk holds: "the end of m1, all of m2, the start of m3". */
export function describeChunk(run: FramingRun, index: number): string {
  const chunk = run.chunks[index]!;
  const parts: string[] = [];
  for (const write of run.writes) {
    const from = Math.max(write.start, chunk.start);
    const to = Math.min(write.start + write.length, chunk.start + chunk.length);
    if (from >= to) continue;
    const name = `m${write.message + 1}`;
    const whole = from === write.start && to === write.start + write.length;
    if (whole) parts.push(`all of ${name}`);
    else if (from === write.start) parts.push(`the start of ${name} (${to - from} of ${write.length} bytes)`);
    else if (to === write.start + write.length) parts.push(`the end of ${name} (${to - from} of ${write.length} bytes)`);
    else parts.push(`the middle of ${name} (${to - from} of ${write.length} bytes)`);
  }
  return parts.join(", ");
}
