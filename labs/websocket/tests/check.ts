/**
 * Running a session in the sandbox and checking every call against what it
 * must give. Public and hidden tests share this file; the expectations come
 * from the caller (written out in the public tests, the oracle in the hidden
 * ones), never from here.
 */
import { utf8Check } from "#runtime/wire/utf8.ts";
import { OPCODE, parseFrameHeader, applyMask } from "#runtime/wire/websocket.ts";
import { expectBytes, fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import type { CallResult, EventView, Role, SessionInput, SessionResult, Step } from "../scenarios.ts";

/** A frame the endpoint must send: its opcode and payload, or a Close frame with one of `codes` (null: empty body) and any valid reason. */
export type ExpectedFrame = { readonly opcode: number; readonly payload: Uint8Array } | { readonly opcode: typeof OPCODE.CLOSE; readonly codes: readonly (number | null)[] };

/** What one call must give. */
export interface ExpectedCall {
  readonly events: readonly EventView[];
  /** A fail event may carry any of these codes. */
  readonly failCodes?: readonly number[];
  readonly frames: readonly ExpectedFrame[];
  /** The call must throw (and change nothing); why. */
  readonly throws?: string;
  readonly why: readonly string[];
}

const NAMES: Record<number, string> = { 0: "CONTINUATION", 1: "TEXT", 2: "BINARY", 8: "CLOSE", 9: "PING", 10: "PONG" };

/** Runs `input` and checks it call by call against `expected` (one list of calls per step). */
export async function checkSession(t: TestContext, input: SessionInput, expected: readonly (readonly ExpectedCall[])[]): Promise<void> {
  t.step(`new Connection({ role: "${input.role}", maxMessageBytes: ${input.maxMessageBytes ?? 1 << 20}, maskKey })${input.offset ? ` (each chunk a view at byteOffset ${input.offset})` : ""}`);
  const result = await t.run<SessionResult>("session", input);
  input.steps.forEach((step, s) => {
    const actual = result.steps[s]!;
    expected[s]!.forEach((want, c) => {
      t.step(describeCall(step, c));
      const got: CallResult = actual.calls.find((call) => call.chunk === c) ?? { chunk: c, events: [], sent: "", keys: [] };
      checkCall(t, input.role, describeCall(step, c), got, want);
    });
    if (actual.changedInput !== undefined) {
      fail(`${describeStep(step)}: receive() changed the bytes it was given (now ${actual.changedInput}). Unmask a copy: the caller owns those bytes.`);
    }
  });
  if (result.changedLater.length > 0) {
    fail(`Bytes your code returned changed after later calls (${result.changedLater.slice(0, 3).join("; ")}). Return new Uint8Arrays, not views of a buffer you reuse.`);
  }
}

function checkCall(t: TestContext, role: Role, label: string, got: CallResult, want: ExpectedCall): void {
  for (const why of want.why) t.step(`  ${why}`);
  if (want.throws !== undefined) {
    if (got.error === undefined) fail(`${label} must throw: ${want.throws}. It returned ${got.sent === "" ? "nothing" : got.sent}.`);
    return;
  }
  if (got.error !== undefined) fail(`${label} threw ${got.error}\nIt must give events ${showEvents(want.events)} and send ${showFrames(want.frames)}.`);
  checkEvents(label, got.events, want);
  checkFrames(label, role, got, want.frames);
}

function checkEvents(label: string, got: readonly EventView[], want: ExpectedCall): void {
  const same = (a: EventView, b: EventView) =>
    a.type === "fail" && b.type === "fail" && want.failCodes !== undefined ? want.failCodes.includes(a.code) : JSON.stringify(a) === JSON.stringify(b);
  const at = firstDifference(got, want.events, same);
  if (at === -1) return;
  fail(
    [
      `${label}: event ${at + 1} is wrong.`,
      `  expected events: ${showEvents(want.events)}`,
      `  your events:     ${showEvents(got)}`,
      ...(want.failCodes !== undefined ? [`  (a fail event may carry ${want.failCodes.join(" or ")})`] : []),
    ].join("\n"),
  );
}

/** The sent bytes as frames, each checked for the rules of a frame this endpoint sends, then compared with `want`. */
function checkFrames(label: string, role: Role, got: CallResult, want: readonly ExpectedFrame[]): void {
  const bytes = fromHex(got.sent);
  const frames: { opcode: number; payload: Uint8Array; at: number }[] = [];
  let at = 0;
  while (at < bytes.length) {
    const h = parseFrameHeader(bytes.subarray(at));
    if (h === null || at + h.headerLength + h.payloadLength > bytes.length) {
      fail(`${label}: the bytes you sent end inside a frame (frame ${frames.length + 1} starts at byte ${at}):\n  ${got.sent}`);
    }
    const where = `${label}: frame ${frames.length + 1} you sent (${NAMES[h.repr.opcode] ?? `opcode ${h.repr.opcode}`})`;
    if (!h.repr.fin || h.repr.rsv !== 0) fail(`${where} has FIN ${h.repr.fin ? 1 : 0} and RSV ${h.repr.rsv}: send every message as one frame, FIN 1, RSV 0 (lab contract, §5.2).\n  ${toHex(bytes.subarray(at, at + 14))}\n  ^^`);
    if (h.lengthEncoding !== "minimal") fail(`${where} encodes its length ${h.payloadLength} in more bytes than needed: the minimal encoding MUST be used (§5.2): 0-125 in 7 bits, 126-65535 as 126 + 16 bits, more as 127 + 64 bits.\n  ${toHex(bytes.subarray(at, at + 10))}`);
    const key = got.keys[frames.length];
    if (role === "server" && h.repr.mask !== null) fail(`${where} is masked: a server MUST NOT mask what it sends (§5.1).\n  ${toHex(bytes.subarray(at, at + 2))}\n     ^^ (MASK bit set)`);
    if (role === "client") {
      if (h.repr.mask === null) fail(`${where} is not masked: a client MUST mask every frame it sends (§5.1, §5.3).\n  ${toHex(bytes.subarray(at, at + 2))}\n     ^^ (MASK bit clear)`);
      if (key === undefined || toHex(h.repr.mask) !== key) {
        fail(`${where} is masked with ${toHex(h.repr.mask)}, but the key maskKey() handed out for it was ${key ?? "none (call maskKey() once for every frame you send)"}. Keys handed out in this call: ${got.keys.join(" | ") || "none"} (§5.3: a fresh key per frame).`);
      }
    }
    const payload = bytes.slice(at + h.headerLength, at + h.headerLength + h.payloadLength);
    if (h.repr.mask !== null) applyMask(payload, h.repr.mask);
    frames.push({ opcode: h.repr.opcode, payload, at });
    at += h.headerLength + h.payloadLength;
  }
  if (role === "client" && got.keys.length !== frames.length) {
    fail(`${label}: maskKey() was called ${got.keys.length} times for ${frames.length} frames sent: call it once for every frame you send (lab contract).`);
  }
  const count = Math.min(frames.length, want.length);
  for (let i = 0; i < count; i++) {
    const [g, w] = [frames[i]!, want[i]!];
    const where = `${label}: frame ${i + 1} you sent`;
    if (g.opcode !== w.opcode) fail(`${where} is ${describeFrame(g)}, but must be ${describeExpected(w)}.\n  all you sent: ${showFrames(frames)}\n  expected:     ${showFrames(want)}`);
    if ("payload" in w) {
      expectBytes(g.payload, w.payload, `${where} (${NAMES[g.opcode]}): its payload (unmasked)`);
      continue;
    }
    const code = g.payload.length >= 2 ? (g.payload[0]! << 8) | g.payload[1]! : null;
    if (g.payload.length === 1 || !w.codes.includes(code)) fail(`${where} is ${describeFrame(g)}, but must be ${describeExpected(w)}.`);
    if (!utf8Check(g.payload.subarray(2)).complete) fail(`${where}: its reason is not valid UTF-8 (§5.5.1).`);
  }
  if (frames.length !== want.length) fail(`${label}: you sent ${frames.length} frame(s), expected ${want.length}.\n  you sent: ${showFrames(frames)}\n  expected: ${showFrames(want)}`);
}

function firstDifference<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (i >= a.length || i >= b.length || !same(a[i]!, b[i]!)) return i;
  return -1;
}

