/**
 * The hpack lab's harness: it runs inside the sandbox, next to the learner's
 * module, and is the only code that calls it. Inputs and results are the
 * plain shapes of scenarios.ts. What the learner's code throws comes back
 * as `{ error }` (the tests decide whether an error was due); what it
 * returns is checked and copied before it leaves.
 */
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
import { annotate, type IntegerReader } from "./annotate.ts";
import { demoRequests } from "./demo-requests.ts";
import type {
  DecodeInput,
  DecodeRunsInput,
  DecodeStep,
  EncodeInput,
  EncodeStep,
  Header,
  HeaderSpec,
  HpackDemoBlock,
  HpackDemoResult,
  IntegerCall,
  IntegerResult,
  StringCall,
  StringResult,
  TableInput,
  TableState,
  TableStep,
} from "./scenarios.ts";

/** More entries or fields than any test needs means something is wrong; stop copying there. */
const MAX_ITEMS = 5000;

export default defineHarness({
  integers: (input: { calls: readonly IntegerCall[] }, learner: LearnerModule): IntegerResult[] =>
    input.calls.map((call) => integerCall(call, learner)),
  strings: (input: { calls: readonly StringCall[] }, learner: LearnerModule): StringResult[] =>
    input.calls.map((call) => stringCall(call, learner)),
  table: (input: TableInput, learner: LearnerModule): TableStep[] => tableRun(input, learner),
  decode: (input: DecodeInput, learner: LearnerModule): DecodeStep[] => decodeRun(input, learner),
  decodeRuns: (input: DecodeRunsInput, learner: LearnerModule): DecodeStep[][] => input.runs.map((run) => decodeRun(run, learner)),
  encode: (input: EncodeInput, learner: LearnerModule): EncodeStep[] => encodeRun(input, learner),
  // The demo is fixed; the seed is accepted like every lab's demo.
  demo: (_input: { seed: number }, learner: LearnerModule): HpackDemoResult => demo(learner),
});

// ---------------------------------------------------------------------------
// Scenarios

function integerCall(call: IntegerCall, learner: LearnerModule): IntegerResult {
  return attempt(() => {
    if (call.op === "encode") {
      const encode = exportedFunction(learner, "encodeInteger") as (v: number, p: number, f?: number) => unknown;
      const value = call.flags === undefined ? encode(call.value, call.prefixBits) : encode(call.value, call.prefixBits, call.flags);
      return { hex: hex(copyBytes(value, "encodeInteger's result")) };
    }
    const decode = exportedFunction(learner, "decodeInteger") as (b: Uint8Array, o: number, p: number) => unknown;
    return readPosition(decode(fromHex(call.hex), call.offset ?? 0, call.prefixBits), "decodeInteger", "number");
  });
}

function stringCall(call: StringCall, learner: LearnerModule): StringResult {
  return attempt(() => {
    switch (call.op) {
      case "encodeString": {
        const encode = exportedFunction(learner, "encodeString") as (v: string, h: boolean) => unknown;
        return { hex: hex(copyBytes(encode(call.value, call.huffman), "encodeString's result")) };
      }
      case "decodeString": {
        const decode = exportedFunction(learner, "decodeString") as (b: Uint8Array, o: number) => unknown;
        return readPosition(decode(fromHex(call.hex), call.offset ?? 0), "decodeString", "string");
      }
      default: {
        const run = exportedFunction(learner, call.op) as (b: Uint8Array) => unknown;
        return { hex: hex(copyBytes(run(fromHex(call.hex)), `${call.op}'s result`)) };
      }
    }
  });
}

function tableRun(input: TableInput, learner: LearnerModule): TableStep[] {
  const Table = exportedClass(learner, "DynamicTable") as new (maxSize?: number) => unknown;
  const steps: TableStep[] = [];
  const table = input.maxSize === undefined ? new Table() : new Table(input.maxSize);
  for (const op of input.ops) {
    const step = attempt((): TableStep => {
      if (op.op === "add") call(table, "add", "DynamicTable", op.name, op.value);
      if (op.op === "setMaxSize") call(table, "setMaxSize", "DynamicTable", op.size);
      const got = op.op === "get" ? readHeader(call(table, "get", "DynamicTable", op.index), `get(${op.index})`) : undefined;
      return { table: tableState(table), ...(got === undefined ? {} : { got }) };
    });
    steps.push(step);
    if ("error" in step) break;
  }
  return steps;
}

