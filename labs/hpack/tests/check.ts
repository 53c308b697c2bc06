/**
 * Running the harness's scenarios from a test and checking what came back,
 * with failures that show the bytes (hex, caret under the first wrong byte),
 * the header lists side by side and the steps that led there.
 */
import { expectBytes, fail, fromHex, preview, toHex, type TestContext } from "#labs/kit/index.ts";
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
import { isCrash, isNotAnError } from "./crash.ts";

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
  if (isCrash(message)) {
    fail(
      `${what}: expected a decoding error (${why}), but your code crashed with ${message}. ` +
        "Any Error you throw on purpose counts (HpackError, Error, TypeError…); an error the JavaScript engine throws for you does not. " +
        "Check the input before using it and throw an Error that says what is wrong.",
    );
  }
  if (isNotAnError(message)) fail(`${what}: expected a decoding error (${why}), but your code threw ${message}; throw an Error (HpackError is there for that).`);
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

/** Compares a table (newest first), its size and limit; a failure lists every entry's size and the limit. */
export function expectTable(actual: TableState, entries: readonly Header[], size: number, what: string, maxSize?: number): void {
  const sameEntries = actual.entries.length === entries.length && actual.entries.every((e, i) => e[0] === entries[i]![0] && e[1] === entries[i]![1]);
  if (sameEntries && actual.size === size && (maxSize === undefined || actual.maxSize === maxSize)) return;
  const problem = !sameEntries
    ? `the dynamic table (newest first) holds ${actual.entries.length} entries, expected ${entries.length}`
    : actual.size !== size
      ? `the dynamic table's size is ${actual.size}, expected ${size}`
      : `the table's maxSize is ${actual.maxSize}, expected ${maxSize}`;
  fail(
    [
      `${what}: ${problem}`,
      `  limit (maxSize): ${maxSize === undefined ? "" : `expected ${maxSize}, `}yours ${actual.maxSize}`,
      `  expected: ${sizedList(entries)} = ${size} octets`,
      `  got     : ${sizedList(actual.entries)} = ${actual.size} octets by your count`,
      "  (an entry's size is name octets + value octets + 32, RFC 7541 §4.1; entries are evicted oldest first until the new one fits, §4.4)",
    ].join("\n"),
  );
}

/** Entries with their sizes: "[x-a: 1 (36), …]" */
function sizedList(entries: readonly Header[]): string {
  const shown = entries.slice(0, 8).map((e) => `${field(e)} (${entryBytes(e)})`);
  return `[${shown.join(", ")}${entries.length > 8 ? `, … ${entries.length - 8} more` : ""}]`;
}

/** name + value + 32 in octets (RFC 7541 §4.1). */
export function entryBytes([name, value]: Header): number {
  return utf8(name).length + utf8(value).length + 32;
}

