/**
 * "Use my code" for the framing simulation (FramingSim.astro): the
 * learner's decoder, through the framing lab's `stream` scenario
 * (labs/framing/harness.ts), fed the chunks the chapter draws. Every control
 * counts: the messages, the framing, the largest chunk and the seed. The
 * frames the built-in side wrote go on the stream as they are (the
 * scenario's `encoded`), so the learner's encoder is not used and the stream,
 * set up as the built-in one is (tcp-udp/framing.ts), cuts the same chunks.
 * What the decoder returned per push (`perPush`) is compared with what was
 * sent: no decoding happens here, only comparing bytes. The built-in run
 * is framing.model.ts's: live in the self-paced edition, the recording in
 * the class edition, which ships no encoder.
 */
import { toHex } from "#labs/kit/hex.ts";
import type { Reported, StreamInput, StreamResult } from "#labs/framing/scenarios.ts";
import { readControls } from "#site/simulations/tcp-udp/framing-controls.ts";
import type { FramingRun } from "#site/simulations/tcp-udp/framing.ts";
import { runFramingView } from "#site/simulations/tcp-udp/framing.model.ts";
import { drawFraming, type Returned } from "#site/simulations/tcp-udp/framing-view.ts";
import { escapeHtml, type Driver } from "./types.ts";

export const framingDriver: Driver = {
  input(values) {
    const controls = readControls(values);
    const run = runFramingView(controls);
    if (run === undefined) return { message: "The built-in run for these controls is still loading: your code runs as soon as it is here." };
    const input: StreamInput = {
      scheme: controls.scheme,
      messages: run.messages.map((m) => toHex(m)),
      encoded: run.writes.map((w) => toHex(Uint8Array.from(run.bytes.slice(w.start, w.start + w.length), (b) => b.value))),
      seed: controls.seed,
      ...(controls.maxChunk === undefined ? {} : { maxChunk: controls.maxChunk }),
      perPush: true,
    };
    return { scenario: "stream", input };
  },

  view(value, values, compact) {
    const run = runFramingView(readControls(values));
    if (run === undefined) return { kind: "message", summary: "Your code's run cannot be drawn: the built-in run is not here." };
    const result = value as StreamResult;
    const checked = checkFrames(run, result);
    const drawing = drawFraming(run, {
      // The pane beside the built-in drawing is narrow (compact); stacked under it, it is as wide as the built-in one.
      width: compact ? 300 : 720,
      compact,
      title: `What your ${run.scheme === "slip" ? "SlipDecoder" : "LengthPrefixedDecoder"} returned for each of the ${result.chunkSizes.length} chunks`,
      returned: checked.returned,
    });
    return { kind: "picture", summary: checked.summary, drawing };
  },
};

/** A frame as the pane names it: its text in quotes when printable, else its hex. */
function shown(frame: Reported): string {
  if (typeof frame !== "string") return `${frame.length} bytes`;
  const bytes = frame === "" ? [] : frame.split(" ").map((b) => parseInt(b, 16));
  return bytes.every((b) => b >= 0x20 && b < 0x7f) ? JSON.stringify(String.fromCharCode(...bytes)) : `[${frame}]`;
}

export interface Checked {
  readonly returned: Returned[];
  readonly summary: string;
  readonly right: number;
  readonly wrong: number;
  readonly missing: number;
}

/** Marks every frame the decoder returned, push by push, against the frames sent and the read that completed each. */
export function checkFrames(run: FramingRun, result: StreamResult): Checked {
  const sent = run.expected.map((e) => ({ ...e, hex: toHex(run.messages[e.message]!) }));
  const perPush = result.framesPerPush ?? [];
  const returned: Returned[] = [];
  let next = 0;
  let right = 0;
  let wrong = 0;
  for (const [push, count] of perPush.entries()) {
    const marks: Returned["marks"][number][] = [];
    for (let i = 0; i < count; i++) {
      const frame = result.frames[next]!;
      const due = sent[next];
      next++;
      if (due === undefined) {
        marks.push({ text: "✗", ok: false, title: `Read ${push + 1}: ${shown(frame)}, but every message sent had already come back` });
      } else if (frame !== due.hex) {
        marks.push({ text: `m${due.message + 1}✗`, ok: false, title: `Read ${push + 1}: ${shown(frame)}, but message ${due.message + 1} was ${shown(due.hex)}` });
      } else if (due.chunk !== push) {
        marks.push({ text: `m${due.message + 1}✗`, ok: false, title: `Read ${push + 1}: message ${due.message + 1}, right bytes, but its last byte came in read ${due.chunk + 1}: a push returns every frame its chunk completes` });
      } else {
        marks.push({ text: `m${due.message + 1}✓`, ok: true, title: `Read ${push + 1}: message ${due.message + 1}, ${shown(frame)}` });
        right++;
        continue;
      }
      wrong++;
    }
    returned.push({ marks });
  }
  const error = result.error;
  if (error?.during === "push") {
    while (returned.length < error.chunk) returned.push({ marks: [] });
    returned[error.chunk] = { marks: [{ text: "threw", ok: false, title: `Read ${error.chunk + 1}: push() threw ${error.error}` }] };
  }
  const missing = Math.max(0, sent.length - next);
  const sameChunks = result.chunkSizes.length === run.chunks.length && result.chunkSizes.every((size, i) => size === run.chunks[i]!.length);

  const parts: string[] = [];
  if (right === sent.length && wrong === 0 && result.frames.length === sent.length) {
    parts.push(`Your decoder returned all <strong>${sent.length}</strong> frames, each the message sent, from the read that completed it.`);
  } else {
    parts.push(`Your decoder returned <strong>${result.frames.length}</strong> frame${result.frames.length === 1 ? "" : "s"} for the ${sent.length} sent: <strong>${right}</strong> right, <strong>${wrong}</strong> wrong or from the wrong read, ${missing} never returned.`);
  }
  if (error?.during === "push") parts.push(`push() threw at read ${error.chunk + 1}: ${escapeHtml(error.error)}`);
  if (result.end !== undefined && result.end !== "ok") parts.push(`end() threw ${escapeHtml(result.end.error)}${result.end.framing ? "" : " (not a FramingError)"}`);
  if (!sameChunks) parts.push(`The stream cut ${result.chunkSizes.length} chunks (${escapeHtml(result.chunkSizes.join(", "))} bytes), not the built-in's ${run.chunks.length}.`);
  parts.push("It got the built-in side's frames, cut at the same places (same messages, framing, largest chunk and seed); your encoder is not used here.");
  return { returned, summary: parts.join(" "), right, wrong, missing };
}
