/**
 * The framing lab's harness: it runs inside the sandbox, next to the
 * learner's module, and is the only code that calls it. Inputs and results
 * are the plain shapes of scenarios.ts. Exceptions the tests expect (an
 * encoder or decoder rejecting bad input) come back as data; anything else
 * wrong (a missing export, a push that returns no array) propagates and is
 * reported as a failure of the learner's code.
 */
import { Network } from "#runtime/net/network.ts";
import type { LinkSpec } from "#runtime/net/profiles.ts";
import {
  copyArray,
  copyBytes,
  defineHarness,
  describeValue,
  exportedClass,
  exportedFunction,
  thrownMessage,
  type LearnerModule,
} from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import type {
  ByteSpec,
  DecodeInput,
  DecodeResult,
  DecodeRunsInput,
  Encoded,
  EncodeInput,
  EncodeResult,
  Reported,
  Scheme,
  StepResult,
  StreamInput,
  StreamResult,
  Thrown,
} from "./scenarios.ts";
import { summarize } from "./summary.ts";
import { sendOverByteStream } from "./byte-stream.ts";
import { toBase64 as base64 } from "#labs/kit/base64.ts";
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";

/** Longer byte strings are reported as a summary, to keep results small. */
const SUMMARY_OVER = 1024;
/** Written over a reused chunk buffer after each push, so stale views show. */
const POISON = 0xee;

export default defineHarness({
  encode: (input: EncodeInput, learner: LearnerModule): EncodeResult => encodeAll(input, learner),
  decode: (input: DecodeInput, learner: LearnerModule): DecodeResult => decodeAll([input], learner, false)[0]!,
  decodeRuns: (input: DecodeRunsInput, learner: LearnerModule): DecodeResult[] =>
    decodeAll(input.runs, learner, input.interleave === true),
  stream: (input: StreamInput, learner: LearnerModule): StreamResult => streamRun(input, learner),
  demo: (input: DemoInput, learner: LearnerModule): DemoRun => demo(input, learner),
});

// ---------------------------------------------------------------------------
// Scenarios

function encodeAll(input: EncodeInput, learner: LearnerModule): EncodeResult {
  const encode = learnerEncoder(learner, input.scheme, input.maxFrame);
  const results: Encoded[] = [];
  const originals: unknown[] = [];
  for (const [index, spec] of input.payloads.entries()) {
    const placed = place(expand(spec), input.views?.[index % input.views.length] ?? 0, null);
    const changed = () => (placed.intact() ? {} : { changed: true as const });
    let encoded: unknown;
    try {
      encoded = encode(placed.view);
    } catch (error) {
      results.push({ ...thrown(error, learner), ...changed() });
      continue;
    }
    originals[index] = encoded;
    results.push({ bytes: report(copyBytes(encoded, `${encoderName(input.scheme)}'s result`)), ...changed() });
  }
  if (input.recheck !== true) return results;
  // Read every result once more: one that changed since it was returned aliases something.
  return results.map((result, index) =>
    "bytes" in result ? { ...result, later: report(copyBytes(originals[index], "a result")) } : result,
  );
}

/** One decoder being fed its chunks. */
interface Run {
  readonly input: DecodeInput;
  readonly decoder: Decoder;
  readonly chunks: readonly Uint8Array[];
  /** The one buffer every chunk is handed over in, with `reuseChunks`. */
  readonly scratch: Uint8Array | null;
  readonly steps: StepResult[];
  /** The learner's own frame objects, per push, for the recheck. */
  readonly returned: unknown[][];
  readonly budget: FrameBudget;
  end?: "ok" | Thrown;
  after?: DecodeResult["after"];
  done: boolean;
}

/** Runs every decode input, one after another or interleaved push by push; rechecks after all of them. */
function decodeAll(inputs: readonly DecodeInput[], learner: LearnerModule, interleave: boolean): DecodeResult[] {
  const runs = inputs.map((input) => startRun(input, learner));
  if (interleave) {
    while (runs.some((run) => !run.done)) for (const run of runs) if (!run.done) pushNext(run, learner);
  } else {
    for (const run of runs) while (!run.done) pushNext(run, learner);
  }
  return runs.map((run) => {
    const later =
      run.input.recheck === true
        ? run.returned.map((frames) => frames.map((f) => report(copyBytes(f, "a frame"))))
        : undefined;
    return {
      steps: run.steps,
      ...(run.end === undefined ? {} : { end: run.end }),
      ...(later === undefined ? {} : { later }),
      ...(run.after === undefined ? {} : { after: run.after }),
    };
  });
}

