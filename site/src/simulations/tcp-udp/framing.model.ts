/** The framing simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import { toHex } from "#runtime/core/hex.ts";
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runFraming, type FramingRun } from "./framing.ts";
import { CLASS_SEEDS, framingFile, framingKey, MAX_CHUNKS, PRESET_IDS, SCHEMES, type FramingControls } from "./framing-controls.ts";
import { ROLE_LETTERS, type FramingTrace } from "./framing-trace.ts";

/** A run as the recording keeps it (framing-trace.ts reads it back). */
export function toTrace(run: FramingRun): FramingTrace {
  return {
    scheme: run.scheme,
    messages: run.messages.map((m) => toHex(m, "")),
    bytes: toHex(run.bytes.map((b) => b.value), ""),
    roles: run.bytes.map((b) => ROLE_LETTERS[b.role]).join(""),
    writes: run.writes.map((w) => [w.message, w.start, w.length, w.payloadBytes, w.tMs] as const),
    chunks: run.chunks.map((c) => [c.start, c.length, c.tMs] as const),
    expected: run.expected.map((e) => [e.message, e.chunk] as const),
  };
}

export const recording: Recording<FramingControls, FramingTrace> = {
  sim: "framing",
  *space() {
    for (const preset of PRESET_IDS) {
      for (const [scheme] of SCHEMES) {
        for (const [chunk] of MAX_CHUNKS) {
          for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { preset, scheme, maxChunk: chunk === "" ? undefined : Number(chunk), seed };
        }
      }
    }
  },
  file: framingFile,
  key: framingKey,
  run: (c) => toTrace(runFraming(c)),
};

/** The run for these controls (undefined only while a recording loads: see framing.recorded.ts). */
export function runFramingView(controls: FramingControls): FramingRun | undefined {
  return runFraming(controls);
}
