/**
 * Property and differential tests (hidden): seeded random inputs, shrunk to
 * the smallest failing one. Decoders get streams the tests encoded (never the
 * learner's own encoder) or random byte streams judged by the whole-stream
 * models; encoders are compared byte for byte with the tests' own encoders.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fail, toHex, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import type { DecodeInput, DecodeResult, EncodeResult, Scheme } from "../scenarios.ts";
import {
  expectedRun,
  explainChanged,
  explainEncoded,
  explainRun,
  spec,
  validRun,
  type EncodeExpectation,
  type Framed,
} from "./check.ts";
import { lengthModel, slipModel } from "./models.ts";
import { RULES } from "./rules.ts";
import { concat, counter, cutAt, framed, lengthPrefixed, slip } from "./streams.ts";

const NAMES: Record<Scheme, string> = { "length-prefixed": "length-prefixed", slip: "SLIP" };
const DEFAULT_MAX_FRAME = 65536;

// ---------------------------------------------------------------------------
// Arbitraries

/** Bytes rich in the values framing code gets wrong: SLIP's specials, 00 and ff. */
const byte = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) },
  { weight: 2, arbitrary: fc.constantFrom(0xc0, 0xdb, 0xdc, 0xdd) },
  { weight: 1, arbitrary: fc.constantFrom(0x00, 0xff) },
);
const bytes = (maxLength: number) => fc.array(byte, { maxLength }).map((list) => Uint8Array.from(list));

/** Mostly short payloads (empty ones too), sometimes a long counting run. */
const payload = fc.oneof(
  { weight: 8, arbitrary: bytes(24) },
  {
    weight: 1,
    arbitrary: fc
      .record({ length: fc.integer({ min: 100, max: 3000 }), start: fc.nat(255) })
      .map(({ length, start }) => counter(length, start)),
  },
);

/** Chunk sizes, used in turn: 0-byte chunks, tiny ones, and big ones. */
const cuts = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) },
      { weight: 2, arbitrary: fc.integer({ min: 6, max: 64 }) },
      { weight: 1, arbitrary: fc.integer({ min: 65, max: 4000 }) },
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((sizes) => (sizes.some((size) => size > 0) ? sizes : [...sizes, 1]));

/** byteOffsets for the views chunks and payloads are handed over in (0: a plain array). */
const views = fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 3 });

/** Cuts `stream` into chunks of `sizes[0]`, `sizes[1]`, ... in turn; at most 600 chunks (the last takes the rest). */
function cutBySizes(stream: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const offsets: number[] = [];
  let offset = 0;
  for (let k = 0; offsets.length < 599; k++) {
    offset += sizes[k % sizes.length]!;
    if (offset >= stream.length) break;
    offsets.push(offset);
  }
  return cutAt(stream, offsets);
}

/** SLIP line noise: plain bytes, ENDs, good escapes, stray DC/DD, now and then a bad or lone escape. */
const slipSoup = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0xc0 && b !== 0xdb).map((b) => [b]) },
      { weight: 3, arbitrary: fc.constant([0xc0]) },
      { weight: 3, arbitrary: fc.constantFrom([0xdb, 0xdc], [0xdb, 0xdd]) },
      { weight: 1, arbitrary: fc.constantFrom([0xdc], [0xdd]) },
      { weight: 1, arbitrary: fc.constantFrom([0xdb], [0xdb, 0x00], [0xdb, 0xc0], [0xdb, 0xdb], [0xdb, 0x41]) },
    ),
    { maxLength: 40 },
  )
  .map((tokens) => Uint8Array.from(tokens.flat()));

/** Length-prefixed streams nobody checked: lengths near a small maxFrame, hostile headers, truncation. */
const lengthSoup = fc
  .record({
    frames: fc.array(
      fc.record({
        length: fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }) },
          { weight: 1, arbitrary: fc.constantFrom(0xffffffff, 0x80000000, 0x01000000, 0x00010000, 0x00000100) },
        ),
        fill: fc.nat(255),
      }),
      { maxLength: 8 },
    ),
    keep: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ frames, keep }) => {
    const stream = concat(
      frames.map(({ length, fill }) => {
        const header = new Uint8Array(4);
        new DataView(header.buffer).setUint32(0, length);
        return concat([header, counter(Math.min(length, 12), fill)]);
      }),
    );
    return keep === undefined ? stream : stream.slice(0, keep % (stream.length + 1));
  });

