/**
 * The websocket lab's harness: it runs inside the sandbox next to the
 * learner's module and is the only code that calls it. `session` drives one
 * Connection through receive/send/ping/close steps and reports every call's
 * events and bytes; `accept` calls acceptKey() with the provided SHA-1 and
 * base64; `demo` plays a short conversation with a scripted server for the
 * workbench. Whatever the learner returns is copied and checked here.
 */
import { Random } from "#runtime/core/random.ts";
import { sha1 } from "#runtime/crypto/sha1.ts";
import { toBase64 } from "#labs/kit/base64.ts";
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";
import { copyArray, copyBytes, defineHarness, describeValue, exportedClass, exportedFunction, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import { runDemo, type DemoClient } from "./demo.ts";
import { payloadView, SHOWN, textView } from "./views.ts";
import type { AcceptInput, AcceptResult, CallResult, EventView, SessionInput, SessionResult, Step, StepResult } from "./scenarios.ts";

const GUARD = 0xee;
const DEFAULT_MAX_MESSAGE = 1 << 20;

export default defineHarness({
  session: (input: SessionInput, learner: LearnerModule): SessionResult => session(input, learner),
  accept: (input: AcceptInput, learner: LearnerModule): AcceptResult => accept(input, learner),
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => runDemo(input, demoClient(learner, input.seed)),
});

/** The learner's Connection as the demo's client, every result copied and checked. */
function demoClient(learner: LearnerModule, seed: number): DemoClient {
  const connection = connect(learner, "client", DEFAULT_MAX_MESSAGE, maskKeys(seed).next);
  const acceptKey = exportedFunction(learner, "acceptKey") as (key: string, tools: typeof TOOLS) => unknown;
  const ignore: Keep = () => {};
  return {
    accept: (key) => {
      const value = acceptKey(key, TOOLS);
      return typeof value === "string" ? value : describeValue(value);
    },
    receive: (bytes) => {
      const { events, sent } = readReceived(connection.receive(bytes.slice()), "receive()", ignore);
      return { events, sent: fromHex(sent) };
    },
    send: (text) => copyBytes(connection.send(text), "send()'s frame"),
    ping: (data) => copyBytes(connection.ping(data), "ping()'s frame"),
    close: (code, reason) => copyBytes(connection.close(code, reason), "close()'s frame"),
  };
}

/** The provided functions: SHA-1 (runtime/core/sha1.ts) and base64; each copies what it is given. */
const TOOLS = Object.freeze({
  sha1: (data: Uint8Array) => sha1(copyBytes(data, "the argument of sha1()")),
  base64: (data: Uint8Array) => toBase64(copyBytes(data, "the argument of base64()")),
});

function accept(input: AcceptInput, learner: LearnerModule): AcceptResult {
  const acceptKey = exportedFunction(learner, "acceptKey") as (key: string, tools: typeof TOOLS) => unknown;
  return input.keys.map((key) => {
    try {
      const value = acceptKey(key, TOOLS);
      if (typeof value !== "string") return { error: `acceptKey() must return a string, but returned ${describeValue(value)}` };
      return { accept: value };
    } catch (error) {
      return { error: thrownMessage(error) };
    }
  });
}

/** The learner's Connection as the harness drives it. */
export interface Driven {
  receive(bytes: Uint8Array): unknown;
  send(data: string | Uint8Array): unknown;
  ping(data: Uint8Array): unknown;
  close(code: number, reason?: string): unknown;
}

function connect(learner: LearnerModule, role: "client" | "server", maxMessageBytes: number, maskKey: () => Uint8Array): Driven {
  const Connection = exportedClass(learner, "Connection") as new (options: unknown) => Driven;
  return new Connection(Object.freeze({ role, maxMessageBytes, maskKey }));
}

/** Masking keys from the seed; `given` collects the ones handed out since it was last emptied. */
export function maskKeys(seed: number): { readonly next: () => Uint8Array; readonly given: string[] } {
  const random = new Random(seed).fork("websocket:mask");
  const given: string[] = [];
  const next = () => {
    const value = random.nextUint32();
    const key = Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
    given.push(toHex(key));
    return key;
  };
  return { next, given };
}

/** Bytes returned by the learner, kept to be read again at the end. */
interface Kept {
  readonly where: string;
  readonly original: Uint8Array;
  readonly hex: string;
}

function session(input: SessionInput, learner: LearnerModule): SessionResult {
  const keys = maskKeys(input.maskSeed);
  const connection = connect(learner, input.role, input.maxMessageBytes ?? DEFAULT_MAX_MESSAGE, keys.next);
  const kept: Kept[] = [];
  const steps = input.steps.map((step, s) => runStep(connection, step, input.offset ?? 0, keys.given, (where, original, hex) => kept.push({ where: `step ${s + 1}, ${where}`, original, hex })));
  // Read every returned Uint8Array again: code that reuses one buffer changes what it returned before.
  const changedLater = kept.filter((k) => toHex(copyBytes(k.original, k.where)) !== k.hex).map((k) => k.where);
  return { steps, changedLater };
}

type Keep = (where: string, original: Uint8Array, hex: string) => void;

function runStep(connection: Driven, step: Step, offset: number, given: string[], keep: Keep): StepResult {
  if ("receive" in step) return receiveAll(connection, step.receive.map((hex) => fromHex(hex)), offset, given, keep);
  if ("big" in step) return receiveAll(connection, bigChunks(step.big), offset, given, keep);
  given.length = 0;
  let call: CallResult;
  try {
    const value =
      "sendText" in step
        ? connection.send(step.sendText)
        : "sendBinary" in step
          ? connection.send(fromHex(step.sendBinary))
          : "ping" in step
            ? connection.ping(fromHex(step.ping))
            : step.close.reason === undefined
              ? connection.close(step.close.code)
              : connection.close(step.close.code, step.close.reason);
    const frame = copyBytes(value, "the frame it returned");
    const hex = toHex(frame);
    if (frame.length <= SHOWN) keep("the frame returned", value as Uint8Array, hex);
    call = { chunk: 0, events: [], sent: hex, keys: [...given] };
  } catch (error) {
    call = { chunk: 0, events: [], sent: "", keys: [...given], error: thrownMessage(error) };
  }
  return { calls: [call] };
}

/** The chunks of a `big` step: header, then `length` bytes of `fill`, masked with the header's key if it has one. */
function bigChunks(big: Extract<Step, { big: unknown }>["big"]): Uint8Array[] {
  const header = fromHex(big.header);
  const frame = new Uint8Array(header.length + big.length);
  frame.set(header);
  frame.fill(big.fill, header.length);
  if ((header[1]! & 0x80) !== 0) {
    const mask = header.subarray(header.length - 4);
    for (let i = 0; i < big.length; i++) frame[header.length + i] = frame[header.length + i]! ^ mask[i & 3]!;
  }
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < frame.length; at += big.chop) chunks.push(frame.subarray(at, at + big.chop));
  return chunks;
}

