/**
 * End-to-end property: two of the learner's connections over the runtime's
 * simulated link, with seeds, losses, sizes and initial sequence numbers
 * drawn from the grading seed. The invariants are the protocol's promise
 * (RFC 9293 §3.5, §3.6): each side delivers exactly what the other sent, in
 * order, and both reach CLOSED.
 */
import { describeSegment } from "../segment-text.ts";
import { fail, fromHex, LabAssertionError, preview, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import { MOMENT_MARK } from "#labs/kit/trace.ts";
import type { PairInput, PairResult, PairSide } from "../scenarios.ts";

const UNTIL_MS = 120_000;

function pairArbitrary(profile: string | undefined): fc.Arbitrary<PairInput> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      loss: fc.constantFrom(0, 0.05, 0.1, 0.2),
      delayMs: fc.integer({ min: 1, max: 40 }),
      clientIss: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0xfffff000, max: 0xffffffff })),
      serverIss: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0xfffff000, max: 0xffffffff })),
      mss: fc.integer({ min: 50, max: 1000 }),
      clientWindow: fc.integer({ min: 30, max: 5000 }),
      serverWindow: fc.integer({ min: 30, max: 5000 }),
      rtoMs: fc.integer({ min: 100, max: 400 }),
      mslMs: fc.integer({ min: 300, max: 2000 }),
      clientBytes: fc.integer({ min: 0, max: 1500 }),
      serverBytes: fc.integer({ min: 0, max: 3000 }),
    })
    .map((r): PairInput => {
      const common = { mss: r.mss, rtoMs: r.rtoMs, mslMs: r.mslMs };
      return {
        seed: r.seed,
        link: profile === undefined ? { loss: r.loss, delayMs: r.delayMs } : { profile },
        client: { localAddress: "10.0.0.1", localPort: 40001, remoteAddress: "10.0.0.2", remotePort: 80, iss: r.clientIss, window: r.clientWindow, ...common },
        server: { localAddress: "10.0.0.2", localPort: 80, remoteAddress: "10.0.0.1", remotePort: 40001, iss: r.serverIss, window: r.serverWindow, ...common },
        clientData: pattern(r.clientBytes, 0x10),
        serverData: pattern(r.serverBytes, 0x80),
        untilMs: UNTIL_MS,
      };
    });
}

function pattern(n: number, salt: number): string {
  let hex = "";
  for (let i = 0; i < n; i++) hex += ((i * 7 + salt + (i >> 8)) & 0xff).toString(16).padStart(2, "0");
  return hex;
}

function show(input: PairInput): string {
  const link = "profile" in input.link ? `profile ${input.link.profile}` : `loss ${input.link.loss}, delay ${input.link.delayMs} ms`;
  const side = (name: string, c: PairInput["client"], data: string) => `${name}: iss ${c.iss}, window ${c.window}, sends ${data.length / 2} bytes`;
  return [
    `seed ${input.seed}, ${link}, mss ${input.client.mss}, rtoMs ${input.client.rtoMs}, mslMs ${input.client.mslMs}`,
    side("client", input.client, input.clientData),
    side("server", input.server, input.serverData),
  ].join("\n");
}

/**
 * Runs `runs` drawn pairs and checks the invariants. When one fails, the
 * smallest failing input is run once more (the last failing input fast-check
 * tried is the one it reports), so the workbench's "Show the ladder" draws
 * that run, and the step marked with MOMENT_MARK says when it went wrong.
 * The verdict is the property's: the replay only explains it.
 */
