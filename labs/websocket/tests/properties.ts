/**
 * Property tests: random sessions drawn from the grading seed (fast-check),
 * each checked call by call against the oracle. A session is a stream of
 * messages (fragmented or not, text or binary, with pings and pongs between
 * the fragments) and maybe a Close, cut into random chunks; the corrupted
 * variant flips one bit of it, which breaks headers, lengths or UTF-8.
 */
import { emitFrame, OPCODE } from "#runtime/wire/websocket.ts";
import { toHex, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import type { Role, SessionInput } from "../scenarios.ts";
import { checkSession } from "./check.ts";
import { expectSession } from "./oracle.ts";
import { RULES } from "./rules.ts";

interface Drawn {
  readonly role: Role;
  readonly frames: readonly Uint8Array[];
  readonly sizes: readonly number[];
  readonly max: number;
  readonly flip?: { readonly at: number; readonly bit: number };
}

const key = fc.uint8Array({ minLength: 4, maxLength: 4 });
const control = fc.record({ opcode: fc.constantFrom(OPCODE.PING, OPCODE.PONG), data: fc.uint8Array({ maxLength: 12 }), key });
const textPayload = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 24 }).map((s) => new TextEncoder().encode(s)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 8 }) });
const message = fc.record({
  opcode: fc.constantFrom(OPCODE.TEXT, OPCODE.BINARY),
  payload: fc.oneof(textPayload, fc.uint8Array({ maxLength: 200 })),
  /** Where to cut the payload into fragments, and a control frame to put after each fragment but the last (or none). */
  cuts: fc.array(fc.record({ at: fc.nat(), between: fc.option(control, { nil: undefined }) }), { maxLength: 3 }),
  keys: fc.array(key, { minLength: 4, maxLength: 4 }),
});
const item = fc.oneof({ weight: 4, arbitrary: message }, { weight: 1, arbitrary: control });
const closing = fc.option(fc.record({ code: fc.constantFrom(1000, 1001, 1011, 3000, 4999, 1005, 2000), reason: fc.string({ maxLength: 8 }), key }), { nil: undefined });

/** The frames of one drawn session, masked with the drawn keys when the Connection under test is a server. */
function framesOf(role: Role, items: readonly (ItemValue | ControlValue)[], close: CloseValue | undefined): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const emit = (fin: boolean, opcode: number, payload: Uint8Array, k: Uint8Array) => frames.push(emitFrame({ fin, rsv: 0, opcode, mask: role === "server" ? k : null }, payload));
  for (const it of items) {
    if (!("cuts" in it)) {
      emit(true, it.opcode, it.data, it.key);
      continue;
    }
    const points = [...new Set(it.cuts.map((c) => c.at % (it.payload.length + 1)))].sort((a, b) => a - b);
    let from = 0;
    points.forEach((to, i) => {
      emit(false, i === 0 ? it.opcode : OPCODE.CONTINUATION, it.payload.subarray(from, to), it.keys[i % 4]!);
      const between = it.cuts[i]?.between;
      if (between !== undefined) emit(true, between.opcode, between.data, between.key);
      from = to;
    });
    emit(true, points.length === 0 ? it.opcode : OPCODE.CONTINUATION, it.payload.subarray(from), it.keys[3]!);
  }
  if (close !== undefined) {
    const reason = new TextEncoder().encode(close.reason);
    emit(true, OPCODE.CLOSE, Uint8Array.from([close.code >> 8, close.code & 0xff, ...reason]), close.key);
  }
  return frames;
}

type ItemValue = typeof message extends fc.Arbitrary<infer T> ? T : never;
type ControlValue = typeof control extends fc.Arbitrary<infer T> ? T : never;
type CloseValue = typeof closing extends fc.Arbitrary<infer T> ? Exclude<T, undefined> : never;

function drawn(corrupt: boolean, roles: readonly Role[]): fc.Arbitrary<Drawn> {
  return fc
    .record({
      role: fc.constantFrom(...roles),
      items: fc.array(item, { minLength: 1, maxLength: 5 }),
      close: closing,
      sizes: fc.array(fc.integer({ min: 1, max: 48 }), { minLength: 1, maxLength: 6 }),
      max: fc.constantFrom(1 << 20, 150, 64),
      flip: fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    })
    .map(({ role, items, close, sizes, max, flip }) => {
      const frames = framesOf(role, items as readonly (ItemValue | ControlValue)[], close);
      return corrupt ? { role, frames, sizes, max, flip } : { role, frames, sizes, max };
    });
}

/** The drawn stream, corrupted if asked, cut into chunks by cycling through `sizes`. */
function input(d: Drawn, seed: number): SessionInput {
  const total = d.frames.reduce((n, f) => n + f.length, 0);
  const stream = new Uint8Array(total);
  let at = 0;
  for (const f of d.frames) {
    stream.set(f, at);
    at += f.length;
  }
  if (d.flip !== undefined) stream[d.flip.at % total] = stream[d.flip.at % total]! ^ (1 << d.flip.bit);
  const chunks: string[] = [];
  for (let from = 0, i = 0; from < total; i++) {
    const size = d.sizes[i % d.sizes.length]!;
    chunks.push(toHex(stream.subarray(from, from + size)));
    from += size;
  }
  return { role: d.role, maskSeed: seed, maxMessageBytes: d.max, steps: [{ receive: chunks }] };
}

function show(d: Drawn): string {
  return [
    `role ${d.role}, maxMessageBytes ${d.max}`,
    ...d.frames.map((f, i) => `frame ${i + 1}: ${toHex(f)}`),
    ...(d.flip === undefined ? [] : [`then bit ${d.flip.bit} of byte ${d.flip.at} (mod the length) flipped`]),
    `cut into chunks of ${d.sizes.join(", ")}, … bytes`,
  ].join("\n");
}

async function property(t: TestContext, corrupt: boolean, roles: readonly Role[], runs: number, salt: number): Promise<void> {
  await checkProperty(t, { arbitrary: drawn(corrupt, roles), runs, salt, show }, async (d) => {
    const session = input(d, t.seed);
    await checkSession(t, session, expectSession(session));
  });
}

export function propertyTests(describe: TestRegistry["describe"], it: TestRegistry["it"]): void {
  describe("random sessions", () => {
    it(
      "random valid sessions, cut into random chunks: every event and frame as the rules say",
      { points: 4, rule: `${RULES.fragments}. ${RULES.chunks}`, hint: "The message shows the smallest failing session: feed those chunks to your Connection locally." },
      (t) => property(t, false, ["server", "client"], 50, 1),
    );

    it(
      "random sessions with one bit flipped: the connection fails exactly where the rules say",
      { points: 4, rule: `${RULES.framing}. ${RULES.reserved}. ${RULES.utf8}. ${RULES.fail}`, hint: "The flipped bit may hit RSV, an opcode, FIN, MASK, a length or a text byte: each is caught by one rule, in the call that completes the header or brings the bad byte." },
      (t) => property(t, true, ["server", "client"], 80, 2),
    );
  });
}
