/**
 * "Use my code" on the notification simulation (site/src/simulations/your-code/websocket-driver.ts):
 * the built-in run's notifications become the websocket lab's `session` scenario with the learner's
 * Connection as the server, run here with the lab's reference solution and starter in the Node
 * sandbox, through the lab's harness only.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import { applyEdits } from "#labs/kit/mutant-edits.ts";
import mutants from "#labs/websocket/mutants/index.ts";
import type { SessionInput, SessionResult } from "#labs/websocket/scenarios.ts";
import { fromHex, toHex } from "#runtime/core/hex.ts";
import { runNotify } from "#site/simulations/patterns/notify.ts";
import { wsFrame } from "#site/simulations/patterns/ws-frames.ts";
import {
  CLIENT_MASK_KEY,
  CLOSE_FRAME,
  describeSession,
  readSession,
  SUBSCRIBE_FRAME,
  SUBSCRIBE_TEXT,
  subscribeChunks,
  websocketDriver,
} from "#site/simulations/your-code/websocket-driver.ts";

const chapter = { interval: "2000", delay: "50", rate: "20", seed: "1" };
const events = (values: Record<string, string>) =>
  runNotify({ pollIntervalMs: Number(values.interval), oneWayMs: Number(values.delay), eventsPerMinute: Number(values.rate), seed: Number(values.seed) }).events;
const bytes = (text: string) => new TextEncoder().encode(text);

function plan(values: Record<string, string>): SessionInput {
  const planned = websocketDriver.input(values);
  if ("message" in planned) throw new Error(planned.message);
  expect(planned.scenario).toBe("session");
  return planned.input as SessionInput;
}

async function run(file: "solution" | "starter" | keyof typeof mutants, values: Record<string, string>): Promise<SessionResult> {
  const lab = findLab("websocket");
  const source = file === "solution" || file === "starter" ? readFileSync(lab.files[file], "utf8") : applyEdits(readFileSync(lab.files.solution, "utf8"), mutants[file].edits, file);
  const compiled = compileSubmission(source);
  if (!compiled.ok) throw new Error(compiled.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run("session", plan(values));
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value as SessionResult;
  } finally {
    await sandbox.close();
  }
}

describe("Use my code: the notification simulation", () => {
  it("sends the client's subscription and Close as the built-in client frames them, masked with RFC 6455 §5.7's key", () => {
    const key = fromHex(CLIENT_MASK_KEY);
    expect(SUBSCRIBE_FRAME).toBe(toHex(wsFrame(0x1, bytes(SUBSCRIBE_TEXT), key), ""));
    expect(CLOSE_FRAME).toBe(toHex(wsFrame(0x8, Uint8Array.of(1001 >> 8, 1001 & 0xff), key), ""));
  });

  it("plays the built-in run's notifications to a server, after the subscription cut where the seed says, then the Close", () => {
    const input = plan(chapter);
    const stream = events(chapter);
    expect(input.role).toBe("server");
    expect(input.steps).toEqual([{ receive: subscribeChunks(1) }, ...stream.map((e) => ({ sendText: e.json })), { receive: [CLOSE_FRAME] }]);
    // The rate changes the notifications; the delay and poll interval do not.
    expect(plan({ ...chapter, rate: "60" }).steps.length).toBe(events({ ...chapter, rate: "60" }).length + 2);
    expect(events({ ...chapter, rate: "60" }).length).toBeGreaterThan(stream.length);
    expect(plan({ ...chapter, delay: "250", interval: "500" })).toEqual(input);
    // Every seed's pieces make the whole frame; some seeds cut it.
    const cuts = Array.from({ length: 20 }, (_, i) => subscribeChunks(i + 1));
    for (const pieces of cuts) expect(pieces.join("")).toBe(SUBSCRIBE_FRAME);
    expect(cuts.some((pieces) => pieces.length > 1)).toBe(true);
    expect(cuts.some((pieces) => pieces.length === 1)).toBe(true);
  });

  it("shows a correct server reading the subscription, framing every notification as the built-in server does, and answering the Close", async () => {
    for (const values of [chapter, { ...chapter, rate: "5", seed: "7" }]) {
      const stream = events(values);
      const read = readSession(await run("solution", values), stream);
      expect(read.subscribe.events).toEqual([{ type: "text", text: SUBSCRIBE_TEXT, length: SUBSCRIBE_TEXT.length }]);
      expect(read.frames.map((f) => f.hex)).toEqual(stream.map((e) => toHex(wsFrame(0x1, bytes(e.json)), "")));
      expect(read.frames.every((f) => f.header === 2)).toBe(true);
      expect(read.close.events).toEqual([{ type: "close", code: 1001, reason: "" }]);
      expect(["880203e9", "880203e8"]).toContain(read.close.sent);
      const payload = stream.reduce((sum, e) => sum + bytes(e.json).length, 0);
      const pieces = subscribeChunks(Number(values.seed)).length;
      expect(describeSession(read, stream.length, pieces)).toBe(
        `Your server read the client's masked subscription${pieces > 1 ? `, which arrived in ${pieces} pieces` : ""}; ` +
          `sent <strong>${stream.length}</strong> frames for the ${stream.length} notifications, ${payload + 2 * stream.length} bytes of which <strong>${2 * stream.length}</strong> are frame headers; ` +
          `answered the client's Close 1001 with <code>${toHex(fromHex(read.close.sent))}</code>.`,
      );
    }
  }, 60_000);

  it("says what the starter did: no subscription read, no frame, no Close", async () => {
    const stream = events(chapter);
    const read = readSession(await run("starter", chapter), stream);
    expect(describeSession(read, stream.length, 1)).toBe(
      `Your server did not read the client's subscription as the text {&#34;subscribe&#34;:&#34;notifications&#34;} (receive() reported no event); ` +
        `sent <strong>0 of ${stream.length}</strong> notifications as frames that carry them: its send() returned no bytes for notification 1; ` +
        "did not report the client's Close 1001 (receive() reported no event).",
    );
  }, 60_000);

  it("says what three of the lab's classic bugs do to the run: a masking server, a Close left unanswered, a key restarted at each piece", async () => {
    const stream = events(chapter);
    expect(subscribeChunks(1).length).toBeGreaterThan(1);
    const say = async (mutant: keyof typeof mutants) => describeSession(readSession(await run(mutant, chapter), stream), stream.length, subscribeChunks(1).length);
    expect(await say("server-masks")).toContain(`sent <strong>0 of ${stream.length}</strong> notifications as frames that carry them: the frame for notification 1 does not end with the notification's own bytes (a server does not mask, RFC 6455 §5.1)`);
    expect(await say("close-not-answered")).toContain("read the client's Close 1001 but sent no Close back (RFC 6455 §5.5.1 says it must)");
    // The second piece unmasked from key[0] again: bytes that are not UTF-8, so the server fails the connection (RFC 6455 §8.1) and sends nothing more.
    const restarted = await say("unmask-restarts-each-chunk");
    expect(restarted).toMatch(/^Your server did not read the client's subscription as the text .* \(it failed the connection with 1007\); sent <strong>0 of 20<\/strong> notifications as frames that carry them: its send\(\) threw on notification 1: /);
  }, 120_000);
});