// ---------------------------------------------------------------------------
// Showing inputs

const hexList = (list: readonly Uint8Array[]) => list.map((b) => (b.length > 48 ? `${b.length} bytes: ${toHex(b.subarray(0, 16))} …` : `[${toHex(b)}]`));

function showChunks(chunks: readonly Uint8Array[]): string {
  return `chunk sizes: ${chunks.map((c) => c.length).join(", ")}`;
}

// ---------------------------------------------------------------------------
// Running a property's sandbox calls

function runDecoders(t: TestContext, runs: readonly DecodeInput[], interleave: boolean): Promise<DecodeResult[]> {
  return t.run<DecodeResult[]>("decodeRuns", { runs, ...(interleave ? { interleave } : {}) });
}

function decodeInput(scheme: Scheme, chunks: readonly Uint8Array[], options: Partial<DecodeInput>): DecodeInput {
  return { scheme, chunks: chunks.map(spec), recheck: true, ...options };
}

/** Fails with the run's explanation (and what its frames did later), if any. */
function judge(scheme: Scheme, chunks: readonly Uint8Array[], result: DecodeResult, expected: Framed, maxFrame?: number, label = ""): void {
  const wrong = explainRun(scheme, chunks, result, expectedRun(expected, chunks), maxFrame) ?? explainChanged(result);
  if (wrong !== null) fail(`${label}${wrong}`);
}

// ---------------------------------------------------------------------------
// The tests