function decodeRun(input: DecodeInput, learner: LearnerModule): DecodeStep[] {
  const decoder = construct(learner, "Decoder", input.maxTableSize);
  const steps: DecodeStep[] = [];
  for (const block of input.blocks) {
    const step = decodeBlock(decoder, fromHex(block));
    steps.push(step);
    if ("error" in step) break;
  }
  return steps;
}

function encodeRun(input: EncodeInput, learner: LearnerModule): EncodeStep[] {
  const encoder = construct(learner, "Encoder", input.maxTableSize);
  const decoder = input.decode === true ? construct(learner, "Decoder", input.maxTableSize) : undefined;
  const steps: EncodeStep[] = [];
  for (const block of input.blocks) {
    const step = attempt((): EncodeStep => {
      for (const size of [block.setMaxTableSize ?? []].flat()) call(encoder, "setMaxTableSize", "Encoder", size);
      const bytes = encodeBlock(encoder, block.headers, block.huffman);
      const table = tableState(property(encoder, "table", "Encoder"));
      return { hex: hex(bytes), table, ...(decoder === undefined ? {} : { decoded: decodeBlock(decoder, bytes) }) };
    });
    steps.push(step);
    if ("error" in step) break;
  }
  return steps;
}

/** The site's demo: a browser loading a page over one connection, encoded and decoded by the learner's code. */
function demo(learner: LearnerModule): HpackDemoResult {
  const encoder = construct(learner, "Encoder", undefined);
  const decoder = construct(learner, "Decoder", undefined);
  const blocks: HpackDemoBlock[] = [];
  let plain = 0;
  let encoded = 0;
  let matches = 0;
  for (const headers of demoRequests()) {
    const encodedBlock = attempt(() => ({ bytes: encodeBlock(encoder, headers, true) }));
    // An encoder that throws still gets a block to show, with the error as the decoded result.
    const bytes = "error" in encodedBlock ? new Uint8Array(0) : encodedBlock.bytes;
    const step: DecodeStep = "error" in encodedBlock ? { error: `Encoder.encode threw ${encodedBlock.error}` } : decodeBlock(decoder, bytes);
    const decoded = "error" in step ? { error: step.error } : step.headers;
    const state = "error" in step ? safeTableState(decoder) : step.table;
    plain += headers.reduce((sum, [name, value]) => sum + utf8Length(name) + utf8Length(value), 0);
    encoded += bytes.length;
    if (!("error" in step) && JSON.stringify(step.headers) === JSON.stringify(headers)) matches++;
    blocks.push({
      headers: headers.map(([name, value]) => [name, value]),
      hex: hex(bytes),
      fields: annotate(bytes, "error" in step ? undefined : step.headers, integerReader(learner)),
      table: (state?.entries ?? []).map(([name, value], i) => ({ index: 62 + i, name, value, size: utf8Length(name) + utf8Length(value) + 32 })),
      tableSize: state?.size ?? 0,
      maxTableSize: state?.maxSize ?? 0,
      decoded,
    });
  }
  const summary = [
    `${blocks.length} blocks, ${plain} header bytes → ${encoded} encoded (${Math.round((100 * encoded) / plain)}%)`,
    `block sizes: ${blocks.map((b) => b.hex.length / 2).join(", ")} bytes (later requests reuse the dynamic table)`,
    `your decoder gave back ${matches} of ${blocks.length} header lists exactly`,
  ];
  const problem = blocks.findIndex((b) => "error" in b.decoded);
  if (problem >= 0) summary.push(`block ${problem + 1}: ${(blocks[problem]!.decoded as { error: string }).error}`);
  return { summary: summary.join("\n"), blocks };
}

/** The learner's decodeInteger for the demo's annotations (annotate.ts): undefined wherever it throws or answers nonsense. */
function integerReader(learner: LearnerModule): IntegerReader {
  const decode = learner["decodeInteger"];
  return (bytes, offset, prefixBits) => {
    if (typeof decode !== "function") return undefined;
    try {
      const { value, next } = readPosition(Reflect.apply(decode, undefined, [bytes.slice(), offset, prefixBits]), "decodeInteger", "number");
      return Number.isSafeInteger(value) && Number.isSafeInteger(next) && next > offset && next <= bytes.length ? { value, next } : undefined;
    } catch {
      return undefined;
    }
  };
}