function startRun(input: DecodeInput, learner: LearnerModule): Run {
  const chunks = input.chunks.map(expand);
  const scratch =
    input.reuseChunks === true
      ? new Uint8Array(Math.max(0, ...(input.views ?? [0])) + Math.max(0, ...chunks.map((c) => c.length)) + GUARD_AFTER)
      : null;
  const decoder = learnerDecoder(learner, input.scheme, input.maxFrame);
  return { input, decoder, chunks, scratch, steps: [], returned: [], budget: new FrameBudget(), done: false };
}

/** Pushes a run's next chunk; after the last one (or a throw), finishes the run. */
function pushNext(run: Run, learner: LearnerModule): void {
  const index = run.steps.length;
  if (index === run.chunks.length) return finish(run, learner);
  const chunk = run.chunks[index]!;
  const views = run.input.views;
  const placed = place(chunk, views === undefined ? 0 : views[index % views.length]!, run.scratch);
  let value: unknown;
  try {
    value = run.decoder.push(placed.view);
  } catch (error) {
    run.steps.push({ ...thrown(error, learner), ...(placed.intact() ? {} : { changed: true as const }) });
    run.after = probe(run, learner);
    run.done = true;
    return;
  }
  const frames = readFrames(value, `push #${index + 1}`, chunk.length, run.budget);
  run.steps.push({ frames: frames.copies.map(report), ...(placed.intact() ? {} : { changed: true as const }) });
  run.returned.push(frames.originals);
  run.scratch?.fill(POISON);
}

function finish(run: Run, learner: LearnerModule): void {
  run.done = true;
  if (run.input.end === false) return;
  try {
    run.decoder.end();
    run.end = "ok";
  } catch (error) {
    run.end = thrown(error, learner);
    run.after = probe(run, learner);
  }
}

/** After a throw: one more push of a valid frame, then end(). A failed decoder must keep failing. */
function probe(run: Run, learner: LearnerModule): DecodeResult["after"] {
  const bytes = fromHex(PROBE[run.input.scheme]);
  let push: StepResult;
  try {
    const frames = readFrames(run.decoder.push(bytes), "the push after the error", bytes.length, new FrameBudget());
    push = { frames: frames.copies.map(report) };
  } catch (error) {
    push = thrown(error, learner);
  }
  let end: "ok" | Thrown = "ok";
  try {
    run.decoder.end();
  } catch (error) {
    end = thrown(error, learner);
  }
  return { probe: PROBE[run.input.scheme], push, end };
}

/** A valid frame holding the byte 2a, pushed to a decoder after it threw. */
const PROBE: Record<Scheme, string> = { "length-prefixed": "00 00 00 01 2a", slip: "c0 2a c0" };

/** Filled around chunks handed over as views: DB is SLIP's ESC, and DB DB DB DB is a length far over any limit. */
const GUARD = 0xdb;
const GUARD_AFTER = 8;

/**
 * `bytes` placed at `offset` in `scratch` (or a fresh buffer), guard bytes
 * around it, as a view; `intact()` says whether the whole buffer still holds
 * what was placed (the learner must not write to it).
 */
