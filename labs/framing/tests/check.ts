/**
 * Running the harness's scenarios from a test and checking what came back.
 * Every check records the pushes and what they returned as steps, up to the
 * first wrong one, so a failure shows how the stream was fed to the decoder.
 */
import { LabAssertionError, expectBytes, fail, fromHex, preview, stepText, toHex, type Step, type TestContext } from "#labs/kit/index.ts";
import type {
  ByteSpec,
  DecodeInput,
  DecodeResult,
  EncodeResult,
  Reported,
  Scheme,
  StepResult,
  StreamInput,
  StreamResult,
  Thrown,
} from "../scenarios.ts";
import { summarize } from "../summary.ts";
import { RULES } from "./rules.ts";

/** A byte stream and what a decoder must make of it, by stream offset. */
export interface Framed {
  readonly stream: Uint8Array;
  /** The frames a decoder must return, in order (before any error). */
  readonly frames: readonly Uint8Array[];
  /** For each frame, the stream offset just past its last byte: the push holding that byte returns it. */
  readonly ends: readonly number[];
  /** A bad stream: the push holding byte `at` must throw (frames ending at or after it are never returned). */
  readonly error?: { readonly at: number; readonly why: string };
  /** A valid but unfinished stream: why end() must throw. */
  readonly endError?: string;
}

/** What one push must do: return these frames, or throw (for the reason given). */
export type StepExpectation = readonly Uint8Array[] | { readonly throws: string };

/** What a whole decode run must do. */
export interface RunExpectation {
  readonly steps: readonly StepExpectation[];
  /** What end() must do; leave out when a push throws (end() is then never called). */
  readonly end?: "ok" | { readonly throws: string };
  /**
   * Also check that the decoder stays failed after its rejection (Lab contract, Errors).
   * Only the test of that rule asks, so one missing flag costs that test, not every rejection test.
   */
  readonly staysFailed?: boolean;
}

/** Options passed through to the harness's `decode`. */
export type DecodeOptions = Pick<DecodeInput, "maxFrame" | "end" | "reuseChunks" | "recheck" | "views">;

// ---------------------------------------------------------------------------
// Expectations

/** The frames each push must return when `framed.stream` arrives as `chunks`, and end() must pass. */
export function validRun(framed: Framed, chunks: readonly Uint8Array[]): RunExpectation {
  const steps: Uint8Array[][] = [];
  let start = 0;
  let next = 0;
  for (const chunk of chunks) {
    const stop = start + chunk.length;
    const frames: Uint8Array[] = [];
    while (next < framed.ends.length && framed.ends[next]! <= stop) frames.push(framed.frames[next++]!);
    steps.push(frames);
    start = stop;
  }
  return { steps, end: "ok" };
}

/** What every push and end() must do when `framed.stream` arrives as `chunks` (valid, unfinished or bad). */
export function expectedRun(framed: Framed, chunks: readonly Uint8Array[]): RunExpectation {
  if (framed.error !== undefined) return rejectedRun(framed, chunks, framed.error.at, framed.error.why);
  const { steps } = validRun(framed, chunks);
  return { steps, end: framed.endError === undefined ? "ok" : { throws: framed.endError } };
}

/**
 * For `chunks` whose bytes are valid up to stream offset `badAt`: the pushes
 * before the one holding that byte return the frames of `framed` (a valid
 * prefix), and the push holding it throws.
 */
export function rejectedRun(framed: Framed, chunks: readonly Uint8Array[], badAt: number, why: string): RunExpectation {
  const valid = validRun(framed, chunks).steps;
  const steps: StepExpectation[] = [];
  let start = 0;
  for (const [i, chunk] of chunks.entries()) {
    if (badAt < start + chunk.length) return { steps: [...steps, { throws: why }] };
    steps.push(valid[i] ?? []);
    start += chunk.length;
  }
  throw new Error(`rejectedRun: offset ${badAt} is past the end of the chunks`);
}

// ---------------------------------------------------------------------------
// Running scenarios

/** Feeds `chunks` to a fresh decoder in the sandbox. */
export function decode(
  t: TestContext,
  scheme: Scheme,
  chunks: readonly Uint8Array[],
  options: DecodeOptions = {},
): Promise<DecodeResult> {
  return t.run<DecodeResult>("decode", { scheme, chunks: chunks.map(spec), ...options });
}