function describeFrame(f: { opcode: number; payload: Uint8Array }): string {
  if (f.opcode === OPCODE.CLOSE) return f.payload.length >= 2 ? `CLOSE ${(f.payload[0]! << 8) | f.payload[1]!}` : f.payload.length === 0 ? "CLOSE (empty body)" : `CLOSE with a ${f.payload.length}-byte body`;
  const body = f.payload.length <= 24 ? toHex(f.payload) : `${f.payload.length} bytes`;
  return `${NAMES[f.opcode] ?? `opcode ${f.opcode}`} [${body}]`;
}

function describeExpected(f: ExpectedFrame): string {
  return "payload" in f ? describeFrame(f) : `CLOSE ${f.codes.map((c) => (c === null ? "with an empty body" : String(c))).join(" or ")}`;
}

function showFrames(frames: readonly ({ opcode: number; payload: Uint8Array } | ExpectedFrame)[]): string {
  return frames.length === 0 ? "nothing" : frames.map((f) => ("payload" in f ? describeFrame(f) : describeExpected(f))).join(", ");
}

export function showEvents(events: readonly EventView[]): string {
  if (events.length === 0) return "none";
  return events
    .map((e) => {
      if (e.type === "text") return `text ${JSON.stringify(e.text)}${e.hash === undefined ? "" : `… (${e.length} chars, hash ${e.hash})`}`;
      if (e.type === "close") return `close ${e.code ?? "null"} ${JSON.stringify(e.reason)}`;
      if (e.type === "fail") return `fail ${e.code}`;
      return `${e.type} [${e.data.length <= 24 ? e.data.hex : `${e.data.length} bytes${e.data.hash === undefined ? "" : `, hash ${e.data.hash}`}`}]`;
    })
    .join(", ");
}

export function describeStep(step: Step): string {
  if ("receive" in step) return `receive() of ${step.receive.length} chunk(s)`;
  if ("big" in step) return `receive() of a frame with header ${step.big.header} and ${step.big.length} payload bytes, in chunks of ${step.big.chop}`;
  if ("sendText" in step) return `send(${JSON.stringify(step.sendText.length > 60 ? `${step.sendText.slice(0, 60)}…` : step.sendText)})`;
  if ("sendBinary" in step) return `send(Uint8Array of ${step.sendBinary.replace(/\s/g, "").length / 2} bytes)`;
  if ("ping" in step) return `ping(${step.ping === "" ? "empty" : step.ping})`;
  return `close(${step.close.code}${step.close.reason === undefined ? "" : `, ${JSON.stringify(step.close.reason)}`})`;
}

function describeCall(step: Step, chunk: number): string {
  if ("receive" in step) {
    const hex = step.receive[chunk]!;
    return `receive(${hex.length > 120 ? `${hex.slice(0, 120)}… (${hex.replace(/\s/g, "").length / 2} bytes)` : hex || "empty"})`;
  }
  if ("big" in step) return `receive() of chunk ${chunk + 1} of a frame with header ${step.big.header} and ${step.big.length} bytes of ${step.big.fill.toString(16).padStart(2, "0")}`;
  return describeStep(step);
}
