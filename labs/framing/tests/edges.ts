/**
 * Hidden edge tests (issue 11's classes): 0-byte chunks, chunks and payloads
 * that are views at a non-zero byteOffset, tens of thousands of frames in one
 * push, two decoders used in turn, and SLIP's escaped bytes at the limit.
 */
import { Random } from "#runtime/core/random.ts";
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fromHex } from "#labs/kit/index.ts";
import { keptInput } from "#labs/kit/kept-inputs.ts";
import type { Scheme } from "../scenarios.ts";
import { checkEncoded, checkRun, checkRuns, checkUnchanged, decode, decodeRuns, encode, expectedRun, validRun } from "./check.ts";
import { slipModel } from "./models.ts";
import { RULES } from "./rules.ts";
import { counter, cutAt, cutEvery, ESC, framed, lengthPrefixed, randomBytes, slip } from "./streams.ts";

const h = fromHex;
const text = (s: string) => new TextEncoder().encode(s);
const NAMES: Record<Scheme, string> = { "length-prefixed": "length-prefixed", slip: "SLIP" };
const EMPTY = new Uint8Array(0);

/** `chunks` with a 0-byte chunk before, between and after them. */
function withEmpties(chunks: readonly Uint8Array[]): Uint8Array[] {
  return [EMPTY, ...chunks.flatMap((chunk) => [chunk, EMPTY])];
}