/** Feeds each list of chunks to its own fresh decoder, in one sandbox call. */
export function decodeRuns(
  t: TestContext,
  scheme: Scheme,
  runs: readonly (readonly Uint8Array[])[],
  options: DecodeOptions & { readonly interleave?: boolean } = {},
): Promise<DecodeResult[]> {
  const { interleave, ...each } = options;
  return t.run<DecodeResult[]>("decodeRuns", {
    runs: runs.map((chunks) => ({ scheme, chunks: chunks.map(spec), ...each })),
    ...(interleave === true ? { interleave } : {}),
  });
}

/** Runs the learner's encoder on each payload (every result is read again after the last call). */
export function encode(
  t: TestContext,
  scheme: Scheme,
  payloads: readonly Uint8Array[],
  maxFrame?: number,
  views?: readonly number[],
): Promise<EncodeResult> {
  return t.run<EncodeResult>("encode", {
    scheme,
    payloads: payloads.map(spec),
    recheck: true,
    ...(maxFrame === undefined ? {} : { maxFrame }),
    ...(views === undefined ? {} : { views }),
  });
}

/** Encodes `messages`, sends them over a simulated byte stream and decodes them on the far side. */
export function sendOverStream(
  t: TestContext,
  scheme: Scheme,
  messages: readonly Uint8Array[],
  seed: number,
  options: Pick<StreamInput, "maxChunk" | "maxFrame"> & { readonly encoded?: readonly Uint8Array[] } = {},
): Promise<StreamResult> {
  const { encoded, ...rest } = options;
  return t.run<StreamResult>("stream", {
    scheme,
    messages: messages.map(spec),
    seed,
    ...rest,
    ...(encoded === undefined ? {} : { encoded: encoded.map(spec) }),
  });
}

// ---------------------------------------------------------------------------
// Checking decode runs

/** Checks one decode run, recording every push as a step. */
export function checkRun(
  t: TestContext,
  scheme: Scheme,
  chunks: readonly Uint8Array[],
  result: DecodeResult,
  expected: RunExpectation,
  maxFrame?: number,
): void {
  const { lines, failure } = verifyRun(chunks, result, expected);
  t.step(constructed(scheme, maxFrame));
  for (const line of lines) t.step(line);
  if (failure !== null) fail(failure);
}

/**
 * Why one decode run is wrong, with its steps up to the first wrong one (the
 * last 40), or null: for property tests, which record nothing until the
 * smallest failing input is found.
 */
export function explainRun(
  scheme: Scheme,
  chunks: readonly Uint8Array[],
  result: DecodeResult,
  expected: RunExpectation,
  maxFrame?: number,
): string | null {
  const { lines, failure } = verifyRun(chunks, result, expected);
  if (failure === null) return null;
  const shown = lines.length > 40 ? ["…", ...lines.slice(-40)] : lines;
  return [failure, "", "Steps:", `  ${constructed(scheme, maxFrame)}`, ...shown.map((line) => `  ${stepText(line)}`)].join("\n");
}

/** Checks several runs; only the first that fails is recorded, under its `label`. */
export function checkRuns(
  t: TestContext,
  scheme: Scheme,
  runs: readonly (readonly Uint8Array[])[],
  results: readonly DecodeResult[],
  expected: (index: number) => RunExpectation,
  label: (index: number) => string,
  maxFrame?: number,
): void {
  for (const [i, chunks] of runs.entries()) {
    const { lines, failure } = verifyRun(chunks, results[i]!, expected(i));
    if (failure === null) continue;
    t.step(`${label(i)} (run ${i + 1} of ${runs.length}):`);
    t.step(constructed(scheme, maxFrame));
    for (const line of lines) t.step(line);
    fail(`${label(i)}: ${failure}`);
  }
}

/** Checks that every frame still holds what it held when returned (needs `recheck`). */
export function checkUnchanged(t: TestContext, result: DecodeResult): void {
  t.step("then every frame returned so far was read again");
  const changed = explainChanged(result);
  if (changed !== null) fail(changed);
}

