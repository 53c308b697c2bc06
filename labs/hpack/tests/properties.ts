/**
 * Hidden property and differential tests: many seeded inputs through the
 * learner's code, each judged by a model the tests own (tests/oracle/),
 * never by the reference solution. A failure shows the smallest failing
 * input fast-check found, with the seed to replay it. Registered by
 * hidden.ts.
 */
import { fail, fromHex, type defineTests, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import type { HeaderSpec, StringCall, TableOp } from "../scenarios.ts";
import * as arb from "./arbitraries.ts";
import { str } from "./blocks.ts";
import {
  decode,
  describeNote,
  encode,
  expectDecoded,
  expectError,
  expectHeaders,
  expectHex,
  expectTable,
  field,
  hexOf,
  integers,
  ok,
  okHex,
  strings,
  table,
  utf8,
} from "./check.ts";
import { ReferenceDecoder, type ReadBlock } from "./oracle/decoder.ts";
import { ChoosingEncoder } from "./oracle/encoder.ts";
import { huffman, huffmanBits, packBits, unhuffman } from "./oracle/huffman.ts";
import { decodeIntegerModel, encodeIntegerModel } from "./oracle/integer.ts";
import { expectedUpdates, policyFor } from "./oracle/policy.ts";
import { ModelTable, sizeOf } from "./oracle/table.ts";
import { plain } from "./random-headers.ts";
import { RULES } from "./rules.ts";

type Registry = Parameters<Parameters<typeof defineTests>[0]>[0];

const short = (hex: string) => (hex.length > 160 ? `${hex.slice(0, 160)}… (${hex.length / 2} bytes)` : hex || "(empty)");

export function propertyTests({ describe, it }: Registry): void {
  describe("properties", () => {
    it(
      "decodes integers exactly as the lab's limits say (seeded random bytes)",
      {
        points: 3,
        rule: `${RULES.integer}. ${RULES.integerLimit}. ${RULES.integerBytes}`,
        hint: "Each case is bytes, an offset and a prefix size; the tests' model adds group × 128^k exactly, rejects past 2^31 − 1, past 5 continuation bytes and when the bytes end. Mask the prefix and ignore the flag bits above it.",
      },
      (t) => integerDecoding(t),
    );
    it(
      "encodes integers with every prefix and flag bits (seeded random values)",
      { points: 2, rule: RULES.integer, hint: "Keep the flag bits above the prefix; a value of 2^N − 1 or more fills the prefix and continues in 7-bit groups, low group first." },
      (t) => integerEncoding(t),
    );
    it(
      "codes and decodes Huffman strings, valid or damaged (seeded random octets)",
      {
        points: 3,
        rule: `${RULES.huffman}. ${RULES.huffmanErrors}`,
        hint: "The damaged inputs add 1 to 24 one bits of padding, flip one bit or drop the last byte; the tests' decoder says whether that is a valid string. Count padding bits across byte boundaries.",
      },
      (t) => huffmanRoundTrips(t),
    );
    it(
      "writes and reads string literals of any UTF-8 text at an offset",
      { points: 2, rule: `${RULES.string}. ${RULES.fieldText}`, hint: "Length in octets (UTF-8), H bit for Huffman; decodeString starts at the offset it is given and returns next = the offset after the octets." },
      (t) => stringRoundTrips(t),
    );
    it(
      "keeps the dynamic table like the tests' model after every operation",
      { points: 3, rule: `${RULES.entrySize}. ${RULES.eviction}. ${RULES.maxSize}`, hint: "After each add, setMaxSize or get, your table is compared with a model: entries newest first, size in UTF-8 octets + 32 each, eviction oldest first." },
      (t) => tableOperations(t),
    );
    it(
      "decodes blocks written with every choice RFC 7541 allows, table checked after every block",
      {
        points: 5,
        rule: `${RULES.representations}. ${RULES.context}. ${RULES.sizeUpdate}`,
        hint: "The tests' encoder picks any valid representation: indexed names from the dynamic table in literals without indexing or never indexed, new names Huffman-coded or not, size updates to 0 and back before the fields. Your table must match after every block.",
      },
      (t) => decoderDifferential(t),
    );
    it(
      "encodes by the lab's policy, checked field by field by the tests' decoder",
      {
        points: 5,
        rule: `${RULES.policy}. ${RULES.encoderSizeUpdate}. ${RULES.roundTrip}`,
        hint: "The tests decode your blocks and compare each field's representation with the policy (sensitive → never indexed; exact match → smallest index; too big → without indexing; else with incremental indexing, smallest name index), and your table with theirs.",
      },
      (t) => encoderPolicy(t),
    );
  });
}

// ---------------------------------------------------------------------------
// Integers

const integerCase = fc.record({
  prefixBits: fc.integer({ min: 1, max: 8 }),
  lead: fc.uint8Array({ maxLength: 2 }),
  flags: fc.nat(255),
  full: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  low: fc.nat(255),
  groups: fc.array(arb.group, { maxLength: 7 }),
  ends: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  tail: fc.uint8Array({ maxLength: 2 }),
});

type IntegerCase = typeof integerCase extends fc.Arbitrary<infer T> ? T : never;

function integerBytes(c: IntegerCase): Uint8Array {
  const max = 2 ** c.prefixBits - 1;
  const first = (c.flags & ~max & 0xff) | (c.full ? max : c.low % max);
  const groups = c.groups.map((g, i) => (i < c.groups.length - 1 || !c.ends ? g | 0x80 : g));
  return Uint8Array.from([...c.lead, first, ...groups, ...c.tail]);
}

async function integerDecoding(t: TestContext): Promise<void> {
  await checkProperty(t, { arbitrary: fc.array(integerCase, { minLength: 1, maxLength: 30 }), runs: 25, salt: 1, show: arb.show }, async (cases) => {
    const inputs = cases.map((c) => ({ bytes: integerBytes(c), offset: c.lead.length, prefixBits: c.prefixBits }));
    const results = await integers(t, inputs.map(({ bytes, offset, prefixBits }) => ({ op: "decode", hex: hexOf(bytes), offset, prefixBits })));
    for (const [i, input] of inputs.entries()) {
      const what = `decodeInteger(${hexOf(input.bytes)}, ${input.offset}, ${input.prefixBits})`;
      const expected = decodeIntegerModel(input.bytes, input.offset, input.prefixBits);
      if ("error" in expected) {
        expectError(results[i], what, expected.error);
        continue;
      }
      const got = ok(results[i]!, what) as { value: number; next: number };
      if (got.value !== expected.value || got.next !== expected.next) fail(`${what} returned ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    }
  });
}

async function integerEncoding(t: TestContext): Promise<void> {
  const encodeCase = fc.record({ value: arb.integer, prefixBits: fc.integer({ min: 1, max: 8 }), flags: fc.nat(255) });
  await checkProperty(t, { arbitrary: fc.array(encodeCase, { minLength: 1, maxLength: 30 }), runs: 20, salt: 2, show: arb.show }, async (cases) => {
    const calls = cases.map(({ value, prefixBits, flags }) => ({ op: "encode", value, prefixBits, flags: flags & ~(2 ** prefixBits - 1) & 0xff }) as const);
    const results = await integers(t, [...calls]);
    for (const [i, call] of calls.entries()) {
      const what = `encodeInteger(${call.value}, ${call.prefixBits}, 0x${call.flags.toString(16)})`;
      expectHex(okHex(results[i]!, what), hexOf(Uint8Array.from(encodeIntegerModel(call.value, call.prefixBits, call.flags))), what);
    }
  });
}

// ---------------------------------------------------------------------------
// Huffman and string literals

const huffmanCase = fc.record({
  octets: fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 10 }).map(utf8)),
  extraOnes: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 24 }) }),
  flip: fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(200) }),
  dropLast: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

async function huffmanRoundTrips(t: TestContext): Promise<void> {
  await checkProperty(t, { arbitrary: fc.array(huffmanCase, { minLength: 1, maxLength: 20 }), runs: 25, salt: 3, show: arb.show }, async (cases) => {
    const damaged = cases.map((c) => {
      const bits = [...huffmanBits(c.octets), ...Array<number>(c.extraOnes).fill(1)];
      while (bits.length % 8 !== 0) bits.push(1);
      if (c.flip >= 0 && bits.length > 0) bits[c.flip % bits.length] ^= 1;
      const bytes = packBits(bits);
      return c.dropLast && bytes.length > 0 ? bytes.subarray(0, -1) : bytes;
    });
    const calls: StringCall[] = [
      ...cases.map((c) => ({ op: "huffmanEncode", hex: hexOf(c.octets) }) as const),
      ...damaged.map((bytes) => ({ op: "huffmanDecode", hex: hexOf(bytes) }) as const),
    ];
    const results = await strings(t, calls);
    for (const [i, c] of cases.entries()) {
      const what = `huffmanEncode(${short(hexOf(c.octets))})`;
      expectHex(okHex(results[i]!, what), hexOf(huffman(c.octets)), what);
    }
    for (const [i, bytes] of damaged.entries()) {
      const what = `huffmanDecode(${short(hexOf(bytes))})`;
      const expected = unhuffman(bytes);
      const result = results[cases.length + i];
      if ("error" in expected) expectError(result, what, expected.error);
      else expectHex(okHex(result!, what), hexOf(expected), what);
    }
  });
}

async function stringRoundTrips(t: TestContext): Promise<void> {
  const stringCase = fc.record({ value: arb.value, huffman: fc.boolean(), lead: fc.uint8Array({ maxLength: 3 }), tail: fc.uint8Array({ maxLength: 2 }) });
  await checkProperty(t, { arbitrary: fc.array(stringCase, { minLength: 1, maxLength: 12 }), runs: 20, salt: 4, show: arb.show }, async (cases) => {
    const literals = cases.map((c) => Uint8Array.from(str(c.value, c.huffman)));
    const calls: StringCall[] = [
      ...cases.map((c) => ({ op: "encodeString", value: c.value, huffman: c.huffman }) as const),
      ...cases.map((c, i) => ({ op: "decodeString", hex: hexOf(Uint8Array.from([...c.lead, ...literals[i]!, ...c.tail])), offset: c.lead.length }) as const),
    ];
    const results = await strings(t, calls);
    for (const [i, c] of cases.entries()) {
      const shown = field(["encodeString", c.value]).slice(15, -1);
      const what = `encodeString("${shown}", ${c.huffman})`;
      expectHex(okHex(results[i]!, what), hexOf(literals[i]!), what);
      const hex = (calls[cases.length + i] as { hex: string }).hex;
      const read = `decodeString(${short(hex)}, ${c.lead.length})`;
      const got = ok(results[cases.length + i]!, read) as { value: string; next: number };
      const next = c.lead.length + literals[i]!.length;
      if (got.value !== c.value || got.next !== next) {
        fail(`${read} returned { value: ${field(["", got.value]).slice(3, -1)}, next: ${got.next} }, expected { value: ${field(["", c.value]).slice(3, -1)}, next: ${next} }`);
      }
    }
  });
}

// ---------------------------------------------------------------------------
// The dynamic table

const tableOp = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("add" as const),
      name: fc.constantFrom("a", "bb", "ccc", "x-ü", "\ufeff", ""),
      value: fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.nat(120).map((n) => "v".repeat(n))),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("setMaxSize" as const), size: fc.nat(300) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("get" as const), index: fc.nat(8) }) },
);

async function tableOperations(t: TestContext): Promise<void> {
  const input = fc.record({ maxSize: fc.oneof(fc.nat(300), fc.constantFrom(0, 32, 33, 100)), ops: fc.array(tableOp, { maxLength: 25 }) });
  await checkProperty(t, { arbitrary: input, runs: 40, salt: 5, show: arb.show }, async ({ maxSize, ops }) => {
    // get(i) is only defined for an entry that exists: aim each at one.
    const model = new ModelTable(maxSize);
    const aimed: TableOp[] = [];
    const states = [];
    for (const op of ops) {
      if (op.op === "get" && model.entries.length === 0) continue;
      const step = op.op === "get" ? { op: "get" as const, index: op.index % model.entries.length } : op;
      if (step.op === "add") model.add(step.name, step.value);
      if (step.op === "setMaxSize") model.resize(step.size);
      aimed.push(step);
      states.push({ entries: model.copy(), size: model.size, maxSize: model.maxSize, got: step.op === "get" ? model.entries[step.index] : undefined });
    }
    const steps = await table(t, { maxSize, ops: aimed });
    const done: string[] = [`new DynamicTable(${maxSize})`];
    for (const [i, op] of aimed.entries()) {
      done.push(op.op === "add" ? `add(${field([op.name, op.value])}) (${sizeOf(op.name, op.value)} octets)` : op.op === "get" ? `get(${op.index})` : `setMaxSize(${op.size})`);
      const what = `after ${done.slice(-4).join("; ")}${done.length > 4 ? ` (operation ${i + 1} of ${aimed.length})` : ""}`;
      const step = ok(steps[i]!, `DynamicTable: ${done.at(-1)!}`);
      const state = states[i]!;
      expectTable(step.table, state.entries, state.size, what, state.maxSize);
      if (state.got !== undefined) expectHeaders(step.got === undefined ? [] : [step.got], [state.got], `${done.at(-1)!} (0 is the newest entry)`);
    }
  });
}

// ---------------------------------------------------------------------------
// Whole blocks: the tests' encoder → your decoder, your encoder → the tests' decoder

const chosenField = fc.record({ name: arb.name, value: arb.value, choice: fc.nat(), huffmanName: fc.boolean(), huffmanValue: fc.boolean() });

async function decoderDifferential(t: TestContext): Promise<void> {
  const input = fc.record({
    limit: arb.limit,
    blocks: fc.array(fc.record({ updates: fc.array(arb.percent, { maxLength: 2 }), fields: fc.array(chosenField, { maxLength: 10 }) }), { minLength: 1, maxLength: 6 }),
  });
  type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;
  const write = ({ limit, blocks }: Input) => {
    const encoder = new ChoosingEncoder(limit);
    return blocks.map((b) => encoder.write({ updates: b.updates.map((p) => arb.share(limit, p)), fields: b.fields }));
  };
  // Shown as the calls that replay it.
  const show = (given: Input) =>
    [`const decoder = new Decoder(${given.limit});`, ...write(given).map((w, i) => `decoder.decode(fromHex("${w.hex}")); // block ${i + 1}: ${arb.show(w.headers)}`)].join("\n");
  await checkProperty(t, { arbitrary: input, runs: 40, salt: 6, show }, async (given) => {
    const limit = given.limit;
    const written = write(given);
    const steps = await decode(t, { maxTableSize: limit, blocks: written.map((w) => w.hex) });
    for (const [i, w] of written.entries()) expectDecoded(steps[i], w, `Decoder(${limit}), block ${i + 1} of ${written.length} (${short(w.hex)})`);
  });
}

async function encoderPolicy(t: TestContext): Promise<void> {
  const block = fc.record({
    resize: fc.array(arb.percent, { maxLength: 2 }),
    huffman: fc.option(fc.boolean(), { nil: undefined }),
    headers: fc.array(arb.headerSpec, { maxLength: 10 }),
  });
  const input = fc.record({ limit: arb.limit, blocks: fc.array(block, { minLength: 1, maxLength: 6 }) });
  type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;
  // Shown as the calls that replay it.
  const show = ({ limit, blocks }: Input) =>
    [
      `const encoder = new Encoder(${limit});`,
      ...blocks.flatMap((b) => [
        ...b.resize.map((p) => `encoder.setMaxTableSize(${arb.share(limit, p)});`),
        `encoder.encode(${arb.show(b.headers)}${b.huffman === undefined ? "" : `, { huffman: ${b.huffman} }`});`,
      ]),
    ].join("\n");
  await checkProperty(t, { arbitrary: input, runs: 40, salt: 7, show }, async ({ limit, blocks }) => {
    const sizes = blocks.map((b) => b.resize.map((p) => arb.share(limit, p)));
    const steps = await encode(t, {
      maxTableSize: limit,
      blocks: blocks.map((b, i) => ({ headers: b.headers, ...(b.huffman === undefined ? {} : { huffman: b.huffman }), ...(sizes[i]!.length > 0 ? { setMaxTableSize: sizes[i]! } : {}) })),
    });
    const reader = new ReferenceDecoder(limit);
    for (const [i, b] of blocks.entries()) {
      const what = `Encoder(${limit}), block ${i + 1} of ${blocks.length}`;
      const done = ok(steps[i]!, `${what}: encode`);
      let read: ReadBlock;
      try {
        read = reader.read(fromHex(done.hex));
      } catch (error) {
        fail(`${what}: the tests' decoder rejects your block ${short(done.hex)}: ${(error as Error).message}`);
      }
      const updates = expectedUpdates(sizes[i]!);
      if (JSON.stringify(read.sizeUpdates) !== JSON.stringify(updates)) {
        fail(`${what}: the block starts with size updates [${read.sizeUpdates.join(", ")}], expected [${updates.join(", ")}] after setMaxTableSize(${sizes[i]!.join("), setMaxTableSize(")}) (${short(done.hex)})`);
      }
      expectHeaders(read.fields.map((f) => [f.name, f.value]), plain(b.headers), `${what}, as the tests' decoder reads it`);
      read.fields.forEach((f, k) => checkField(f, b.headers[k]!, b.huffman ?? true, reader.model.maxSize, `${what}, field #${k + 1} ${field([f.name, f.value])}`));
      expectTable(done.table, reader.table, reader.size, `${what}: your encoder's table vs the tests' decoder's`, reader.model.maxSize);
    }
  });
}

function checkField(f: ReadBlock["fields"][number], spec: HeaderSpec, useHuffman: boolean, maxSize: number, what: string): void {
  const sensitive = !Array.isArray(spec) && (spec as { sensitive?: boolean }).sensitive === true;
  const expected = policyFor(f.name, f.value, sensitive, f.tableBefore, maxSize);
  if (f.representation !== expected.representation || f.index !== expected.index) {
    fail(
      [
        `${what} is written as ${describeNote([f.offset, f.representation, f.index])};`,
        `the lab's policy writes ${describeNote([f.offset, expected.representation, expected.index])}: ${expected.because}.`,
        `  the dynamic table before it (newest first, index 62 up): [${f.tableBefore.map((e) => `${field(e)} (${sizeOf(e[0], e[1])})`).join(", ") || "empty"}], maxSize ${maxSize}`,
      ].join("\n"),
    );
  }
  for (const part of ["name", "value"] as const) {
    const coded = f.huffman[part];
    if (coded !== undefined && coded !== useHuffman) fail(`${what}: its ${part} is ${coded ? "" : "not "}Huffman-coded, but with huffman: ${useHuffman} ${useHuffman ? "every" : "no"} string literal is`);
  }
}