// ---------------------------------------------------------------------------
// The learner's objects, handled with care

function attempt<T>(work: () => T): T | { error: string } {
  try {
    return work();
  } catch (error) {
    if (error instanceof Error && error.name === "MissingExportError") throw error;
    return { error: thrownMessage(error) };
  }
}

function construct(learner: LearnerModule, name: string, maxTableSize: number | undefined): unknown {
  const Class = exportedClass(learner, name) as new (maxTableSize?: number) => unknown;
  return maxTableSize === undefined ? new Class() : new Class(maxTableSize);
}

function property(object: unknown, name: string, className: string): unknown {
  if (object === null || (typeof object !== "object" && typeof object !== "function")) {
    throw new TypeError(`expected a ${className}, got ${describeValue(object)}`);
  }
  return (object as Record<string, unknown>)[name];
}

function call(object: unknown, name: string, className: string, ...args: unknown[]): unknown {
  const method = property(object, name, className);
  if (typeof method !== "function") throw new TypeError(`A ${className} must have a method \`${name}\` (found ${describeValue(method)}).`);
  return Reflect.apply(method, object, args);
}

function encodeBlock(encoder: unknown, headers: readonly HeaderSpec[], huffman: boolean | undefined): Uint8Array {
  const list = headers.map((h) => (Array.isArray(h) ? [h[0], h[1]] : { ...h }));
  const value = huffman === undefined ? call(encoder, "encode", "Encoder", list) : call(encoder, "encode", "Encoder", list, { huffman });
  return copyBytes(value, "Encoder.encode's result");
}

function decodeBlock(decoder: unknown, bytes: Uint8Array): DecodeStep {
  return attempt(() => {
    const headers = readHeaders(call(decoder, "decode", "Decoder", bytes.slice()), "Decoder.decode's result");
    return { headers, table: tableState(property(decoder, "table", "Decoder")) };
  });
}

function safeTableState(decoder: unknown): TableState | undefined {
  try {
    return tableState(property(decoder, "table", "Decoder"));
  } catch {
    return undefined;
  }
}

/** A copy of a DynamicTable's state: entries() (newest first), size and maxSize. */
function tableState(table: unknown): TableState {
  const entries = readHeaders(call(table, "entries", "DynamicTable"), "DynamicTable.entries()");
  const size = property(table, "size", "DynamicTable");
  const maxSize = property(table, "maxSize", "DynamicTable");
  if (typeof size !== "number") throw new TypeError(`DynamicTable.size must be a number, found ${describeValue(size)}`);
  if (typeof maxSize !== "number") throw new TypeError(`DynamicTable.maxSize must be a number, found ${describeValue(maxSize)}`);
  return { entries, size, maxSize };
}

function readHeaders(value: unknown, what: string): Header[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array of [name, value] pairs, found ${describeValue(value)}`);
  const items = copyArray(value, what, MAX_ITEMS + 1); // species-free: never runs the learner's array code
  if (items.length > MAX_ITEMS) throw new TypeError(`${what} has more than ${MAX_ITEMS} items`);
  return items.map((item, i) => readHeader(item, `${what}[${i}]`));
}

function readHeader(value: unknown, what: string): Header {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be a [name, value] pair, found ${describeValue(value)}`);
  const [name, text] = [value[0] as unknown, value[1] as unknown];
  if (typeof name !== "string" || typeof text !== "string" || value.length !== 2) {
    throw new TypeError(`${what} must be a [name, value] pair of two strings, found [${describeValue(name)}, ${describeValue(text)}]`);
  }
  return [name, text];
}

function readPosition(value: unknown, what: string, type: "number" | "string"): { value: never; next: number } {
  const result = value as { value?: unknown; next?: unknown } | null;
  if (result === null || typeof result !== "object") throw new TypeError(`${what} must return { value, next }, found ${describeValue(value)}`);
  const [read, next] = [result.value, result.next];
  if (typeof read !== type || typeof next !== "number") {
    throw new TypeError(`${what} must return { value: ${type}, next: number }, found { value: ${describeValue(read)}, next: ${describeValue(next)} }`);
  }
  return { value: read as never, next };
}

// ---------------------------------------------------------------------------
// Bytes

function hex(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += byte.toString(16).padStart(2, "0");
  return text;
}

function fromHex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