/** Why a returned frame changed after it was returned (needs `recheck`), or null. */
export function explainChanged(result: DecodeResult): string | null {
  const later = result.later ?? fail("the harness sent no recheck (a bug in the test)");
  for (const [i, step] of result.steps.entries()) {
    if (!("frames" in step)) break;
    for (const [j, first] of step.frames.entries()) {
      const now = later[i]![j]!;
      if (sameReported(first, now)) continue;
      return (
        `frame ${j + 1} returned by push #${i + 1} changed after it was returned (read again after the last call).\n` +
        `  when returned: ${showReported(first)}\n  after the last call: ${showReported(now)}\n` +
        "Return a new Uint8Array holding a copy of the frame: not a view of the chunk you were given " +
        "(the caller may reuse its memory) nor of a buffer your decoder (or another decoder) writes to again."
      );
    }
  }
  return null;
}

function constructed(scheme: Scheme, maxFrame: number | undefined): string {
  const name = scheme === "slip" ? "SlipDecoder" : "LengthPrefixedDecoder";
  return `decoder = new ${name}(${maxFrame ?? ""})`;
}

function verifyRun(
  chunks: readonly Uint8Array[],
  result: DecodeResult,
  expected: RunExpectation,
): { lines: Step[]; failure: string | null } {
  // Described only when shown: a passing run of thousands of pushes records them all.
  const lines: Step[] = [];
  const done = (failure: string | null) => ({ lines, failure });
  for (const [i, want] of expected.steps.entries()) {
    const got: StepResult | undefined = result.steps[i];
    const call = () => `push #${i + 1} (${show(chunks[i]!, 16)})`;
    if (got === undefined) return done(`${call()} was never made (a bug in the test)`);
    lines.push(() => `${call()} → ${showStep(got)}`);
    if ("throws" in want) {
      if (!("error" in got)) return done(`push #${i + 1} should have thrown: ${want.throws}.`);
      return done(wrongError(got, `push #${i + 1}`, want.throws) ?? afterError(result, `push #${i + 1}`, lines, expected));
    }
    if ("error" in got) return done(`push #${i + 1} threw "${got.error}", but the bytes so far are valid.`);
    if (got.changed === true) return done(changedChunk(`push #${i + 1}`));
    const mismatch = caught(() => expectReportedList(got.frames, want, `frames returned by push #${i + 1}`));
    if (mismatch !== null) return done(mismatch);
  }
  if (expected.end === undefined) return done(null);
  lines.push(`end() → ${result.end === undefined ? "(not called)" : result.end === "ok" ? "returned" : `threw "${result.end.error}"`}`);
  if (expected.end === "ok" && result.end !== "ok") {
    return done(
      `end() threw "${result.end === undefined ? "?" : result.end.error}", but the stream ended right after a complete frame.`,
    );
  }
  if (expected.end === "ok") return done(null);
  if (result.end === "ok" || result.end === undefined) return done(`end() should have thrown: ${expected.end.throws}.`);
  return done(wrongError(result.end, "end()", expected.end.throws) ?? afterError(result, "end()", lines, expected));
}

/** Why a deliberate rejection is missing when the learner's code threw something other than a FramingError. */
function wrongError(got: Thrown, call: string, why: string): string | null {
  if (got.framing) return null;
  return (
    `${call} threw "${got.error}", which is not a FramingError. The input is bad (${why}), ` +
    "but the rejection must be deliberate: throw new FramingError(...) (the class your file exports, or a subclass). " +
    "Any other error means your code crashed on this input (for example a RangeError from allocating the length a hostile header announced, " +
    "or a TypeError from reading past the end of an array), and would crash on other inputs too."
  );
}

/** Checks what a decoder did after it threw, when the run asks: it must stay failed (Lab contract, Errors). */
function afterError(result: DecodeResult, call: string, lines: Step[], expected: RunExpectation): string | null {
  if (expected.staysFailed !== true) return null;
  const after = result.after;
  if (after === undefined) return `${call}: the harness did not probe the decoder after its error (a bug in the test)`;
  lines.push(`then push (${after.probe}, a valid frame) → ${showStep(after.push)}`);
  lines.push(`then end() → ${after.end === "ok" ? "returned" : `threw "${after.end.error}"`}`);
  const rule = `${RULES.failed}. So after ${call} threw, `;
  const how = " (Set a flag in the decoder just before every throw, and check it first thing in push() and end().)";
  if (!("error" in after.push)) {
    return `${rule}the next push (${after.probe}) must throw a FramingError too, but it returned ${showStep(after.push)}.${how}`;
  }
  if (!after.push.framing) return `${rule}the next push must throw a FramingError, but it threw "${after.push.error}".${how}`;
  if (after.end === "ok") return `${rule}end() must throw a FramingError too, but it returned.${how}`;
  if (!after.end.framing) return `${rule}end() must throw a FramingError, but it threw "${after.end.error}".${how}`;
  return null;
}

