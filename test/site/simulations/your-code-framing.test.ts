/**
 * The framing simulation (site/src/simulations/tcp-udp/framing.ts) and its
 * "Use my code" driver (your-code/framing-driver.ts): the chapter's controls
 * become the framing lab's `stream` scenario, run here with the lab's
 * reference solution and starter in the Node sandbox, through the lab's
 * harness only. The built-in side has no decoder: these tests check that the
 * stream it draws is the one the learner's decoder is fed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { StreamInput, StreamResult } from "#labs/framing/scenarios.ts";
import { toHex } from "#labs/kit/hex.ts";
import { PRESET_IDS, PRESETS, readControls } from "#site/simulations/tcp-udp/framing-controls.ts";
import { runFraming } from "#site/simulations/tcp-udp/framing.ts";
import { checkFrames, framingDriver } from "#site/simulations/your-code/framing-driver.ts";

type File = "solution" | "starter";

async function run(file: File, plans: readonly Record<string, string>[]): Promise<StreamResult[]> {
  const lab = findLab("framing");
  const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const results: StreamResult[] = [];
    for (const values of plans) {
      const plan = framingDriver.input(values);
      if ("message" in plan) throw new Error(plan.message);
      const outcome = await sandbox.run(plan.scenario, plan.input);
      if (!outcome.ok) throw new Error(outcome.message);
      results.push(outcome.value as StreamResult);
    }
    return results;
  } finally {
    await sandbox.close();
  }
}

const page = { preset: "chat", scheme: "length-prefixed", chunk: "12", seed: "1" };

/** Every preset and scheme, with each chunk limit and a few seeds. */
const grid = PRESET_IDS.flatMap((preset) =>
  ["length-prefixed", "slip"].flatMap((scheme) => ["", "32", "12", "5"].flatMap((chunk) => ["1", "7"].map((seed) => ({ preset, scheme, chunk, seed })))),
);

describe("the framing simulation", () => {
  it("maps every control to the lab's stream scenario, with the built-in frames as the bytes written", () => {
    const plan = framingDriver.input({ preset: "binary", scheme: "slip", chunk: "5", seed: "42" }) as { scenario: string; input: StreamInput };
    expect(plan.scenario).toBe("stream");
    expect(plan.input).toMatchObject({ scheme: "slip", seed: 42, maxChunk: 5, perPush: true });
    // RFC 1055: END at both ends, C0 sent as DB DC and DB as DB DD.
    expect(plan.input.encoded![0]).toBe("c0 01 db dc 02 c0");
    expect(plan.input.encoded![1]).toBe("c0 db dd dc dd c0");
    const lp = framingDriver.input({ ...page, chunk: "" }) as { input: StreamInput };
    expect(lp.input.maxChunk).toBeUndefined();
    expect(lp.input.encoded![1]).toBe(`00 00 00 0c ${toHex(new TextEncoder().encode("how are you?"))}`);
    expect(lp.input.encoded![3]).toBe("00 00 00 00");
    expect(readControls({})).toEqual({ preset: "chat", scheme: "length-prefixed", maxChunk: undefined, seed: 1 });
  });

  it("cuts and merges the writes: the chunk limit and the seed change the chunks, never the bytes", () => {
    const bytes = (values: Record<string, string>) => runFraming(readControls(values)).bytes;
    const cuts = (values: Record<string, string>) => runFraming(readControls(values)).chunks.map((c) => c.length).join(",");
    expect(cuts(page)).not.toBe(cuts({ ...page, seed: "2" }));
    expect(cuts(page)).not.toBe(cuts({ ...page, chunk: "5" }));
    expect(bytes(page)).toEqual(bytes({ ...page, seed: "2", chunk: "5" }));
    for (const values of grid) {
      const r = runFraming(readControls(values));
      expect(r.chunks.reduce((sum, c) => sum + c.length, 0)).toBe(r.bytes.length);
      const limit = values.chunk === "" ? 1460 : Number(values.chunk);
      expect(Math.max(...r.chunks.map((c) => c.length))).toBeLessThanOrEqual(limit);
    }
    // With the default limit the stream merges: some chunk holds parts of two messages.
    const merged = runFraming(readControls({ ...page, chunk: "" }));
    expect(merged.chunks.length).toBeLessThan(merged.writes.length);
    // With 5-byte chunks some message is split over reads.
    const split = runFraming(readControls({ ...page, chunk: "5" }));
    expect(split.writes.some((w) => split.chunks.findIndex((c) => w.start < c.start + c.length) !== split.chunks.findIndex((c) => w.start + w.length - 1 < c.start + c.length))).toBe(true);
  });

  it("feeds the reference decoder the very chunks it draws, and the reference returns every frame at the read that completes it", async () => {
    const results = await run("solution", grid);
    grid.forEach((values, i) => {
      const r = runFraming(readControls(values));
      const result = results[i]!;
      expect(result.chunkSizes, JSON.stringify(values)).toEqual(r.chunks.map((c) => c.length));
      const messages = PRESETS[readControls(values).preset].messages;
      // SLIP skips the empty message (END END); length-prefixed carries it.
      expect(result.frames).toEqual(messages.filter((m) => values.scheme !== "slip" || m.length > 0).map((m) => toHex(m)));
      const checked = checkFrames(r, result);
      expect([checked.right, checked.wrong, checked.missing], JSON.stringify(values)).toEqual([r.expected.length, 0, 0]);
      expect(checked.summary).toMatch(/returned all <strong>\d+<\/strong> frames/);
    });
  }, 120_000);

  it("says what the starter's decoder did: no frame for any of the messages sent", async () => {
    const [result] = await run("starter", [page]);
    const r = runFraming(readControls(page));
    expect(result!.frames).toEqual([]);
    const checked = checkFrames(r, result!);
    expect([checked.right, checked.wrong, checked.missing]).toEqual([0, 0, 6]);
    expect(checked.summary).toContain("<strong>0</strong> frames for the 6 sent");
  });

  it("marks a frame returned a read late, with the wrong bytes, or after a throw", () => {
    const r = runFraming(readControls({ ...page, chunk: "5" }));
    const sizes = r.chunks.map((c) => c.length);
    const perPush = sizes.map(() => 0);
    const frames = r.expected.map((e) => toHex(r.messages[e.message]!));
    for (const e of r.expected) perPush[e.chunk]!++;
    // Message 1's frame one read late; message 2's bytes wrong.
    const late = [...perPush];
    const first = r.expected[0]!.chunk;
    late[first]!--;
    late[first + 1]!++;
    const wrongBytes = [...frames];
    wrongBytes[1] = "00";
    const checked = checkFrames(r, { frames: wrongBytes, chunkSizes: sizes, framesPerPush: late, end: "ok" });
    expect(checked.right).toBe(r.expected.length - 2);
    expect(checked.wrong).toBe(2);
    expect(checked.returned[first + 1]!.marks[0]).toMatchObject({ text: "m1✗", ok: false, title: expect.stringContaining("its last byte came in read") });
    const thrown = checkFrames(r, { frames: [], chunkSizes: sizes.slice(0, 3), framesPerPush: [0, 0], error: { during: "push", chunk: 2, error: "FramingError: bad" } });
    expect(thrown.returned[2]!.marks[0]).toMatchObject({ text: "threw", ok: false });
    expect(thrown.summary).toContain("push() threw at read 3");
  });
});
