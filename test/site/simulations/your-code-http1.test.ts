/**
 * "Use my code" on the HTTP/1.x exchange simulation (site/src/simulations/your-code/http1-driver.ts):
 * the built-in run's segments for the chapter's controls become the http1 lab's `parse` scenario,
 * run here with the lab's reference solution and starter in the Node sandbox, through the lab's
 * harness only.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { ParseInput, ParseOutcome } from "#labs/http1/scenarios.ts";
import { EXCHANGE_FILES, LOSSES, MODES, RTTS } from "#site/simulations/http/exchange-controls.ts";
import { runExchange, type ExchangeMode } from "#site/simulations/http/exchange.ts";
import { MSS as TRANSPORT_MSS } from "#site/simulations/http/transport.ts";
import {
  describeExchange,
  http1Driver,
  MSS,
  parserMarks,
  requestText,
  REQUEST_BYTES,
  RESPONSE_HEADER_BYTES,
  responseText,
  streamsOf,
  type Stream,
} from "#site/simulations/your-code/http1-driver.ts";

async function run(file: "solution" | "starter", values: Record<string, string>): Promise<ParseOutcome[]> {
  const lab = findLab("http1");
  const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const plan = http1Driver.input(values);
  if ("message" in plan) throw new Error(plan.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run(plan.scenario, plan.input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value as ParseOutcome[];
  } finally {
    await sandbox.close();
  }
}

function streams(mode: ExchangeMode, rttMs: number, lossRate: number, seed: number): Stream[] {
  const found = streamsOf(runExchange({ mode, rttMs, lossRate, seed }), mode);
  if (typeof found === "string") throw new Error(found);
  return found;
}

const octets = (hex: string) => hex.split(" ").filter((h) => h !== "").length;

describe("Use my code: the HTTP/1.x exchange simulation", () => {
  it("writes real messages of the built-in model's sizes, cut at its MSS", () => {
    expect(MSS).toBe(TRANSPORT_MSS);
    for (const [mode] of MODES) {
      EXCHANGE_FILES.forEach((file, tag) => {
        expect(requestText(tag, mode)).toHaveLength(REQUEST_BYTES);
        expect(requestText(tag, mode)).toMatch(new RegExp(`^GET ${file.path.replace(".", "\\.")} HTTP/1\\.1\\r\\nHost: www\\.example\\.com\\r\\n`));
        const { head, body } = responseText(tag, mode);
        expect(head).toHaveLength(RESPONSE_HEADER_BYTES);
        expect(head).toContain(`\r\nContent-Length: ${file.bytes}\r\n`);
        expect(body).toHaveLength(file.bytes);
      });
      expect(requestText(0, mode).includes("Connection: close")).toBe(mode === "close");
    }
  });

  it("places every segment of the built-in run and delivers the last response when the built-in browser has it", () => {
    for (const [mode] of MODES) {
      for (const [rtt] of RTTS) {
        for (const [loss] of LOSSES) {
          for (let seed = 1; seed <= 5; seed++) {
            const result = runExchange({ mode, rttMs: Number(rtt), lossRate: Number(loss), seed });
            const found = streamsOf(result, mode);
            if (typeof found === "string") throw new Error(`${mode} ${rtt} ${loss} ${seed}: ${found}`);
            expect(found).toHaveLength(mode === "close" ? 6 : 2);
            expect(found.every((s) => s.complete)).toBe(true);
            // Every octet once, in order: the pieces join up to the messages sent.
            for (const s of found) {
              const sent = s.tags.map((tag) => (s.role === "request" ? requestText(tag, mode) : Object.values(responseText(tag, mode)).join(""))).join("");
              expect(s.pieces.reduce((n, p) => n + octets(p.hex), 0)).toBe(sent.length);
              expect(s.pieces.map((p) => p.atMs)).toEqual([...s.pieces.map((p) => p.atMs)].sort((a, b) => a - b));
            }
            const last = Math.max(...found.filter((s) => s.role === "response").map((s) => s.pieces.at(-1)!.atMs));
            expect(last).toBe(result.doneMs);
          }
        }
      }
    }
  });

  it("pushes what TCP delivered: four segments of responses on a pipelined connection, a held one with the retransmission that frees it", () => {
    const pipelined = streams("pipeline", 50, 0, 1);
    expect(pipelined.map((s) => [s.role, s.pieces.map((p) => octets(p.hex))])).toEqual([
      ["request", [900]],
      ["response", [1400, 1400, 1400, 1100]],
    ]);
    // Some lossy pipelined run delivers two or more segments in one piece (they waited behind a hole).
    const lossy = Array.from({ length: 30 }, (_, i) => streams("pipeline", 50, 0.25, i + 1)).find((s) => s[1]!.pieces.some((p) => octets(p.hex) > MSS));
    expect(lossy).toBeDefined();
    const closed = streams("close", 20, 0, 1);
    expect(closed.map((s) => `${s.role} ${s.conn}: ${s.pieces.map((p) => octets(p.hex)).join(",")}`)).toEqual([
      "request 0: 300",
      "response 0: 1400,1400",
      "request 1: 300",
      "response 1: 1400",
      "request 2: 300",
      "response 2: 1100",
    ]);
  });

  it("maps the controls to the parse scenario: a request and a response stream per connection", () => {
    const plan = http1Driver.input({ mode: "keep-alive", rtt: "100", loss: "0.1", seed: "4" });
    if ("message" in plan) throw new Error(plan.message);
    expect(plan.scenario).toBe("parse");
    const cases = (plan.input as ParseInput).cases;
    expect(cases.map((c) => c.role)).toEqual(["request", "response"]);
    expect(cases[1]!.methods).toEqual(["GET", "GET", "GET"]);
    expect(cases[0]!.methods).toBeUndefined();
    const close = http1Driver.input({ mode: "close", rtt: "20", loss: "0", seed: "1" });
    expect((close as { input: ParseInput }).input.cases).toHaveLength(6);
    // Another seed changes the run only with loss: where the pieces are cut, and when they arrive.
    const seeds = (loss: string) => Array.from({ length: 10 }, (_, i) => JSON.stringify(http1Driver.input({ mode: "pipeline", loss, seed: String(i + 1) })));
    expect(new Set(seeds("0")).size).toBe(1);
    expect(new Set(seeds("0.25")).size).toBeGreaterThan(1);
    expect(streams("pipeline", 50, 0.25, 2).map((s) => s.pieces.map((p) => p.atMs))).not.toEqual(streams("pipeline", 50, 0.25, 3).map((s) => s.pieces.map((p) => p.atMs)));
  });

  it("runs a correct Parser: all three responses, done when the built-in browser is, and each message marked where it came out", async () => {
    const values = { mode: "pipeline", rtt: "50", loss: "0.1", seed: "2" };
    const outcomes = await run("solution", values);
    const found = streams("pipeline", 50, 0.1, 2);
    const result = runExchange({ mode: "pipeline", rttMs: 50, lossRate: 0.1, seed: 2 });
    expect(outcomes.map((o) => o.messages.length)).toEqual([3, 3]);
    expect(outcomes[1]!.messages.map((m) => [m.status, octets(m.body)])).toEqual(EXCHANGE_FILES.map((f) => [200, f.bytes]));
    const summary = describeExchange(found, outcomes, result, "pipeline");
    expect(summary).toMatch(/^Your Parser read all 3 responses \(200 OK, bodies of 2600, 1200, 900 octets\), the last complete at <strong>[\d.]+ m?s<\/strong> \(the built-in browser: [\d.]+ m?s\), and as the server all 3 requests, from <strong>\d+<\/strong> pieces\.$/);
    const marks = parserMarks(found, outcomes);
    expect(marks.filter((m) => m.side === "left").map((m) => m.label)).toEqual(["parsed 200 OK, 2600 B", "parsed 200 OK, 1200 B", "parsed 200 OK, 900 B"]);
    expect(marks.filter((m) => m.side === "right").map((m) => m.label)).toEqual(["parsed GET /", "parsed GET /style.css", "parsed GET /logo.svg"]);
    expect(Math.max(...marks.map((m) => m.t))).toBe(result.doneMs);
    expect(parserMarks(found, outcomes, true).map((m) => m.label)).toContain("200 OK 1200 B");
    // A response parser that cuts a body short and then throws: the summary says which response and what it threw.
    const [requests, responses] = outcomes as [ParseOutcome, ParseOutcome];
    const short: ParseOutcome = { messages: [responses.messages[0]!, { ...responses.messages[1]!, body: "61 62" }], error: { kind: "bad-chunk", message: "not hex", at: 2 } };
    expect(describeExchange(found, [requests, short], result, "pipeline")).toBe(
      "Your Parser read <strong>2 of 3</strong> responses and 3 of 3 requests from 5 pieces: the response for /style.css has a 2-octet body, not the 1200 octets sent; the response for /logo.svg never came out; your response Parser threw bad-chunk: not hex.",
    );
    expect(parserMarks(found, [requests, short]).filter((m) => m.kind === "note").map((m) => m.label)).toEqual(["threw bad-chunk"]);
  }, 60_000);

  it("says the starter's Parser returned nothing", async () => {
    const outcomes = await run("starter", { mode: "keep-alive", rtt: "50", loss: "0", seed: "1" });
    const found = streams("keep-alive", 50, 0, 1);
    const summary = describeExchange(found, outcomes, runExchange({ mode: "keep-alive", rttMs: 50, lossRate: 0, seed: 1 }), "keep-alive");
    expect(summary).toMatch(/^Your Parser returned no message from the 7 pieces it was pushed: the request for \/ never came out/);
    expect(parserMarks(found, outcomes)).toEqual([]);
  }, 60_000);
});