function changedChunk(call: string): string {
  return (
    `${call} wrote to the memory of the chunk it was given (or to bytes around it in the same buffer). ` +
    "Lab contract: do not modify the chunk. Read it, and copy what you keep into memory of your own; " +
    "if it is a view (subarray) into a larger buffer, the bytes outside it belong to the caller too."
  );
}

function caught(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof LabAssertionError) return error.message;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Checking encoders and streams

/** What each payload must give: exact bytes, or a FramingError (for the reason given). */
export type EncodeExpectation = Uint8Array | { readonly throws: string };

/** Checks encoder results: each payload's exact bytes (also when read again after the last call), or a FramingError. */
export function checkEncoded(
  t: TestContext,
  name: string,
  payloads: readonly Uint8Array[],
  result: EncodeResult,
  expected: readonly EncodeExpectation[],
  maxFrame?: number,
): void {
  const { lines, failure } = verifyEncoded(name, payloads, result, expected, maxFrame);
  for (const line of lines) t.step(line);
  if (failure !== null) fail(failure);
}

/** Why encoder results are wrong, with the calls up to the wrong one, or null (for property tests). */
export function explainEncoded(
  name: string,
  payloads: readonly Uint8Array[],
  result: EncodeResult,
  expected: readonly EncodeExpectation[],
  maxFrame?: number,
): string | null {
  const { lines, failure } = verifyEncoded(name, payloads, result, expected, maxFrame);
  return failure === null ? null : [failure, "", "Steps:", ...lines.map((line) => `  ${stepText(line)}`)].join("\n");
}

function verifyEncoded(
  name: string,
  payloads: readonly Uint8Array[],
  result: EncodeResult,
  expected: readonly EncodeExpectation[],
  maxFrame?: number,
): { lines: Step[]; failure: string | null } {
  const lines: Step[] = [];
  const done = (failure: string | null) => ({ lines, failure });
  for (const [i, payload] of payloads.entries()) {
    const call = `${name}(${show(payload, 16)}${maxFrame === undefined ? "" : `, ${maxFrame}`})`;
    const got = result[i]!;
    const want = expected[i]!;
    lines.push(() => `${call} → ${"error" in got ? `threw "${got.error}"` : showReported(got.bytes)}`);
    if (got.changed === true) {
      return done(
        `${call} wrote to the payload's memory (or to bytes around it in the same buffer). Lab contract: never modify a payload passed to an encoder.`,
      );
    }
    if ("throws" in want) {
      if (!("error" in got)) return done(`${call} should have thrown: ${want.throws}.`);
      const wrong = wrongError(got, call, want.throws);
      if (wrong !== null) return done(wrong);
      continue;
    }
    if ("error" in got) return done(`${call} threw "${got.error}", but the payload is within the limit.`);
    const mismatch = caught(() => expectReported(got.bytes, want, call));
    if (mismatch !== null) return done(mismatch);
  }
  for (const [i, got] of result.entries()) {
    if (!("bytes" in got) || got.later === undefined || sameReported(got.bytes, got.later)) continue;
    lines.push("then every result was read again after the last call");
    return done(
      `the result of call #${i + 1} (${name}(${show(payloads[i]!, 16)})) changed after later calls.\n` +
        `  when returned: ${showReported(got.bytes)}\n  after the last call: ${showReported(got.later)}\n` +
        "Each call must return a new Uint8Array that the encoder never writes to again (not a view of a buffer it reuses).",
    );
  }
  return done(null);
}

