/**
 * End-to-end property: two of the learner's connections over the runtime's
 * simulated link, with seeds, losses, sizes and initial sequence numbers
 * drawn from the grading seed. The invariants are the protocol's promise
 * (RFC 9293 §3.5, §3.6): each side delivers exactly what the other sent, in
 * order, and both reach CLOSED.
 */
import { describeSegment } from "../harness.ts";
import { fail, fromHex, preview, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import type { PairInput, PairResult } from "../scenarios.ts";

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

/** Runs `runs` drawn pairs and checks the invariants. */
export async function checkPairs(t: TestContext, options: { readonly runs: number; readonly salt: number; readonly profile?: string }): Promise<void> {
  t.step("the client connects, sends its bytes and closes; the server listens, sends its bytes once established, and closes on CLOSE-WAIT");
  await checkProperty(t, { arbitrary: pairArbitrary(options.profile), runs: options.runs, salt: options.salt, show }, async (input) => {
    const result = await t.run<PairResult>("pair", input);
    check(input, result);
  });
}

function check(input: PairInput, result: PairResult): void {
  const wire = () => {
    const lines = result.wire.map((w) => `  ${w.atMs.toFixed(1).padStart(9)} ms ${w.from.padEnd(6)} ${describeSegment(fromHex(w.hex))}${w.lost ? " (lost)" : ""}`);
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