function receiveAll(connection: Driven, chunks: readonly Uint8Array[], offset: number, given: string[], keep: Keep): StepResult {
  const calls: CallResult[] = [];
  let changedInput: string | undefined;
  chunks.forEach((bytes, index) => {
    given.length = 0;
    // A fresh buffer per call, with guard bytes around the view; scribbled over afterwards, as a socket's read buffer is reused.
    const buffer = new Uint8Array(offset + bytes.length + (offset > 0 ? 5 : 0)).fill(GUARD);
    buffer.set(bytes, offset);
    const view = buffer.subarray(offset, offset + bytes.length);
    let call: CallResult;
    try {
      const value = connection.receive(view);
      const { events, sent } = readReceived(value, `chunk ${index + 1}`, keep);
      call = { chunk: index, events, sent, keys: [...given] };
    } catch (error) {
      call = { chunk: index, events: [], sent: "", keys: [...given], error: thrownMessage(error) };
    }
    if (changedInput === undefined && view.some((byte, i) => byte !== bytes[i])) changedInput = toHex(view.subarray(0, 64));
    buffer.fill(GUARD);
    if (call.events.length > 0 || call.sent !== "" || call.error !== undefined || call.keys.length > 0) calls.push(call);
  });
  return changedInput === undefined ? { calls } : { calls, changedInput };
}

/** receive()'s result as plain data; throws a TypeError that says what is wrong with it. */
function readReceived(value: unknown, where: string, keep: Keep): { events: EventView[]; sent: string } {
  if (typeof value !== "object" || value === null) throw new TypeError(`receive() must return { events, send }, but returned ${describeValue(value)}`);
  const { events, send } = value as Record<string, unknown>;
  const originals = copyArray(send, "receive().send");
  const sent = originals.map((original, i) => {
    const frame = copyBytes(original, `item ${i + 1} of receive().send`);
    const hex = toHex(frame);
    if (frame.length <= SHOWN) keep(`${where}: send[${i}]`, originals[i] as Uint8Array, hex);
    return hex;
  });
  const list = copyArray(events, "receive().events").map((event, i) => readEvent(event, `${where}: event ${i + 1}`, keep));
  return { events: list, sent: sent.filter((hex) => hex !== "").join(" ") };
}

function readEvent(value: unknown, where: string, keep: Keep): EventView {
  if (typeof value !== "object" || value === null) throw new TypeError(`each event must be an object, but ${where} is ${describeValue(value)}`);
  const event = value as Record<string, unknown>;
  const type = event.type;
  if (type === "text") {
    if (typeof event.text !== "string") throw new TypeError(`a text event's text must be a string, but ${where} has ${describeValue(event.text)}`);
    return textView(event.text);
  }
  if (type === "binary" || type === "ping" || type === "pong") {
    const data = copyBytes(event.data, `the data of ${where} (${type})`);
    const view = payloadView(data);
    if (data.length <= SHOWN) keep(`the data of ${where}`, event.data as Uint8Array, view.hex);
    return { type, data: view };
  }
  if (type === "close") {
    const { code, reason } = event;
    if (!(code === null || Number.isInteger(code))) throw new TypeError(`a close event's code must be a number or null, but ${where} has ${describeValue(code)}`);
    if (typeof reason !== "string") throw new TypeError(`a close event's reason must be a string, but ${where} has ${describeValue(reason)}`);
    return { type, code: code as number | null, reason };
  }
  if (type === "fail") {
    if (!Number.isInteger(event.code)) throw new TypeError(`a fail event's code must be a number, but ${where} has ${describeValue(event.code)}`);
    return { type, code: event.code as number };
  }
  throw new TypeError(`${where} has type ${describeValue(type)}; the types are "text", "binary", "ping", "pong", "close" and "fail"`);
}