/** Checks a `stream` run: the far side decoded exactly `messages` (as frames) and end() passed. */
export function checkStream(t: TestContext, label: string, result: StreamResult, frames: readonly Uint8Array[]): void {
  const sizes = result.chunkSizes;
  if (sizes.length === 0) t.step(`${label}: the stream delivered nothing (did the encoder return empty arrays?)`);
  else
    t.step(
      `${label}: the stream delivered ${sizes.length} chunks of ${sizes.slice(0, 30).join(", ")}${sizes.length > 30 ? ", …" : ""} bytes`,
    );
  if (result.error?.during === "encode") {
    fail(
      `${label}: the encoder threw "${result.error.error}" on message ${result.error.message + 1}, which is within the limit.`,
    );
  }
  if (result.error?.during === "push") {
    const chunk = result.error.chunk;
    const before = sizes.slice(0, chunk).reduce((sum, size) => sum + size, 0);
    fail(
      `${label}: push #${chunk + 1} (${sizes[chunk]} bytes, from stream offset ${before}) threw "${result.error.error}", ` +
        `after ${result.frames.length} correct-looking frames; the stream is valid.`,
    );
  }
  expectReportedList(result.frames, frames, `${label}: frames decoded`);
  if (result.end !== "ok") fail(`${label}: end() threw "${result.end?.error}" after the whole stream arrived.`);
}

// ---------------------------------------------------------------------------
// Reported bytes (hex, or a summary for long ones)

/** Compares reported bytes with the expected bytes. */
export function expectReported(actual: Reported, expected: Uint8Array, what: string): void {
  if (typeof actual === "string") {
    // The harness writes hex as toHex does, so equal bytes give equal text: parse only to explain a difference.
    if (actual === toHex(expected)) return;
    return expectBytes(fromHex(actual), expected, what);
  }
  if (actual.length !== expected.length)
    fail(`${what}: got ${actual.length} bytes (${showReported(actual)}), expected ${expected.length}.`);
  const want = summarize(expected);
  expectBytes(fromHex(actual.head), fromHex(want.head), `${what} (first 16 bytes)`);
  expectBytes(fromHex(actual.tail), fromHex(want.tail), `${what} (last 16 bytes)`);
  if (actual.fnv !== want.fnv) {
    fail(
      `${what}: the right length (${expected.length} bytes) and the right first and last 16 bytes, but different bytes in between.`,
    );
  }
}

/** Compares a list of reported byte strings (frames) with the expected ones. */
export function expectReportedList(actual: readonly Reported[], expected: readonly Uint8Array[], what: string): void {
  const count = Math.min(actual.length, expected.length);
  for (let i = 0; i < count; i++) expectReported(actual[i]!, expected[i]!, `${what}, #${i + 1} of ${expected.length}`);
  if (actual.length === expected.length) return;
  const extra = actual.length > count ? ` The first extra one: ${showReported(actual[count]!)}.` : "";
  const missing = expected.length > count ? ` The first missing one: ${show(expected[count]!)}.` : "";
  fail(`${what}: got ${actual.length}, expected ${expected.length}.${extra}${missing}`);
}

/** Like the kit's preview, but says so when the bytes are empty. */
function show(bytes: Uint8Array, max?: number): string {
  return bytes.length === 0 ? "0 bytes (empty)" : preview(bytes, max);
}

function sameReported(a: Reported, b: Reported): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function showReported(bytes: Reported): string {
  if (typeof bytes === "string") return show(fromHex(bytes));
  return `${bytes.length} bytes: ${bytes.head} … ${bytes.tail}`;
}

function showStep(step: StepResult): string {
  if ("error" in step) return `threw "${step.error}"${step.framing ? "" : " (not a FramingError)"}`;
  if (step.frames.length === 0) return "no frames";
  const shown = step.frames.slice(0, 3).map((f) => `[${showReported(f)}]`);
  return `${step.frames.length} frame${step.frames.length === 1 ? "" : "s"}: ${shown.join(", ")}${step.frames.length > 3 ? ", …" : ""}`;
}


/** Bytes as a harness input: a counting run compactly, anything else as hex. */
export function spec(bytes: Uint8Array): ByteSpec {
  if (bytes.length > 64 && isCounter(bytes)) return { counter: bytes.length, start: bytes[0]! };
  return toHex(bytes);
}

function isCounter(bytes: Uint8Array): boolean {
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== ((bytes[0]! + i) & 0xff)) return false;
  return true;
}
