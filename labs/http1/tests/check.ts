/**
 * Running the harness's `parse` scenario and checking each outcome against
 * what the parser must do. Public and hidden tests share this file; the
 * expectations come from the caller (written out in the public tests, the
 * tests' own reader in the hidden ones), never from here.
 */
import { latin1 } from "#runtime/wire/http1.ts";
import { fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import type { LimitsSpec, MessageView, ParseCase, ParseOutcome } from "../scenarios.ts";

/** A stream for one new Parser, and how it is cut into pushes. */
export interface Stream {
  readonly role: "request" | "response";
  readonly bytes: Uint8Array;
  /** Where the pushes start (0 first); default: one push of everything. */
  readonly cuts?: readonly number[];
  readonly limits?: LimitsSpec;
  readonly methods?: readonly string[];
  readonly end?: boolean;
  readonly offset?: number;
  /** After the error, push this, then call end(), and expect the same error again from both. */
  readonly afterError?: Uint8Array;
}

/** What the parser must give: messages with the offset just past each, and the error with the octet count that shows it. */
export interface Expected {
  readonly messages: readonly { readonly message: MessageView; readonly endOffset: number; readonly atEnd?: true }[];
  readonly error?: string;
  readonly errorAt?: number;
  readonly why?: string;
}

/** The pushes of `stream` as octet arrays. */
export function chunksOf(stream: Stream): Uint8Array[] {
  const cuts = [...(stream.cuts ?? [0])];
  if (cuts[0] !== 0) cuts.unshift(0);
  return cuts.map((start, i) => stream.bytes.subarray(start, cuts[i + 1] ?? stream.bytes.length));
}

/** Every octet its own push. */
export function bytewise(bytes: Uint8Array): number[] {
  return Array.from({ length: Math.max(bytes.length, 1) }, (_, i) => i);
}

/** Runs `streams` through fresh Parsers, one sandbox call. */
export async function parseAll(t: TestContext, streams: readonly Stream[]): Promise<ParseOutcome[]> {
  const cases: ParseCase[] = streams.map((s) => ({
    role: s.role,
    chunks: chunksOf(s).map((c) => toHex(c)),
    ...(s.limits === undefined ? {} : { limits: s.limits }),
    ...(s.methods === undefined ? {} : { methods: s.methods }),
    ...(s.end === undefined ? {} : { end: s.end }),
    ...(s.offset === undefined ? {} : { offset: s.offset }),
    ...(s.afterError === undefined ? {} : { afterError: toHex(s.afterError) }),
  }));
  return t.run<ParseOutcome[]>("parse", { cases });
}

/** A stream as escaped text with " | " between pushes, shortened when long. */
export function showStream(stream: Stream, max = 600): string {
  const shown = chunksOf(stream)
    .map((c) => JSON.stringify(latin1(c)).slice(1, -1))
    .join(" | ");
  return `"${shown.length > max ? `${shown.slice(0, max)}…` : shown}"`;
}

function describeStream(stream: Stream): string {
  const parts = [`a ${stream.role} Parser`];
  if (stream.limits !== undefined) parts.push(`limits ${JSON.stringify(stream.limits)}`);
  if (stream.methods !== undefined) parts.push(`requestMethod(${stream.methods.map((m) => JSON.stringify(m)).join("), requestMethod(")})`);
  const n = chunksOf(stream).length;
  parts.push(`${stream.bytes.length} octets in ${n} push${n === 1 ? "" : "es"}${stream.end === true ? ", then end()" : ""}`);
  return parts.join(", ");
}

function where(at: number | "end", starts: readonly number[]): string {
  return at === "end" ? "end()" : `push #${at + 1} (octets ${starts[at]}…)`;
}

/** "message 2: its fields differ: ..." or null when equal. */
function messageDifference(got: MessageView, want: MessageView): string | null {
  const keys = ["method", "target", "status", "reason", "version", "fields", "body", "trailers"] as const;
  for (const key of keys) {
    const a = JSON.stringify(got[key]);
    const b = JSON.stringify(want[key]);
    if (a === b) continue;
    if (key === "body") return `its body is ${got.body.length / 2} octets ${shortText(got.body)}, expected ${want.body.length / 2} octets ${shortText(want.body)}`;
    return `its ${key} is ${a}, expected ${b}`;
  }
  return null;
}

function shortText(hex: string): string {
  const text = JSON.stringify(latin1(fromHex(hex)));
  return text.length > 120 ? `${text.slice(0, 120)}…"` : text;
}

/** Checks one outcome; `label` names the stream in messages. */
export function checkOutcome(t: TestContext, label: string, stream: Stream, outcome: ParseOutcome, expected: Expected): void {
  const chunks = chunksOf(stream);
  const starts: number[] = [];
  chunks.reduce((at, c) => (starts.push(at), at + c.length), 0);
  /** The push that holds octet offset - 1. */
  const pushOf = (offset: number) => {
    let k = 0;
    starts.forEach((s, i) => (k = s < offset ? i : k));
    return k;
  };
  t.step(`${label}: ${describeStream(stream)}: ${showStream(stream)}`);
  const want = expected.error === undefined ? "parse to " : `throw ${expected.error}`;
  t.step(`  it must ${want}${expected.error === undefined ? `${expected.messages.length} message(s)` : ` (${expected.why ?? ""})`}`);
  if (outcome.changedInput !== undefined) fail(`${label}: push() changed the octets it was given (they became ${outcome.changedInput}). Copy what you keep; never write into the caller's array.`);
  // Which messages must have come out, and where the error must be thrown.
  let errorPush: number | "end" | undefined;
  let wanted = expected.messages;
  if (expected.error === "incomplete") errorPush = "end";
  else if (expected.error !== undefined) {
    errorPush = pushOf(expected.errorAt!);
    wanted = expected.messages.filter((m) => m.endOffset <= starts[errorPush as number]!);
  }
  const got = outcome.messages;
  for (let i = 0; i < Math.min(got.length, wanted.length); i++) {
    const difference = messageDifference(got[i]!, wanted[i]!.message);
    if (difference !== null) fail(`${label}: message ${i + 1} (returned by ${where(got[i]!.at, starts)}): ${difference}.`);
  }
  if (got.length !== wanted.length) {
    const error = outcome.error === undefined ? "" : ` and then threw ${outcome.error.kind} at ${where(outcome.error.at, starts)} (${outcome.error.message})`;
    fail(`${label}: your parser returned ${got.length} message(s)${error}; it must return ${wanted.length}${expected.error === undefined ? "" : ` before it throws ${expected.error}`}${expected.why === undefined ? "" : ` (${expected.why})`}.`);
  }
  got.forEach((m, i) => {
    const must = wanted[i]!.atEnd === true ? "end" : pushOf(wanted[i]!.endOffset);
    if (m.at !== must) {
      fail(`${label}: message ${i + 1} came from ${where(m.at, starts)}, but its last octet is at offset ${wanted[i]!.endOffset - 1}, so it must come from ${where(must, starts)}${must === "end" ? " (its body runs to the end of the stream)" : " (return a message as soon as its last octet arrives, and not before)"}.`);
    }
  });
  if (expected.error === undefined) {
    if (outcome.error !== undefined) fail(`${label}: your parser threw ${outcome.error.kind} at ${where(outcome.error.at, starts)}: ${outcome.error.message}\nbut the stream is valid.`);
  } else {
    if (outcome.error === undefined) fail(`${label}: your parser threw nothing; it must throw an HttpError of kind ${expected.error} at ${where(errorPush!, starts)} (${expected.why ?? ""}).`);
    if (outcome.error.kind !== expected.error) fail(`${label}: your parser threw ${outcome.error.kind} (${outcome.error.message}); it must throw ${expected.error}: ${expected.why ?? ""}.`);
    if (outcome.error.at !== errorPush) {
      fail(`${label}: your parser threw ${expected.error} at ${where(outcome.error.at, starts)}, but must throw it at ${where(errorPush!, starts)}: ${expected.errorAt === undefined ? "" : `the error shows with octet ${expected.errorAt - 1}`} (judge a line when its LF arrives, a limit the moment it is passed).`);
    }
    if (stream.afterError !== undefined && outcome.again !== expected.error) {
      fail(`${label}: after throwing ${expected.error}, the next push ${outcome.again === "returned" ? "returned normally" : `threw ${outcome.again}`}; a failed parser must throw the same error again.`);
    }
    if (stream.afterError !== undefined && outcome.againEnd !== expected.error) {
      fail(`${label}: after throwing ${expected.error}, end() ${outcome.againEnd === "returned" ? "returned normally" : `threw ${outcome.againEnd}`}; a failed parser must throw the same error again from every later call, end() too.`);
    }
  }
  if (outcome.later !== undefined) {
    const [index, hex] = Object.entries(outcome.later)[0]!;
    fail(`${label}: the body of message ${Number(index) + 1} changed after later pushes (it became ${shortText(hex)}). Return bodies that nothing writes into later.`);
  }
}