export async function checkPairs(t: TestContext, options: { readonly runs: number; readonly salt: number; readonly profile?: string }): Promise<void> {
  t.step("the client connects, sends its bytes and closes; the server listens, sends its bytes once established, and closes on CLOSE-WAIT");
  let smallest: PairInput | undefined;
  try {
    await checkProperty(t, { arbitrary: pairArbitrary(options.profile), runs: options.runs, salt: options.salt, show }, async (input) => {
      const result = await t.run<PairResult>("pair", input);
      try {
        check(input, result);
      } catch (error) {
        smallest = input;
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof LabAssertionError && smallest !== undefined) await markMoment(t, smallest);
    throw error;
  }
}

/** Replays `input` and adds a step saying when its first problem happened (when the replay shows one). */
async function markMoment(t: TestContext, input: PairInput): Promise<void> {
  let result: PairResult;
  try {
    result = await t.run<PairResult>("pair", { ...input, deliveries: true });
  } catch {
    return; // the property's own message stands
  }
  const moment = firstProblem(input, result);
  if (moment !== undefined) t.step(`${MOMENT_MARK} ${moment.atMs.toFixed(3).padStart(9)} ms ${moment.what}`);
}

/** When the first thing the invariants reject happened in a pair run, and what it was. */
export function firstProblem(input: PairInput, result: PairResult): { atMs: number; what: string } | undefined {
  const sides = [["client", result.client, input.serverData], ["server", result.server, input.clientData]] as const;
  const problems: { atMs: number; what: string }[] = [];
  for (const [name, side, sent] of sides) {
    if (side.error !== undefined) problems.push({ atMs: side.errorAtMs ?? 0, what: `the ${name}'s code threw ${side.error}` });
    const wrong = firstWrongDelivery(side, fromHex(sent));
    if (wrong !== undefined) problems.push({ atMs: wrong, what: `the ${name} delivered a byte the other side did not send there` });
  }
  if (problems.length > 0) return problems.sort((a, b) => a.atMs - b.atMs)[0];
  // Nothing wrong was delivered: some bytes never came, or a side never reached CLOSED. After the last segment, nothing changed.
  const last = result.ladder.at(-1);
  const stuck = sides.filter(([, side, sent]) => side.state !== "CLOSED" || fromHex(side.delivered).length < fromHex(sent).length).map(([name, side]) => `the ${name} (${side.state})`);
  if (last === undefined || stuck.length === 0) return undefined;
  return { atMs: last.atMs, what: `the last segment on the wire; after it nothing more happened for ${stuck.join(" and ")}` };
}

/** When `side` delivered its first byte that differs from `sent` (or past its end), from its deliveries. */
function firstWrongDelivery(side: PairSide, sent: Uint8Array): number | undefined {
  const got = fromHex(side.delivered);
  let at = 0;
  while (at < got.length && at < sent.length && got[at] === sent[at]) at++;
  if (at === got.length) return undefined; // a prefix: nothing wrong delivered, maybe too little
  return side.deliveries?.find((d) => d.total > at)?.atMs;
}

function check(input: PairInput, result: PairResult): void {
  const wire = () => {
    const lines = result.ladder.map((w) => `  ${w.atMs.toFixed(1).padStart(9)} ms ${w.from.padEnd(6)} ${describeSegment(fromHex(w.hex))}${w.lost ? " (lost)" : ""}`);
    return lines.length > 40 ? [...lines.slice(0, 20), `  … ${lines.length - 40} more …`, ...lines.slice(-20)].join("\n") : lines.join("\n");
  };
  for (const [name, side] of [["client", result.client], ["server", result.server]] as const) {
    if (side.error !== undefined) fail(`The ${name} threw ${side.error}.\nSegments:\n${wire()}`);
  }
  const expect = (name: string, got: string, sent: string) => {
    const a = fromHex(got);
    const b = fromHex(sent);
    if (got === sent) return;
    let at = 0;
    while (at < a.length && at < b.length && a[at] === b[at]) at++;
    fail(
      `The ${name} delivered ${a.length} bytes, but the other side sent ${b.length}; they differ from byte ${at} ` +
        `(delivered ${at < a.length ? preview(a.subarray(at), 8) : "nothing more"}, sent ${at < b.length ? preview(b.subarray(at), 8) : "nothing more"}).\nSegments:\n${wire()}`,
    );
  };
  expect("server", result.server.delivered, toSpaced(input.clientData));
  expect("client", result.client.delivered, toSpaced(input.serverData));
  for (const [name, side] of [["client", result.client], ["server", result.server]] as const) {
    if (side.state !== "CLOSED") fail(`After ${UNTIL_MS / 1000} s the ${name} is in ${side.state}, not CLOSED.\nSegments:\n${wire()}`);
  }
}

/** The harness reports hex with spaces (toHex); the inputs are compact. */
function toSpaced(hex: string): string {
  return hex.replace(/(..)(?=.)/g, "$1 ");
}
