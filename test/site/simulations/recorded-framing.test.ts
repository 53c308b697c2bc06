/**
 * The framing simulation's recording (class edition, issue 17): it covers
 * what the page opens with and every value the class edition's controls
 * offer, a run survives the JSON the replay fetches, and reading it back
 * gives the live model's run, byte for byte, so the drawing and "Use my
 * code" (your-code/framing-driver.ts) see the same run in both editions.
 */
import { describe, expect, it } from "vitest";
import { CLASS_SEEDS, MAX_CHUNKS, PRESET_IDS, readControls, SCHEMES } from "#site/simulations/tcp-udp/framing-controls.ts";
import { recording, toTrace } from "#site/simulations/tcp-udp/framing.model.ts";
import { fromTrace, type FramingTrace } from "#site/simulations/tcp-udp/framing-trace.ts";
import { runFraming } from "#site/simulations/tcp-udp/framing.ts";

describe("recorded framing runs", () => {
  it("records every preset, framing and largest chunk with seeds 1 to CLASS_SEEDS, the page's defaults among them, each under its own key", () => {
    const space = [...recording.space()];
    expect(space.length).toBe(PRESET_IDS.length * SCHEMES.length * MAX_CHUNKS.length * CLASS_SEEDS);
    expect(new Set(space.map((c) => `${recording.file(c)}:${recording.key(c)}`)).size).toBe(space.length);
    // FramingSim.astro opens on the chat lines, length-prefixed, 12-byte chunks, seed 1.
    expect(space).toContainEqual(readControls({ preset: "chat", scheme: "length-prefixed", chunk: "12", seed: "1" }));
    expect(space).toContainEqual(readControls({ preset: "binary", scheme: "slip", chunk: "", seed: String(CLASS_SEEDS) }));
  });

  it("reads back through JSON as the live run, byte for byte, for every control the class edition offers", () => {
    for (const controls of recording.space()) {
      const trace = JSON.parse(JSON.stringify(recording.run(controls))) as FramingTrace;
      expect(fromTrace(trace)).toEqual(runFraming(controls));
    }
  });

  it("keeps the bytes as written: SLIP's END and escapes (RFC 1055) and the 4-byte length, with each byte's role", () => {
    const slip = toTrace(runFraming({ preset: "binary", scheme: "slip", maxChunk: 5, seed: 1 }));
    expect(slip.bytes.startsWith("c001dbdc02c0")).toBe(true);
    expect(slip.roles.startsWith("edxxde")).toBe(true);
    const lp = toTrace(runFraming({ preset: "chat", scheme: "length-prefixed", maxChunk: 12, seed: 1 }));
    expect(lp.bytes.startsWith("00000003686921")).toBe(true);
    expect(lp.roles.startsWith("lllldddllll")).toBe(true);
  });
});