function place(
  bytes: Uint8Array,
  offset: number,
  scratch: Uint8Array | null,
): { view: Uint8Array; intact: () => boolean } {
  const guarded = offset > 0 || scratch !== null;
  const buffer = scratch ?? (guarded ? new Uint8Array(offset + bytes.length + GUARD_AFTER) : bytes);
  if (guarded) {
    buffer.fill(GUARD);
    buffer.set(bytes, offset);
  }
  const before = buffer.slice();
  const view = guarded ? buffer.subarray(offset, offset + bytes.length) : buffer;
  return { view, intact: () => sameBytes(before, buffer) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What the learner threw, and whether it is their exported FramingError (checked without running their code). */
function thrown(error: unknown, learner: LearnerModule): Thrown {
  const FramingError = learner.FramingError;
  const framing =
    typeof FramingError === "function" && Reflect.apply(ordinaryHasInstance, FramingError, [error]) === true;
  return { error: thrownMessage(error), framing };
}

// Function.prototype[Symbol.hasInstance] is OrdinaryHasInstance: it walks the prototype chain and ignores a class's own hasInstance.
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

function streamRun(input: StreamInput, learner: LearnerModule): StreamResult {
  const encode = learnerEncoder(learner, input.scheme, input.maxFrame);
  const decoder = learnerDecoder(learner, input.scheme, input.maxFrame);
  const frames: Reported[] = [];
  const chunkSizes: number[] = [];
  const framesPerPush: number[] = [];
  const budget = new FrameBudget();
  let error: StreamResult["error"];

  // With `encoded`, the test's own bytes go on the wire: only the learner's decoder is tested.
  const encoded: Uint8Array[] = input.encoded?.map(expand) ?? [];
  const toEncode = input.encoded === undefined ? input.messages : [];
  for (const [index, spec] of toEncode.entries()) {
    let value: unknown;
    try {
      value = encode(expand(spec));
    } catch (caught) {
      error = { during: "encode", message: index, error: thrownMessage(caught) };
      break;
    }
    encoded.push(copyBytes(value, `${encoderName(input.scheme)}'s result`));
  }

  sendOverByteStream(encoded, input, (chunk) => {
    chunkSizes.push(chunk.length);
    if (error !== undefined) return;
    let value: unknown;
    try {
      value = decoder.push(chunk.slice());
    } catch (caught) {
      error = { during: "push", chunk: chunkSizes.length - 1, error: thrownMessage(caught) };
      return;
    }
    const returned = readFrames(value, `push #${chunkSizes.length}`, chunk.length, budget).copies;
    frames.push(...returned.map(report));
    framesPerPush.push(returned.length);
  });

  let end: StreamResult["end"];
  if (error === undefined) {
    try {
      decoder.end();
      end = "ok";
    } catch (error) {
      end = thrown(error, learner);
    }
  }
  return {
    frames,
    chunkSizes,
    ...(error === undefined ? {} : { error }),
    ...(end === undefined ? {} : { end }),
    ...(input.perPush === true ? { framesPerPush } : {}),
  };
}

/** What `wirelab run framing <file>` prints, and its capture. */
interface DemoRun extends DemoResult {
  readonly summary: string[];
  readonly pcap: string;
}

/** A few messages through each scheme over one captured network (on the learner's link profile), described line by line. */
function demo({ seed, profile }: DemoInput, learner: LearnerModule): DemoRun {
  const text = (words: string) => new TextEncoder().encode(words);
  const messages = [text("hello"), text(""), text("framing keeps messages whole"), fromHex("45 4e 44 c0 45 53 43 db")];
  const net = new Network({ seed, trace: { capture: true } });
  const sender = net.host("sender", "10.0.0.1");
  const receiver = net.host("receiver", "10.0.0.2");
  net.connect(sender, receiver, (profile ?? "lan") as LinkSpec);
  const summary: string[] = [`Link: ${profile ?? "lan"} (seed ${seed})`];
  const finish: (() => void)[] = [];
  for (const scheme of ["length-prefixed", "slip"] as const) {
    const encode = learnerEncoder(learner, scheme, undefined);
    const decoder = learnerDecoder(learner, scheme, undefined);
    const stream = net.stream(sender, receiver, { maxChunk: 8 });
    const chunks: number[] = [];
    const decoded: string[] = [];
    const budget = new FrameBudget();
    let problem = "";
    stream.onData = (chunk) => {
      chunks.push(chunk.length);
      if (problem !== "") return;
      try {
        const frames = readFrames(decoder.push(chunk.slice()), `push #${chunks.length}`, chunk.length, budget);
        decoded.push(...frames.copies.map(readable));
      } catch (error) {
        problem = `push #${chunks.length} threw: ${thrownMessage(error)}`;
      }
    };
    for (const message of messages) stream.write(copyBytes(encode(message), `${encoderName(scheme)}'s result`));
    finish.push(() => {
      summary.push(`${scheme}: ${messages.length} messages written, ${stream.bytesWritten} bytes on the stream`);
      summary.push(
        `  the receiver got ${chunks.length} chunks${chunks.length > 0 ? ` of ${chunks.join(", ")} bytes` : ""}`,
      );
      summary.push(`  and decoded ${decoded.length} frame(s)${decoded.length > 0 ? `: ${decoded.join(", ")}` : ""}`);
      if (problem !== "") summary.push(`  then ${problem}`);
    });
  }
  net.run();
  for (const line of finish) line();
  return { summary, pcap: base64(net.trace.toPcapng()) };
}

// ---------------------------------------------------------------------------
// The learner's functions and objects, handled with care

function encoderName(scheme: Scheme): string {
  return scheme === "slip" ? "encodeSlip" : "encodeLengthPrefixed";
}

function learnerEncoder(
  learner: LearnerModule,
  scheme: Scheme,
  maxFrame: number | undefined,
): (payload: Uint8Array) => unknown {
  const encode = exportedFunction(learner, encoderName(scheme)) as (payload: Uint8Array, maxFrame?: number) => unknown;
  return (payload) => (maxFrame === undefined ? encode(payload) : encode(payload, maxFrame));
}

interface Decoder {
  push(chunk: Uint8Array): unknown;
  end(): unknown;
}

function learnerDecoder(learner: LearnerModule, scheme: Scheme, maxFrame: number | undefined): Decoder {
  const name = scheme === "slip" ? "SlipDecoder" : "LengthPrefixedDecoder";
  const Decoder = exportedClass(learner, name) as new (maxFrame?: number) => unknown;
  const decoder = maxFrame === undefined ? new Decoder() : new Decoder(maxFrame);
  const push = method(decoder, "push", name);
  const end = method(decoder, "end", name);
  return { push: (chunk) => push(chunk), end: () => end() };
}

function method(object: unknown, name: string, className: string): (...args: unknown[]) => unknown {
  const value = object === null || typeof object !== "object" ? undefined : (object as Record<string, unknown>)[name];
  if (typeof value !== "function") {
    throw new TypeError(`A ${className} must have a method \`${name}\` (found ${describeValue(value)}).`);
  }
  return (...args) => Reflect.apply(value, object, args);
}

/**
 * Counts bytes in and out of a decoder. Frames never hold more bytes than the
 * stream that carried them, so a decoder that returns more is wrong, and
 * stopping it keeps results small.
 */
class FrameBudget {
  pushed = 0;
  returned = 0;
}

/** Copies of the frames a push returned, and the learner's own objects for a later recheck. */
function readFrames(
  value: unknown,
  what: string,
  chunkLength: number,
  budget: FrameBudget,
): { originals: unknown[]; copies: Uint8Array[] } {
  if (!Array.isArray(value)) {
    throw new TypeError(`${what} must return an array of Uint8Array, but your code returned ${describeValue(value)}`);
  }
  const originals = copyArray(value, what); // species-free: never runs the learner's array code
  // Every frame a chunk completes ends inside it, so there can be no more frames than bytes.
  if (originals.length > chunkLength) {
    throw new TypeError(`${what} returned ${originals.length} frames for a chunk of ${chunkLength} bytes`);
  }
  const copies = originals.map((frame, index) => copyBytes(frame, `frame ${index + 1} returned by ${what}`));
  budget.pushed += chunkLength;
  for (const copy of copies) budget.returned += copy.length;
  if (budget.returned > budget.pushed) {
    throw new TypeError(
      `by ${what}, your decoder returned frames holding ${budget.returned} bytes, but only ${budget.pushed} bytes were pushed`,
    );
  }
  return { originals, copies };
}

// ---------------------------------------------------------------------------
// Bytes in and out

function expand(spec: ByteSpec): Uint8Array {
  if (typeof spec === "string") return fromHex(spec);
  const bytes = new Uint8Array(spec.counter);
  const start = spec.start ?? 0;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (start + i) & 0xff;
  return bytes;
}

function report(bytes: Uint8Array): Reported {
  return bytes.length > SUMMARY_OVER ? summarize(bytes) : toHex(bytes);
}

/** A frame as text when it is printable ASCII, else as hex. */
function readable(bytes: Uint8Array): string {
  const printable = bytes.every((byte) => byte >= 0x20 && byte < 0x7f);
  return printable ? JSON.stringify(String.fromCharCode(...bytes)) : `[${toHex(bytes)}]`;
}


