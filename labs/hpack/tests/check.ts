/**
 * Running the harness's scenarios from a test and checking what came back,
 * with failures that show the bytes (hex, caret under the first wrong byte),
 * the header lists side by side and the steps that led there.
 */
import { expectBytes, fail, fromHex, preview, toHex, type TestContext } from "../../kit/index.ts";
import type {
  DecodeInput,
  DecodeStep,
  EncodeInput,
  EncodeStep,
  Header,
  HeaderSpec,
  IntegerCall,
  IntegerResult,
  StringCall,
  StringResult,
  TableInput,
  TableState,
  TableStep,
} from "../scenarios.ts";
import { ReferenceDecoder, type ReadField } from "./reference-decoder.ts";

/** Bytes as the harness takes them: hex without spaces. */
export function hexOf(bytes: Uint8Array): string {
  return toHex(bytes).replace(/ /g, "");
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

// ---------------------------------------------------------------------------
// Running scenarios

export const integers = (t: TestContext, calls: IntegerCall[]) => t.run<IntegerResult[]>("integers", { calls });
export const strings = (t: TestContext, calls: StringCall[]) => t.run<StringResult[]>("strings", { calls });
export const table = (t: TestContext, input: TableInput) => t.run<TableStep[]>("table", input);
export const decode = (t: TestContext, input: DecodeInput) => t.run<DecodeStep[]>("decode", input);
export const decodeRuns = (t: TestContext, runs: DecodeInput[]) => t.run<DecodeStep[][]>("decodeRuns", { runs });
export const encode = (t: TestContext, input: EncodeInput) => t.run<EncodeStep[]>("encode", input);

// ---------------------------------------------------------------------------
// Results

/** Errors that mean the code crashed (read past an array, called undefined), not that it rejected the input. */
const CRASH = /^(TypeError|ReferenceError|RangeError: (Maximum call stack|Invalid array length|Array buffer allocation))/;

/** The value of a result that must have succeeded. */
export function ok<R extends object>(result: R, what: string): Exclude<R, { readonly error: string }> {
  if ("error" in result) fail(`${what} threw: ${String(result.error)}`);
  return result as Exclude<R, { readonly error: string }>;
}

/** The bytes (hex) of an integer or string call that must have succeeded. */
export function okHex(result: IntegerResult | StringResult, what: string): string {
  const done = ok(result, what);
  if (!("hex" in done)) fail(`${what} returned ${show(done)}, expected bytes`);
  return done.hex;
}

/** Checks that a result is a deliberate error (not a crash, not a value). */
export function expectError(result: object | undefined, what: string, why: string): void {
  if (result === undefined) fail(`${what}: expected an error (${why}), but your code stopped earlier`);
  if (!("error" in result)) fail(`${what}: expected an error (${why}), but your code returned ${show(result)}`);
  const message = (result as { error: string }).error;
  if (/not implemented/i.test(message)) fail(`${what}: expected a decoding error (${why}), but your code says ${message}`);
  if (CRASH.test(message)) {
    fail(`${what}: expected a decoding error (${why}), but your code crashed with ${message}. Check the input and throw an Error that says what is wrong.`);
  }
}

export function expectHex(actual: string, expected: string, what: string): void {
  expectBytes(fromHex(actual), fromHex(expected), what);
}

/** Compares header lists field by field, showing both lists around the first difference. */
export function expectHeaders(actual: readonly Header[], expected: readonly Header[], what: string): void {
  const count = Math.max(actual.length, expected.length);
  for (let i = 0; i < count; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a !== undefined && e !== undefined && a[0] === e[0] && a[1] === e[1]) continue;
    fail(
      [
        `${what}: field #${i + 1} is ${a === undefined ? "missing" : field(a)}, expected ${e === undefined ? "no more fields" : field(e)}` +
          (actual.length !== expected.length ? ` (got ${actual.length} fields, expected ${expected.length})` : ""),
        `  expected: ${list(expected)}`,
        `  got     : ${list(actual)}`,
      ].join("\n"),
    );
  }
}

/** Compares a table (newest first) and its size. */
export function expectTable(actual: TableState, entries: readonly Header[], size: number, what: string, maxSize?: number): void {
  expectHeaders(actual.entries, entries, `${what}: the dynamic table (newest first)`);
  if (actual.size !== size) {
    fail(`${what}: the dynamic table's size is ${actual.size}, expected ${size} (${entries.map((e) => `${field(e)} = ${entryBytes(e)}`).join(", ") || "empty"})`);
  }
  if (maxSize !== undefined && actual.maxSize !== maxSize) fail(`${what}: the table's maxSize is ${actual.maxSize}, expected ${maxSize}`);
}

