/**
 * The http1 lab's harness: it runs inside the sandbox next to the learner's
 * module and is the only code that calls it. `parse` feeds streams, cut
 * into pushes, to fresh Parsers; `serialize` writes messages; `demo` runs a
 * pipelined exchange for the workbench. Whatever the learner returns is
 * copied and checked here.
 */
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";
import { copyArray, copyBytes, defineHarness, describeValue, exportedClass, exportedFunction, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import { demo } from "./demo.ts";
import type { FieldView, MessageView, ParseCase, ParseInput, ParseOutcome, Parsed, SerializeInput, Serialized } from "./scenarios.ts";

const GUARD = 0xee;

export default defineHarness({
  parse: (input: ParseInput, learner: LearnerModule): ParseOutcome[] => input.cases.map((c) => parseCase(c, learner)),
  serialize: (input: SerializeInput, learner: LearnerModule): Serialized[] => serializeAll(input, learner),
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => demo(input, (c) => parseCase(c, learner), (m) => serializeAll({ messages: [m] }, learner)[0]!),
});

interface LearnerParser {
  requestMethod(method: string): void;
  push(chunk: Uint8Array): unknown;
  end(): unknown;
}

/** `bytes` as a view at `offset` of a larger buffer of guard octets (a fresh array when offset is 0). */
function placed(bytes: Uint8Array, offset: number): { view: Uint8Array; buffer: Uint8Array } {
  const buffer = new Uint8Array(offset + bytes.length + (offset > 0 ? 5 : 0)).fill(GUARD);
  buffer.set(bytes, offset);
  return { view: buffer.subarray(offset, offset + bytes.length), buffer };
}

function parseCase(c: ParseCase, learner: LearnerModule): ParseOutcome {
  const Parser = exportedClass(learner, "Parser") as new (role: string, limits?: object) => LearnerParser;
  const parser = c.limits === undefined ? new Parser(c.role) : new Parser(c.role, { ...c.limits });
  for (const method of c.methods ?? []) parser.requestMethod(method);
  const messages: Parsed[] = [];
  const bodies: unknown[] = [];
  let outcome: ParseOutcome = { messages };
  const take = (value: unknown, at: number | "end", call: string) => {
    for (const item of copyArray(value, `${call}'s result`)) {
      const { view, body } = readMessage(item, `message ${messages.length + 1} (from ${call})`);
      messages.push({ ...view, at });
      bodies.push(body);
    }
  };
  const failed = (error: unknown, at: number | "end"): ParseOutcome => ({ messages, error: { kind: errorKind(error), message: thrownMessage(error), at } });
  for (let i = 0; i < c.chunks.length; i++) {
    const bytes = fromHex(c.chunks[i]!);
    const { view, buffer } = placed(bytes, c.offset ?? 0);
    const before = buffer.slice();
    let result: unknown;
    try {
      result = parser.push(view);
    } catch (error) {
      outcome = failed(error, i);
    }
    if (buffer.some((b, j) => b !== before[j])) outcome = { ...outcome, changedInput: toHex(view) };
    if (outcome.error !== undefined) {
      if (c.afterError !== undefined) outcome = { ...outcome, ...callAgain(parser, fromHex(c.afterError)) };
      break;
    }
    take(result, i, `push #${i + 1}`);
  }
  if (outcome.error === undefined && c.end === true) {
    try {
      take(parser.end(), "end", "end()");
    } catch (error) {
      outcome = failed(error, "end");
      if (c.afterError !== undefined) outcome = { ...outcome, ...callAgain(parser, fromHex(c.afterError)) };
    }
  }
  // Read every body again: a parser that reuses one buffer changes what it returned before.
  const later: Record<number, string> = {};
  bodies.forEach((body, i) => {
    const again = toHex(copyBytes(body, "a body you returned"));
    if (again !== messages[i]!.body) later[i] = again;
  });
  return Object.keys(later).length > 0 ? { ...outcome, later } : outcome;
}

/** After an error: one more push, then end(); each must throw the error again. */
function callAgain(parser: LearnerParser, bytes: Uint8Array): { again: string; againEnd: string } {
  return { again: attempt(() => parser.push(bytes)), againEnd: attempt(() => parser.end()) };
}

function attempt(call: () => unknown): string {
  try {
    call();
    return "returned";
  } catch (error) {
    return errorKind(error);
  }
}

/** The `kind` own data property of what was thrown, or a description of it. */
function errorKind(error: unknown): string {
  if (typeof error !== "object" || error === null) return `(threw ${describeValue(error)})`;
  const descriptor = Object.getOwnPropertyDescriptor(error, "kind");
  if (descriptor === undefined || !("value" in descriptor)) return `(no kind: ${thrownMessage(error)})`;
  return typeof descriptor.value === "string" ? descriptor.value : `(kind is ${describeValue(descriptor.value)})`;
}

function text(value: unknown, what: string, nullable: boolean): string | null {
  if (value === null && nullable) return null;
  if (typeof value !== "string") throw new TypeError(`${what} must be a string${nullable ? " or null" : ""}, but is ${describeValue(value)}`);
  return value;
}

function fieldList(value: unknown, what: string): FieldView[] {
  return copyArray(value, what).map((item, i) => {
    const pair = copyArray(item, `${what}[${i}]`, 3);
    if (pair.length !== 2) throw new TypeError(`${what}[${i}] must be a [name, value] pair`);
    return [text(pair[0], `${what}[${i}][0]`, false)!, text(pair[1], `${what}[${i}][1]`, false)!];
  });
}

/** A message the learner returned, as plain data (and its body as returned, to re-read later). */
function readMessage(value: unknown, what: string): { view: MessageView; body: unknown } {
  if (typeof value !== "object" || value === null) throw new TypeError(`${what} must be a Message object, but is ${describeValue(value)}`);
  const m = value as Record<string, unknown>;
  const status = m.status;
  if (!(status === null || Number.isInteger(status))) throw new TypeError(`${what}.status must be an integer or null, but is ${describeValue(status)}`);
  const body = m.body;
  const view: MessageView = {
    method: text(m.method, `${what}.method`, true),
    target: text(m.target, `${what}.target`, true),
    status: status as number | null,
    reason: text(m.reason, `${what}.reason`, true),
    version: text(m.version, `${what}.version`, false)!,
    fields: fieldList(m.fields, `${what}.fields`),
    body: toHex(copyBytes(body, `${what}.body`)),
    trailers: fieldList(m.trailers, `${what}.trailers`),
  };
  return { view, body };
}

/** The learner's Message for `view`: fresh arrays, the body as a view at `offset` of a guarded buffer. */
function toMessage(view: MessageView, offset: number): object {
  return {
    method: view.method,
    target: view.target,
    status: view.status,
    reason: view.reason,
    version: view.version,
    fields: view.fields.map(([n, v]) => [n, v]),
    body: placed(fromHex(view.body), offset).view,
    trailers: view.trailers.map(([n, v]) => [n, v]),
  };
}

function serializeAll(input: SerializeInput, learner: LearnerModule): Serialized[] {
  const serialize = exportedFunction(learner, "serialize") as (message: object) => unknown;
  const returned: unknown[] = [];
  const results: Serialized[] = input.messages.map((view) => {
    try {
      const value = serialize(toMessage(view, input.offset ?? 0));
      returned.push(value);
      return { hex: toHex(copyBytes(value, "serialize()'s result")) };
    } catch (error) {
      returned.push(undefined);
      return { error: thrownMessage(error) };
    }
  });
  return results.map((result, i) => {
    if (result.hex === undefined) return result;
    const again = toHex(copyBytes(returned[i], "serialize()'s result"));
    return again === result.hex ? result : { ...result, later: again };
  });
}