export function declareEdges({ describe, it }: TestRegistry): void {
  for (const scheme of ["length-prefixed", "slip"] as const) {
    const name = NAMES[scheme];
    const messages =
      scheme === "slip"
        ? [h("01 db 49 c0 15"), text("plain"), h("c0"), h("db db"), counter(40, 0xb0)]
        : [EMPTY, text("hi"), counter(300), EMPTY, h("c0 db")];

    describe(`${name} decoder edges`, () => {
      it(
        "treats a 0-byte chunk as nothing (not as the end of the stream)",
        {
          points: 2,
          rule: RULES.byteStream,
          hint:
            "A chunk may have 0 bytes (the instructions promise any length, including 0): it completes no frame and changes no state. " +
            "Only end() means the stream is over; unlike a socket's read(), an empty chunk is not end-of-file.",
        },
        async (t) => {
          const stream = framed(scheme, messages);
          const escapes = [...stream.stream.keys()].filter((i) => stream.stream[i] === ESC).map((i) => i + 1);
          const runs = [
            [EMPTY],
            withEmpties([stream.stream]),
            withEmpties(cutEvery(stream.stream, 3)),
            withEmpties(cutAt(stream.stream, scheme === "slip" ? escapes : [2, 4, 6, 9])),
          ];
          const labels = [
            "one 0-byte push, then end()",
            "the whole stream between 0-byte pushes",
            "3 bytes per push, a 0-byte push after each",
            scheme === "slip" ? "a 0-byte push between every ESC and the byte after it" : "0-byte pushes inside headers",
          ];
          const results = await decodeRuns(t, scheme, runs);
          const empty = framed(scheme, []);
          checkRuns(t, scheme, runs, results, (i) => validRun(i === 0 ? empty : stream, runs[i]!), (i) => labels[i]!);
        },
      );

      it(
        "reads only its view of each chunk (a subarray at a non-zero byteOffset)",
        {
          points: 2,
          rule: RULES.copies,
          hint:
            "Each chunk here is a subarray of a bigger buffer, at byteOffset 1 to 7, with DB bytes around it. Read chunk[i] for i < chunk.length; " +
            "`new DataView(chunk.buffer)` or `new Uint8Array(chunk.buffer)` read from the start of the whole buffer. " +
            "Pass chunk.byteOffset and chunk.length along, or copy with chunk.slice().",
        },
        async (t) => {
          const stream = framed(scheme, messages);
          const cut = cutAt(stream.stream, [1, 9, 20, 31, 60, 200].filter((offset) => offset < stream.stream.length));
          const runs = [cut, cutEvery(stream.stream, 7), cut];
          const options = [{ views: [1, 2, 3, 5, 7] }, { views: [3] }, { views: [7, 1], reuseChunks: true }];
          const labels = ["views at byteOffsets 1, 2, 3, 5, 7", "7-byte views at byteOffset 3", "views in one reused buffer"];
          for (const [i, chunks] of runs.entries()) {
            const result = await decode(t, scheme, chunks, { ...options[i]!, recheck: true });
            t.step(`${labels[i]}:`);
            checkRun(t, scheme, chunks, result, validRun(stream, chunks));
            checkUnchanged(t, result);
          }
        },
      );

      it(
        "returns 20 000 frames from one push",
        {
          points: 2,
          rule: RULES.byteStream,
          hint:
            "One chunk may complete any number of frames. Loop over the chunk (no recursion per frame: 20 000 nested calls overflow the stack), " +
            "collect frames in one array, and do not copy the rest of the chunk after every frame.",
        },
        async (t) => {
          const count = 20_000;
          const { stream, chunks, expected } = keptInput(`many-${scheme}`, t.seed, () => {
            const random = new Random(t.seed).fork(`many-${scheme}`);
            const list = Array.from({ length: count }, () =>
              randomBytes(random, scheme === "slip" ? random.int(1, 2) : random.int(0, 2), true),
            );
            const stream = framed(scheme, list);
            const chunks = [stream.stream.subarray(0, 3), stream.stream.subarray(3)];
            return { stream, chunks, expected: validRun(stream, chunks) };
          });
          t.step(`${count} frames of ${scheme === "slip" ? 1 : 0} to 2 bytes, ${stream.stream.length} bytes: 3 bytes, then all the rest in one push`);
          checkRun(t, scheme, chunks, await decode(t, scheme, chunks), expected);
        },
      );

      it(
        "keeps its state in the object: two decoders used in turn",
        {
          points: 2,
          rule: RULES.byteStream,
          hint:
            "A program may read two streams at once with two decoders of one class. Keep every piece of state (header bytes, payload so far, pending ESC) " +
            "in fields of `this`, not in module-level variables or static fields that all decoders share.",
        },
        async (t) => {
          const a = framed(scheme, messages);
          const b = framed(scheme, scheme === "slip" ? [h("db c0 db"), text("other"), h("c0 c0")] : [h("ff ff ff"), EMPTY, text("other")]);
          const runs = [cutEvery(a.stream, 1), cutEvery(b.stream, 2), cutEvery(a.stream, 5)];
          const streams = [a, b, a];
          t.step("three decoders created first, then pushed in turn: decoder 1, 2, 3, 1, 2, 3, ...");
          const results = await decodeRuns(t, scheme, runs, { interleave: true, recheck: true });
          const labels = ["decoder 1 (stream A, 1 byte per push)", "decoder 2 (stream B, 2 bytes per push)", "decoder 3 (stream A, 5 bytes per push)"];
          checkRuns(t, scheme, runs, results, (i) => validRun(streams[i]!, runs[i]!), (i) => labels[i]!);
          for (const result of results) checkUnchanged(t, result);
        },
      );
    });
  }

  describe("SLIP decoder edges", () => {
    it(
      "counts escaped bytes once, at the limit and one past it",
      {
        points: 2,
        rule: RULES.slipLimit,
        hint:
          "DB DC is one decoded byte, and it counts against maxFrame like any other: check the limit for escaped bytes too. " +
          "The push that throws is the one holding the DC or DD that would make byte maxFrame + 1.",
      },
      async (t) => {
        const maxFrame = 4;
        const streams = [
          h("c0 01 02 03 db dc c0"),
          h("c0 db dd db dc db dd db dc c0"),
          h("c0 01 02 03 04 db dc c0"),
          h("c0 db dc db dc db dc db dc db dd c0"),
          h("c0 01 02 03 04 db dd 05 c0"),
        ];
        const cuts = [[5], [8], [6], [10], [5]];
        const runs = streams.flatMap((stream, i) => [[stream], cutAt(stream, cuts[i]!)]);
        const labels = [
          "3 bytes and an escaped C0: exactly maxFrame",
          "4 escaped bytes: exactly maxFrame",
          "4 bytes, then an escaped C0: one past",
          "5 escaped bytes: one past",
          "4 bytes, then an escaped DB: one past",
        ];
        const results = await decodeRuns(t, "slip", runs, { maxFrame });
        checkRuns(
          t,
          "slip",
          runs,
          results,
          (i) => expectedRun(slipModel(streams[i >> 1]!, maxFrame), runs[i]!),
          (i) => `${labels[i >> 1]!}${i % 2 === 0 ? ", in one push" : ", cut between ESC and its partner"}`,
          maxFrame,
        );
      },
    );
  });

  describe("encoder edges", () => {
    it(
      "read only the payload's view and return a new array every call",
      {
        points: 1,
        rule: RULES.copies,
        hint:
          "A payload may be a subarray at a non-zero byteOffset: read payload[i] for i < payload.length, never payload.buffer from its start. " +
          "Return a fresh Uint8Array per call (not a view of a buffer you reuse), and never write to the payload.",
      },
      async (t) => {
        const payloads = [text("hi"), h("c0 db 00"), EMPTY, counter(300, 0xc0), h("db")];
        const offsets = [3, 1, 7, 5];
        for (const scheme of ["length-prefixed", "slip"] as const) {
          const encodeOracle = scheme === "slip" ? slip : lengthPrefixed;
          const fn = scheme === "slip" ? "encodeSlip" : "encodeLengthPrefixed";
          t.step(`${fn}, each payload a view at byteOffset ${offsets.join(", ")} in turn, every result read again at the end:`);
          checkEncoded(t, fn, payloads, await encode(t, scheme, payloads, undefined, offsets), payloads.map(encodeOracle));
        }
      },
    );
  });
}
