/**
 * "Use my code" drivers (site/src/simulations/your-code/): a chapter's
 * controls become a harness scenario that runs the learner's code, and the
 * result reads as the learner's run. Run here with each lab's reference
 * solution and starter in the Node sandbox, through the lab's harness only.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { TransferResult } from "#labs/arq/scenarios.ts";
import type { BulkResult } from "#labs/congestion/scenarios.ts";
import { arqDriver, describeTransfer } from "#site/simulations/your-code/arq-driver.ts";
import { congestionDriver, describeBulk, lossScript, windowPoints } from "#site/simulations/your-code/congestion-driver.ts";
import type { Driver } from "#site/simulations/your-code/types.ts";
import type { EncodeStep } from "#labs/hpack/scenarios.ts";
import { HPACK_PRESETS } from "#site/simulations/http/hpack-presets.ts";
import { http1Size, parseRequests } from "#site/simulations/http/hpack-requests.ts";
import { describeEncode, hpackDriver } from "#site/simulations/your-code/hpack-driver.ts";
import type { PairInput, PairResult } from "#labs/tcp/scenarios.ts";
import { describePair, pairLadder, tcpDriver } from "#site/simulations/your-code/tcp-driver.ts";
import { REQUEST_BYTES, RESPONSE_BYTES } from "#site/simulations/tcp-udp/handshake-controls.ts";

async function run(labId: string, file: "solution" | "starter", driver: Driver, values: Record<string, string>): Promise<unknown> {
  const lab = findLab(labId);
  const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const plan = driver.input(values);
  if ("message" in plan) throw new Error(plan.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run(plan.scenario, plan.input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  } finally {
    await sandbox.close();
  }
}

describe("Use my code: the ARQ loss simulation", () => {
  const chapter = { protocol: "go-back-n", loss: "0.1", window: "4", seed: "9" };

  it("runs a correct Sender and Receiver over the chapter's link and says they delivered everything", async () => {
    const result = (await run("arq", "solution", arqDriver, chapter)) as TransferResult;
    expect(result.delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.counts.impaired).toBeGreaterThan(0);
    expect(describeTransfer(result)).toMatch(/^Your code delivered all 8 messages in order by <strong>[\d.]+ ms<\/strong>/);
  }, 60_000);

  it("says what the starter's code does: nothing accepted, nothing delivered", async () => {
    const result = (await run("arq", "starter", arqDriver, chapter)) as TransferResult;
    expect(describeTransfer(result)).toContain("Your code delivered <strong>0 of 8</strong> messages: its Sender accepted no message (offer() returned false every time)");
  }, 60_000);

  it("has nothing to run for plain UDP, and passes the chosen window and mode", () => {
    expect(arqDriver.input({ protocol: "none" })).toEqual({ message: expect.stringContaining("Plain UDP has no ARQ") });
    const plan = arqDriver.input({ protocol: "selective-repeat", loss: "0", window: "8", seed: "2" });
    expect(plan).toMatchObject({ scenario: "transfer", input: { options: { mode: "selective-repeat", window: 8 }, seed: 2, data: { delayMs: 20, rate: 200_000 } } });
    expect(arqDriver.input({ protocol: "stop-and-wait", window: "6" })).toMatchObject({ input: { options: { window: 1 } } });
  });
});

describe("Use my code: the congestion sawtooth", () => {
  const chapter = { variant: "newreno", queue: "20", loss: "0", rtt: "50", seed: "1" };

  it("plots a correct controller's sawtooth over the whole 20 seconds", async () => {
    const started = performance.now();
    const result = (await run("congestion", "solution", congestionDriver, chapter)) as BulkResult;
    console.log(`congestion bulk run for the sawtooth: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(result.callsTruncated).toBe(false);
    const points = windowPoints(result);
    expect(points.at(-1)!.t).toBe(20_000);
    expect(Math.max(...points.map((p) => p.cwnd))).toBeGreaterThan(30);
    expect(result.reductions).toBeGreaterThan(2);
    expect(describeBulk(result)).not.toContain("never changed");
  }, 120_000);

  it("shows the starter's flat window", async () => {
    const result = (await run("congestion", "starter", congestionDriver, chapter)) as BulkResult;
    expect(describeBulk(result)).toContain("Its cwnd never changed from 1 segment.");
  }, 120_000);

  it("turns the random loss rate into a seeded script of dropped first transmissions", () => {
    expect(lossScript(0, 1)).toEqual([]);
    const script = lossScript(0.02, 3);
    expect(script).toEqual(lossScript(0.02, 3));
    expect(script).not.toEqual(lossScript(0.02, 4));
    expect(script.length).toBeGreaterThan(200);
    expect(script.every((offset) => offset % 1460 === 0)).toBe(true);
  });
});

describe("Use my code: the HPACK simulation", () => {
  const requests = HPACK_PRESETS.browser!.text;
  const chapter = { preset: "browser", table: "on", huffman: "on", size: "4096", requests };
  const texts = parseRequests(requests).map((request) => http1Size(request));

  it("encodes the chapter's requests with a correct Encoder, smaller than the text and smaller again for repeats", async () => {
    const steps = (await run("hpack", "solution", hpackDriver, chapter)) as EncodeStep[];
    expect(steps).toHaveLength(texts.length);
    const sizes = steps.map((step) => ("hex" in step ? step.hex.length / 2 : NaN));
    expect(sizes.every((size, i) => size < texts[i]!)).toBe(true);
    expect(sizes.at(-1)!).toBeLessThan(sizes[0]!);
    expect(describeEncode(steps, texts, true)).toMatch(/^Your encoder: <strong>\d+ bytes<\/strong> of HPACK for \d+ requests, against \d+ bytes as HTTP\/1.1 text \(<strong>\d+%<\/strong> smaller\), Huffman on/);
  }, 60_000);

  it("says where the starter's Encoder threw", async () => {
    const steps = (await run("hpack", "starter", hpackDriver, chapter)) as EncodeStep[];
    expect(describeEncode(steps, texts, true)).toMatch(/^Your encoder threw on request 1: .*not implemented/);
  }, 60_000);

  it("passes the Huffman choice and table size, and has nothing to encode without requests", () => {
    expect(hpackDriver.input({ ...chapter, requests: "" })).toEqual({ message: expect.stringContaining("at least one request") });
    const plan = hpackDriver.input({ ...chapter, huffman: "off", size: "128" });
    expect(plan).toMatchObject({ scenario: "encode", input: { maxTableSize: 128 } });
    const blocks = (plan as { input: { blocks: { huffman: boolean }[] } }).input.blocks;
    expect(blocks).toHaveLength(texts.length);
    expect(blocks.every((block) => !block.huffman)).toBe(true);
  });
});

describe("Use my code: the TCP connection simulation", () => {
  const chapter = { delay: "50", drop: "none", loss: "0", seed: "1" };

  it("runs a correct Connection as client and server: handshake, request, response, close and TIME-WAIT, in relative numbers", async () => {
    const result = (await run("tcp", "solution", tcpDriver, chapter)) as PairResult;
    const ladder = pairLadder(result);
    expect(ladder.packets.slice(0, 3).map((p) => p.label)).toEqual(["SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK seq=1 ack=1"]);
    expect(ladder.packets.some((p) => p.label === `PSH,ACK seq=1 ack=1 len=${REQUEST_BYTES}` || p.label === `ACK seq=1 ack=1 len=${REQUEST_BYTES}`)).toBe(true);
    const deliveries = ladder.marks.filter((m) => m.kind === "deliver").map((m) => `${m.side} ${m.label}`);
    expect(deliveries.sort()).toEqual([`left app gets ${RESPONSE_BYTES} B`, `right app gets ${REQUEST_BYTES} B`]);
    expect(result.server.closedAtMs).not.toBeNull();
    // TIME-WAIT: 2 × MSL = 4 minutes after the client's last ACK (RFC 9293 §3.10.7.4).
    expect(result.client.closedAtMs! - result.server.closedAtMs!).toBeCloseTo(240_000 - 50, 0);
    const summary = describePair(result);
    expect(summary).toMatch(/^Your code: the client had the 600-byte response at <strong>[\d.]+ ms<\/strong>; the server had the 80-byte request at <strong>[\d.]+ ms<\/strong>; the server CLOSED at [\d.]+ ms; the client CLOSED at [\d.]+ s, after TIME-WAIT/);
    expect(summary).toContain("(0 lost on the link, 0 sent again)");
  }, 60_000);

  it("recovers from random loss with a correct Connection, and counts what it sent again", async () => {
    const result = (await run("tcp", "solution", tcpDriver, { ...chapter, loss: "0.3", seed: "2" })) as PairResult;
    const lost = result.ladder.filter((s) => s.lost).length;
    expect(lost).toBeGreaterThan(0);
    expect(result.client.delivered.replace(/ /g, "")).toHaveLength(2 * RESPONSE_BYTES);
    expect(describePair(result)).toMatch(new RegExp(`\\(${lost} lost on the link, [1-9]\\d* sent again\\)`));
  }, 60_000);

  it("says the starter sent nothing", async () => {
    const result = (await run("tcp", "starter", tcpDriver, chapter)) as PairResult;
    expect(describePair(result)).toContain("Your code sent no segment: <code>connect()</code> sent no SYN");
  }, 60_000);

  it("passes the delay, loss rate and seed, and the built-in side's sizes, RTO and MSL", () => {
    const plan = tcpDriver.input({ delay: "120", drop: "SYN", loss: "0.2", seed: "7" });
    expect(plan).toMatchObject({ scenario: "pair", input: { seed: 7, link: { loss: 0.2, delayMs: 120 }, client: { rtoMs: 1000, mslMs: 120_000, localPort: 49152 }, server: { localPort: 80 }, deliveries: true } });
    const input = (plan as { input: PairInput }).input;
    expect([input.clientData.length / 2, input.serverData.length / 2]).toEqual([REQUEST_BYTES, RESPONSE_BYTES]);
  });
});