export function declareProperties({ describe, it }: TestRegistry): void {
  describe("seeded properties", () => {
    for (const scheme of ["length-prefixed", "slip"] as const) {
      const name = NAMES[scheme];

      it(
        `${name} decoder: random messages encoded by the tests, cut anywhere (0-byte chunks and views included)`,
        {
          points: 2,
          rule: RULES.byteStream,
          hint:
            "The smallest failing input is printed: its messages, the chunk sizes (used in turn; 0 is an empty chunk) and the byteOffsets of the views. " +
            "Encode the messages, cut the stream the same way, hand each chunk over as `new Uint8Array(buffer, offset, size)`, and print what each push returns.",
        },
        async (t) => {
          const one = fc.record({ messages: fc.array(payload, { maxLength: 12 }), cuts, views, reuse: fc.boolean() });
          type One = typeof one extends fc.Arbitrary<infer T> ? T : never;
          const showOne = ({ messages, cuts: sizes, views: offsets, reuse }: One) =>
            [
              `messages: ${hexList(messages).join(", ") || "(none)"}`,
              `chunk sizes, in turn: ${sizes.join(", ")}`,
              `each chunk handed over as a view at byteOffset: ${offsets.join(", ")} (in turn)${reuse ? ", all in one reused buffer" : ""}`,
            ].join("\n");
          // Several streams per sandbox call (each with its own decoder); shrinking drops the ones that pass.
          await checkProperty(
            t,
            {
              arbitrary: fc.array(one, { minLength: 1, maxLength: 8 }),
              runs: 8,
              salt: scheme === "slip" ? 11 : 10,
              show: (batch) => batch.map((input, i) => `stream ${i + 1}:\n${showOne(input)}`).join("\n"),
            },
            async (batch) => {
              const streams = batch.map(({ messages }) => framed(scheme, messages));
              const chunked = batch.map(({ cuts: sizes }, i) => cutBySizes(streams[i]!.stream, sizes));
              const inputs = batch.map(({ views: offsets, reuse }, i) =>
                decodeInput(scheme, chunked[i]!, { views: offsets, ...(reuse ? { reuseChunks: true } : {}) }),
              );
              const results = await runDecoders(t, inputs, false);
              for (const [i, chunks] of chunked.entries()) {
                const wrong = explainRun(scheme, chunks, results[i]!, validRun(streams[i]!, chunks)) ?? explainChanged(results[i]!);
                if (wrong !== null) fail(`stream ${i + 1} of ${batch.length} (${showChunks(chunks)}):\n${wrong}`);
              }
            },
          );
        },
      );

      it(
        `${name} decoder: random byte streams, valid or not, several decoders in turn`,
        {
          points: 2,
          rule: scheme === "slip" ? RULES.slipBadEscape : RULES.lengthLimit,
          hint:
            "Each stream is judged by the contract alone: every frame on the push holding its last byte, a FramingError on the push holding the first bad byte " +
            "(a bad escape, the byte that passes maxFrame, the 4th byte of a header over maxFrame), end() by what is pending. " +
            "Several decoders are pushed in turn, so state kept outside the object (a module-level variable) shows up here.",
        },
        async (t) => {
          const soup = scheme === "slip" ? slipSoup : lengthSoup;
          const one = fc.record({ stream: soup, cuts, maxFrame: fc.integer({ min: scheme === "slip" ? 1 : 0, max: 8 }) });
          const model = scheme === "slip" ? slipModel : lengthModel;
          await checkProperty(
            t,
            {
              arbitrary: fc.array(one, { minLength: 2, maxLength: 10 }),
              runs: 10,
              salt: scheme === "slip" ? 21 : 20,
              show: (pair) =>
                pair
                  .map(
                    ({ stream, cuts: sizes, maxFrame }, i) =>
                      `decoder ${i + 1}: new ${scheme === "slip" ? "SlipDecoder" : "LengthPrefixedDecoder"}(${maxFrame}), ` +
                      `stream ${toHex(stream) || "(empty)"}, chunk sizes in turn ${sizes.join(", ")}`,
                  )
                  .join("\n") + "\n(all decoders are created first, then pushed in turn: decoder 1, decoder 2, ..., decoder 1, ...)",
            },
            async (pair) => {
              const chunked = pair.map(({ stream, cuts: sizes }) => cutBySizes(stream, sizes));
              const inputs = pair.map(({ maxFrame }, i) => decodeInput(scheme, chunked[i]!, { maxFrame }));
              const results = await runDecoders(t, inputs, true);
              for (const [i, { stream, maxFrame }] of pair.entries()) {
                judge(scheme, chunked[i]!, results[i]!, model(stream, maxFrame), maxFrame, `decoder ${i + 1} of ${pair.length} (${showChunks(chunked[i]!)}): `);
              }
            },
          );
        },
      );

      it(
        `${name} encoder: exact bytes for random payloads, handed over as views`,
        {
          points: 2,
          rule: scheme === "slip" ? RULES.slipEscape : RULES.lengthHeader,
          hint:
            "Read the payload as payload[0 .. payload.length) (it may be a view into a larger buffer: never use payload.buffer alone), " +
            "write a new array per call, and throw a FramingError when payload.length > maxFrame.",
        },
        async (t) => {
          const arbitrary = fc.record({
            payloads: fc.array(payload, { minLength: 1, maxLength: 20 }),
            maxFrame: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
            views,
          });
          const encodeOracle = scheme === "slip" ? slip : lengthPrefixed;
          const fn = scheme === "slip" ? "encodeSlip" : "encodeLengthPrefixed";
          await checkProperty(
            t,
            {
              arbitrary,
              runs: 6,
              salt: scheme === "slip" ? 31 : 30,
              show: ({ payloads, maxFrame, views: offsets }) =>
                [
                  `payloads, in order: ${hexList(payloads).join(", ")}`,
                  `maxFrame: ${maxFrame ?? "(not passed: the default 65536)"}`,
                  `each payload handed over as a view at byteOffset: ${offsets.join(", ")} (in turn)`,
                ].join("\n"),
            },
            async ({ payloads, maxFrame, views: offsets }) => {
              const result = await t.run<EncodeResult>("encode", {
                scheme,
                payloads: payloads.map(spec),
                views: offsets,
                recheck: true,
                ...(maxFrame === undefined ? {} : { maxFrame }),
              });
              const limit = maxFrame ?? DEFAULT_MAX_FRAME;
              const expected: EncodeExpectation[] = payloads.map((p) =>
                p.length > limit ? { throws: `${p.length} bytes is over maxFrame ${limit}` } : encodeOracle(p),
              );
              const wrong = explainEncoded(fn, payloads, result, expected, maxFrame);
              if (wrong !== null) fail(wrong);
            },
          );
        },
      );
    }
  });
}