/** name + value + 32 in octets (RFC 7541 §4.1). */
export function entryBytes([name, value]: Header): number {
  return utf8(name).length + utf8(value).length + 32;
}

export function field([name, value]: Header): string {
  return JSON.stringify(`${name}: ${value}`.length > 60 ? `${name}: ${value.slice(0, 50)}…` : `${name}: ${value}`);
}

function list(headers: readonly Header[]): string {
  const shown = headers.slice(0, 8).map(field).join(", ");
  return `[${shown}${headers.length > 8 ? `, … ${headers.length - 8} more` : ""}]`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// ---------------------------------------------------------------------------
// Sequences of blocks

export interface ExpectedBlock {
  readonly hex: string;
  readonly headers: readonly Header[];
  /** The table afterwards (newest first) and its size; unchecked when absent. */
  readonly table?: readonly Header[];
  readonly size?: number;
}

/** Decodes `blocks` in order with one learner Decoder and checks each list (and table). */
export async function checkDecodeSequence(t: TestContext, blocks: readonly ExpectedBlock[], maxTableSize?: number, name = "block"): Promise<void> {
  const steps = await decode(t, { blocks: blocks.map((b) => b.hex), ...(maxTableSize === undefined ? {} : { maxTableSize }) });
  for (const [i, block] of blocks.entries()) {
    const what = `${name} ${i + 1} of ${blocks.length}`;
    t.step(`decode ${what}: ${preview(fromHex(block.hex), 32)}`);
    const step = steps[i];
    if (step === undefined) fail(`${what}: not decoded (an earlier block failed)`);
    const done = ok(step, `Decoder.decode(${what})`);
    expectHeaders(done.headers, block.headers, what);
    if (block.table !== undefined) expectTable(done.table, block.table, block.size!, `after ${what}`);
  }
}

/** Encodes header lists in order with one learner Encoder and checks the bytes (and table) of each block. */
export async function checkEncodeSequence(
  t: TestContext,
  blocks: readonly ExpectedBlock[],
  options: { maxTableSize?: number; huffman?: boolean; name?: string } = {},
): Promise<void> {
  const steps = await encode(t, {
    blocks: blocks.map((b) => ({ headers: b.headers as HeaderSpec[], ...(options.huffman === undefined ? {} : { huffman: options.huffman }) })),
    ...(options.maxTableSize === undefined ? {} : { maxTableSize: options.maxTableSize }),
  });
  const reference = new ReferenceDecoder(options.maxTableSize);
  for (const [i, block] of blocks.entries()) {
    const what = `${options.name ?? "block"} ${i + 1} of ${blocks.length}`;
    t.step(`encode ${what}${options.huffman === undefined ? "" : ` with huffman: ${options.huffman}`}: ${JSON.stringify(block.headers)}`);
    const step = steps[i];
    if (step === undefined) fail(`${what}: not encoded (an earlier block failed)`);
    const done = ok(step, `Encoder.encode(${what})`);
    const fields = reference.read(fromHex(block.hex)).fields;
    explainOnFailure(() => expectHex(done.hex, block.hex, `Encoder.encode(${what})`), done.hex, block.hex, fields);
    if (block.table !== undefined) expectTable(done.table, block.table, block.size!, `the encoder's table after ${what}`);
  }
}

/** Adds to a byte mismatch which field the first wrong byte belongs to, and what it should be. */
function explainOnFailure(check: () => void, actual: string, expected: string, fields: readonly ReadField[]): void {
  try {
    check();
  } catch (error) {
    const a = fromHex(actual);
    const e = fromHex(expected);
    let at = 0;
    while (at < a.length && at < e.length && a[at] === e[at]) at++;
    const owner = [...fields].reverse().find((f) => f.offset <= at);
    if (owner === undefined || !(error instanceof Error)) throw error;
    const kinds = { "literal-indexed": "with incremental indexing", "literal-not-indexed": "without indexing", "literal-never-indexed": "never indexed" };
    const how =
      owner.representation === "indexed"
        ? `an indexed field, index ${owner.index}`
        : `a literal ${kinds[owner.representation]}, ${owner.index === 0 ? "new name" : `name index ${owner.index}`}`;
    fail(`${error.message}\nThe bytes from offset ${owner.offset} should be ${field([owner.name, owner.value])} as ${how}.`);
  }
}

export { toHex };