export function field([name, value]: Header): string {
  const text = `${name}: ${value}`.length > 60 ? `${name}: ${value.slice(0, 50)}…(${value.length} characters)` : `${name}: ${value}`;
  // Invisible characters (U+FEFF, zero widths, controls) are shown as escapes.
  return JSON.stringify(text).replace(/[\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
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
// How a block is written, for failures that name the representation and the offset

export type Representation = "indexed" | "literal-indexed" | "literal-not-indexed" | "literal-never-indexed" | "size-update";

/**
 * One representation of a block: where it starts, what it is, and its index
 * (the field's for an indexed field, the name's for a literal, 0 for a new
 * name; the new size for a size update). Recorded as data (rfc-examples.ts)
 * or read by the hidden tests' own decoder.
 */
export type FieldNote = readonly [offset: number, representation: Representation, index: number];

const KINDS: Record<Representation, string> = {
  indexed: "an indexed field (§6.1)",
  "literal-indexed": "a literal with incremental indexing (§6.2.1)",
  "literal-not-indexed": "a literal without indexing (§6.2.2)",
  "literal-never-indexed": "a literal never indexed (§6.2.3)",
  "size-update": "a dynamic table size update (§6.3)",
};

/** "a literal with incremental indexing (§6.2.1), name index 1, at offset 3" */
export function describeNote([offset, representation, index]: FieldNote): string {
  const detail =
    representation === "indexed" ? `index ${index}` : representation === "size-update" ? `to ${index}` : index === 0 ? "new name" : `name index ${index}`;
  return `${KINDS[representation]}, ${detail}, at offset ${offset}`;
}

/** The notes of the fields only (size updates left out), so that note k belongs to field k. */
export function fieldNotes(notes: readonly FieldNote[]): FieldNote[] {
  return notes.filter((n) => n[1] !== "size-update");
}

/** A few lines listing a block's representations with their offsets. */
function layout(notes: readonly FieldNote[]): string {
  const lines = notes.slice(0, 12).map((n) => `    ${describeNote(n)}`);
  return ["  how the block is written:", ...lines, ...(notes.length > 12 ? [`    … ${notes.length - 12} more`] : [])].join("\n");
}

// ---------------------------------------------------------------------------
// Sequences of blocks

export interface ExpectedBlock {
  readonly hex: string;
  readonly headers: readonly Header[];
  /** The table afterwards (newest first) and its size; unchecked when absent. */
  readonly table?: readonly Header[];
  readonly size?: number;
  /** How the expected bytes are written, to explain failures; optional. */
  readonly notes?: readonly FieldNote[];
}

/** Decodes `blocks` in order with one learner Decoder and checks each list (and table). */
export async function checkDecodeSequence(t: TestContext, blocks: readonly ExpectedBlock[], maxTableSize?: number, name = "block"): Promise<void> {
  const steps = await decode(t, { blocks: blocks.map((b) => b.hex), ...(maxTableSize === undefined ? {} : { maxTableSize }) });
  for (const [i, block] of blocks.entries()) {
    const what = `${name} ${i + 1} of ${blocks.length}`;
    t.step(`decode ${what}: ${preview(fromHex(block.hex), 32)}`);
    expectDecoded(steps[i], block, what);
  }
}

/** Checks one block's decoding: the list (naming the representation of the first wrong field) and the table. */
export function expectDecoded(step: DecodeStep | undefined, block: ExpectedBlock & { maxSize?: number }, what: string): void {
  if (step === undefined) fail(`${what}: not decoded (an earlier block failed)`);
  if ("error" in step && block.notes !== undefined) fail(`Decoder.decode(${what}) threw: ${step.error}\n${layout(block.notes)}`);
  const done = ok(step, `Decoder.decode(${what})`);
  explainField(() => expectHeaders(done.headers, block.headers, what), done.headers, block);
  if (block.table !== undefined) expectTable(done.table, block.table, block.size!, `after ${what}`, block.maxSize);
}

/** Adds to a header list mismatch which representation, at which offset, wrote the first wrong field. */
function explainField(check: () => void, actual: readonly Header[], block: ExpectedBlock): void {
  try {
    check();
  } catch (error) {
    if (block.notes === undefined || !(error instanceof Error)) throw error;
    let k = 0;
    while (k < actual.length && k < block.headers.length && actual[k]![0] === block.headers[k]![0] && actual[k]![1] === block.headers[k]![1]) k++;
    const note = fieldNotes(block.notes)[k];
    if (note === undefined) throw error;
    fail(`${error.message}\nField #${k + 1} is written as ${describeNote(note)}.`);
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
  for (const [i, block] of blocks.entries()) {
    const what = `${options.name ?? "block"} ${i + 1} of ${blocks.length}`;
    t.step(`encode ${what}${options.huffman === undefined ? "" : ` with huffman: ${options.huffman}`}: ${JSON.stringify(block.headers)}`);
    const step = steps[i];
    if (step === undefined) fail(`${what}: not encoded (an earlier block failed)`);
    const done = ok(step, `Encoder.encode(${what})`);
    explainBytes(() => expectHex(done.hex, block.hex, `Encoder.encode(${what})`), done.hex, block);
    if (block.table !== undefined) expectTable(done.table, block.table, block.size!, `the encoder's table after ${what}`);
  }
}

/** Adds to a byte mismatch which field the first wrong byte belongs to, and how it should be written. */
function explainBytes(check: () => void, actual: string, block: ExpectedBlock): void {
  try {
    check();
  } catch (error) {
    if (block.notes === undefined || !(error instanceof Error)) throw error;
    const a = fromHex(actual);
    const e = fromHex(block.hex);
    let at = 0;
    while (at < a.length && at < e.length && a[at] === e[at]) at++;
    const owner = [...block.notes].reverse().find((n) => n[0] <= at);
    if (owner === undefined) throw error;
    const k = fieldNotes(block.notes).indexOf(owner);
    const header = k < 0 ? "" : `${field(block.headers[k]!)} as `;
    fail(`${error.message}\nThe bytes from offset ${owner[0]} should be ${header}${describeNote(owner)}.`);
  }
}

/**
 * Decodes each block with its own fresh Decoder; every one must be rejected.
 * A valid control block goes first, so that a decoder that always throws fails.
 */
export async function expectRejected(t: TestContext, cases: { hex: string; why: string }[], maxTableSize?: number): Promise<void> {
  const control = { hex: "828684410f7777772e6578616d706c652e636f6d", headers: [[":method", "GET"], [":scheme", "http"], [":path", "/"], [":authority", "www.example.com"]] as Header[] };
  const runs = await decodeRuns(t, [control, ...cases].map((c) => ({ blocks: [c.hex], ...(maxTableSize === undefined ? {} : { maxTableSize }) })));
  t.step(`decode ${control.hex} (valid: RFC 7541 C.3.1)`);
  expectHeaders(ok(runs.shift()![0]!, `Decoder.decode(${control.hex})`).headers, control.headers, "the valid control block");
  for (const [i, c] of cases.entries()) {
    t.step(`decode ${c.hex.length > 64 ? c.hex.slice(0, 64) + "…" : c.hex} (${c.why})`);
    expectError(runs[i]![0], `Decoder${maxTableSize === undefined ? "" : `(${maxTableSize})`}.decode(${c.hex.slice(0, 40)})`, c.why);
  }
}

export { toHex };
