/**
 * Hidden tests for the framing lab: exact encodings, streams cut at every
 * place and at seeded random places, limits, truncation, SLIP's escapes and
 * errors, frames that must be copies, and both schemes over the simulated
 * byte stream. Random inputs derive from the grading seed (t.seed).
 */
import { Random } from "#runtime/core/random.ts";
import { defineTests, fromHex, type TestContext } from "#labs/kit/index.ts";
import { keptInput } from "#labs/kit/kept-inputs.ts";
import type { Scheme } from "../scenarios.ts";
import {
  checkEncoded,
  checkRun,
  checkRuns,
  checkStream,
  checkUnchanged,
  decode,
  decodeRuns,
  encode,
  rejectedRun,
  sendOverStream,
  validRun,
  type Framed,
} from "./check.ts";
import { declareEdges } from "./edges.ts";
import { decodeOverStream } from "./stream-chunks.ts";
import { declareProperties } from "./properties.ts";
import { RULES } from "./rules.ts";
import {
  concat,
  counter,
  cutAt,
  cutEvery,
  cutRandomly,
  ESC,
  framed,
  lengthPrefixed,
  randomBytes,
  slip,
} from "./streams.ts";

const LP: Scheme = "length-prefixed";
const SLIP: Scheme = "slip";
const h = fromHex;
const text = (s: string) => new TextEncoder().encode(s);

/** `count` messages with random lengths in [min, max] (SLIP ones rich in special bytes). */
function randomMessages(random: Random, count: number, min: number, max: number, specials = false): Uint8Array[] {
  return Array.from({ length: count }, () => randomBytes(random, random.int(min, max), specials));
}

/** Every way to cut `bytes` in two. */
function everyCutInTwo(bytes: Uint8Array): Uint8Array[][] {
  return Array.from({ length: bytes.length - 1 }, (_, i) => cutAt(bytes, [i + 1]));
}

/** Feeds `stream` in every given way and checks each run is decoded exactly. */
async function checkCuts(
  t: TestContext,
  scheme: Scheme,
  stream: Framed,
  runs: Uint8Array[][],
  label: (i: number) => string,
): Promise<void> {
  const results = await decodeRuns(t, scheme, runs);
  checkRuns(t, scheme, runs, results, (i) => validRun(stream, runs[i]!), label);
}

function sizes(chunks: readonly Uint8Array[]): string {
  const shown = chunks.slice(0, 20).map((c) => c.length);
  return `${shown.join(", ")}${chunks.length > 20 ? ", …" : ""}`;
}

export default defineTests((registry) => {
  const { describe, it } = registry;
  describe("length-prefixed encoder", () => {
    it(
      "writes the length as 4 big-endian bytes",
      {
        points: 2,
        rule: RULES.lengthHeader,
        hint:
          "300 is 00 00 01 2c: most significant byte first. A length 4 too large means the header counted itself; " +
          "bytes in reverse order mean little-endian.",
      },
      async (t) => {
        const payloads = [new Uint8Array(0), h("00"), text("hi"), counter(300), counter(65536)];
        const expected = [
          h("00 00 00 00"),
          h("00 00 00 01 00"),
          h("00 00 00 02 68 69"),
          concat([h("00 00 01 2c"), counter(300)]),
          concat([h("00 01 00 00"), counter(65536)]),
        ];
        checkEncoded(t, "encodeLengthPrefixed", payloads, await encode(t, LP, payloads), expected);
      },
    );

    it(
      "rejects a payload longer than maxFrame and accepts one exactly that long",
      {
        points: 1,
        rule: RULES.encodeLimit,
        hint: "The limit is inclusive: payload.length > maxFrame throws, payload.length === maxFrame does not.",
      },
      async (t) => {
        const small = [counter(16), counter(17), new Uint8Array(0)];
        const over = { throws: "the payload is longer than maxFrame" };
        checkEncoded(
          t,
          "encodeLengthPrefixed",
          small,
          await encode(t, LP, small, 16),
          [lengthPrefixed(small[0]!), over, h("00 00 00 00")],
          16,
        );
        const big = [counter(65537)];
        checkEncoded(t, "encodeLengthPrefixed", big, await encode(t, LP, big), [
          { throws: "65537 bytes is over the default limit of 65536" },
        ]);
      },
    );
  });

  describe("length-prefixed decoder", () => {
    it(
      "returns every frame of a chunk that holds many",
      {
        points: 2,
        rule: RULES.byteStream,
        hint: "Loop until the chunk is used up: one chunk can complete any number of frames, and push() returns them all, in order.",
      },
      async (t) => {
        const random = new Random(t.seed).fork("lp-many");
        const stream = framed(LP, randomMessages(random, 40, 1, 20));
        const chunks = [stream.stream];
        t.step(`40 frames of 1 to 20 bytes, ${stream.stream.length} bytes in one push`);
        checkRun(t, LP, chunks, await decode(t, LP, chunks), validRun(stream, chunks));
      },
    );

    it(
      "decodes a stream cut in two at every offset",
      {
        points: 2,
        rule: RULES.byteStream,
        hint: "When a chunk ends inside the 4-byte header, keep the header bytes you have and finish the header with the next chunk.",
      },
      async (t) => {
        const stream = framed(LP, [h("2a"), text("hello"), counter(20, 0x61)]);
        const runs = everyCutInTwo(stream.stream);
        await checkCuts(t, LP, stream, runs, (i) => `the stream cut after byte ${i + 1}`);
      },
    );

    it(
      "decodes a stream pushed one byte at a time",
      {
        points: 2,
        rule: RULES.byteStream,
        hint: "Every piece of state (header bytes so far, payload bytes so far) must live in the decoder, not in push()'s local variables.",
      },
      async (t) => {
        const stream = framed(LP, [text("one"), text("two"), counter(40)]);
        const chunks = cutEvery(stream.stream, 1);
        checkRun(t, LP, chunks, await decode(t, LP, chunks), validRun(stream, chunks));
      },
    );

    it(
      "decodes streams cut at random places",
      {
        points: 2,
        rule: RULES.byteStream,
        hint: "The steps show the chunk sizes of the failing run; try feeding your decoder the same cuts in a small test of your own.",
      },
      async (t) => {
        const { runs, expected } = keptInput("lp-random-cuts", t.seed, () => {
          const random = new Random(t.seed).fork("lp-random-cuts");
          const streams = Array.from({ length: 25 }, () => framed(LP, randomMessages(random, 12, 1, 120)));
          const runs = streams.map((s) => cutRandomly(s.stream, random, random.pick([8, 64, 400])));
          return { runs, expected: runs.map((run, i) => validRun(streams[i]!, run)) };
        });
        const results = await decodeRuns(t, LP, runs);
        const label = (i: number) => `seed ${t.seed}, chunks of ${sizes(runs[i]!)} bytes`;
        checkRuns(t, LP, runs, results, (i) => expected[i]!, label);
      },
    );

    it(
      "returns zero-length payloads as empty frames",
      {
        points: 2,
        rule: RULES.lengthEmpty,
        hint: "A header of 00 00 00 00 is a complete frame by itself: return an empty Uint8Array right away, even if the chunk ends there.",
      },
      async (t) => {
        const empty = new Uint8Array(0);
        const stream = framed(LP, [empty, text("a"), empty, empty, text("bc"), empty]);
        const runs = [[stream.stream], cutEvery(stream.stream, 1), cutEvery(stream.stream, 4)];
        const labels = ["the whole stream in one push", "one byte per push", "four bytes per push"];
        await checkCuts(t, LP, stream, runs, (i) => labels[i]!);
      },
    );

    it(
      "accepts a payload of exactly maxFrame bytes",
      {
        points: 1,
        rule: RULES.lengthLimit,
        hint: "The limit is inclusive: only a length greater than maxFrame is an error.",
      },
      async (t) => {
        const small = framed(LP, [counter(16), h("ff")]);
        const chunks = cutEvery(small.stream, 5);
        checkRun(t, LP, chunks, await decode(t, LP, chunks, { maxFrame: 16 }), validRun(small, chunks), 16);
        const big = framed(LP, [counter(65536)]);
        const bigChunks = cutAt(big.stream, [4, 6000, 60000]);
        checkRun(t, LP, bigChunks, await decode(t, LP, bigChunks), validRun(big, bigChunks));
      },
    );

    it(
      "rejects a header over maxFrame on the push that completes the header",
      {
        points: 2,
        rule: RULES.lengthLimit,
        hint: "Check the length as soon as the 4th header byte arrives, before waiting for (or allocating) the payload.",
      },
      async (t) => {
        const chunks = [concat([lengthPrefixed(text("ok")), h("00 00")]), h("00 11")];
        const result = await decode(t, LP, chunks, { maxFrame: 16 });
        const why = "the header announces 17 bytes and maxFrame is 16";
        checkRun(t, LP, chunks, result, { steps: [[text("ok")], { throws: why }] }, 16);
        const defaults = [h("00 01 00 01")];
        const result2 = await decode(t, LP, defaults);
        checkRun(t, LP, defaults, result2, {
          steps: [{ throws: "the header announces 65537 bytes, over the default limit of 65536" }],
        });
      },
    );

    it(
      "rejects a header announcing 4 GiB at once",
      {
        points: 1,
        rule: RULES.lengthLimit,
        hint: "ff ff ff ff is 4294967295 (read it as unsigned): far over the limit. Throw before allocating anything that big.",
      },
      async (t) => {
        const whole = [h("ff ff ff ff")];
        checkRun(t, LP, whole, await decode(t, LP, whole), {
          steps: [{ throws: "the header announces 4294967295 bytes" }],
        });
        const bytes = cutEvery(h("ff ff ff ff"), 1);
        const why = "the 4th header byte completes a length of 4294967295 bytes";
        checkRun(t, LP, bytes, await decode(t, LP, bytes), { steps: [[], [], [], { throws: why }] });
      },
    );

    it(
      "never returns an oversized frame",
      {
        points: 1,
        rule: RULES.lengthLimit,
        hint: "Compare every header's length with the maxFrame given to the constructor.",
      },
      async (t) => {
        const chunks = [concat([h("00 00 00 11"), counter(17), lengthPrefixed(text("ok"))])];
        const result = await decode(t, LP, chunks, { maxFrame: 16 });
        checkRun(
          t,
          LP,
          chunks,
          result,
          { steps: [{ throws: "the first header announces 17 bytes and maxFrame is 16" }] },
          16,
        );
      },
    );

    it(
      "end() rejects a stream that stops inside a header",
      {
        points: 1,
        rule: RULES.lengthEnd,
        hint: "end() must look at the header bytes you are holding too, not only at a half-read payload.",
      },
      async (t) => {
        const runs = [[concat([lengthPrefixed(text("hi")), h("00 00 00")])], [h("00")]];
        const results = await decodeRuns(t, LP, runs);
        const why = { throws: "the stream stopped after part of a header" };
        const expected = [
          { steps: [[text("hi")]], end: why },
          { steps: [[]], end: why },
        ];
        checkRuns(
          t,
          LP,
          runs,
          results,
          (i) => expected[i]!,
          (i) => ["a frame, then 3 header bytes", "1 header byte"][i]!,
        );
      },
    );

    it(
      "end() rejects a stream that stops inside a payload",
      {
        points: 1,
        rule: RULES.lengthEnd,
        hint: "If a header promised more bytes than arrived, the stream was cut short: end() throws.",
      },
      async (t) => {
        const runs = [
          [lengthPrefixed(text("hello")).subarray(0, 8)],
          [concat([lengthPrefixed(text("a")), h("00 00 00 05")])],
        ];
        const results = await decodeRuns(t, LP, runs);
        const why = { throws: "the stream stopped before the payload the last header announced" };
        const expected = [
          { steps: [[]], end: why },
          { steps: [[text("a")]], end: why },
        ];
        const labels = ["4 of 5 payload bytes", "a frame, then a header announcing 5 bytes"];
        checkRuns(
          t,
          LP,
          runs,
          results,
          (i) => expected[i]!,
          (i) => labels[i]!,
        );
      },
    );

    it(
      "returns frames that later pushes leave alone",
      {
        points: 1,
        rule: RULES.copies,
        hint: "Return a fresh Uint8Array per frame, never a view into a buffer you will write again.",
      },
      async (t) => {
        const random = new Random(t.seed).fork("lp-recheck");
        const stream = framed(LP, randomMessages(random, 20, 1, 50));
        const chunks = cutRandomly(stream.stream, random, 40);
        const result = await decode(t, LP, chunks, { recheck: true });
        checkRun(t, LP, chunks, result, validRun(stream, chunks));
        checkUnchanged(t, result);
      },
    );

    it(
      "copies what it keeps, since the caller may reuse its chunk buffer",
      {
        points: 1,
        rule: RULES.copies,
        hint: "Even a frame that lies whole inside one chunk must be copied out: a subarray of the chunk changes when the caller reuses that memory.",
      },
      async (t) => {
        const stream = framed(LP, [text("first"), text("second"), counter(30), text("last")]);
        const chunks = cutAt(stream.stream, [19, 25, 50]);
        const result = await decode(t, LP, chunks, { reuseChunks: true, recheck: true });
        t.step("(the chunks are pushed from one buffer, overwritten with ee bytes after each push)");
        checkRun(t, LP, chunks, result, validRun(stream, chunks));
        checkUnchanged(t, result);
      },
    );
  });

  describe("SLIP encoder", () => {
    it(
      "escapes END and ESC, and nothing else",
      {
        points: 2,
        rule: RULES.slipEscape,
        hint: "Only C0 and DB are escaped. DC and DD stand for themselves unless they follow an ESC, so they are sent as they are.",
      },
      async (t) => {
        const payloads = [
          new Uint8Array(0),
          h("c0"),
          h("db"),
          h("dc dd"),
          h("c0 db c0"),
          h("01 db 49 c0 15"),
          counter(256),
        ];
        const expected = [
          h("c0 c0"),
          h("c0 db dc c0"),
          h("c0 db dd c0"),
          h("c0 dc dd c0"),
          h("c0 db dc db dd db dc c0"),
          h("c0 01 db dd 49 db dc 15 c0"),
          slip(counter(256)),
        ];
        checkEncoded(t, "encodeSlip", payloads, await encode(t, SLIP, payloads), expected);
      },
    );

    it(
      "limits the payload, not the encoded frame",
      {
        points: 1,
        rule: RULES.encodeLimit,
        hint: "Compare payload.length with maxFrame: escaping may make the frame longer, and that is fine.",
      },
      async (t) => {
        const payloads = [h("c0 c0 c0 c0"), h("01 02 03 04 05")];
        const expected = [h("c0 db dc db dc db dc db dc c0"), { throws: "5 payload bytes is over maxFrame 4" }];
        checkEncoded(t, "encodeSlip", payloads, await encode(t, SLIP, payloads, 4), expected, 4);
      },
    );
  });

  describe("SLIP decoder", () => {
    it(
      "decodes escapes inside whole frames",
      {
        points: 1,
        rule: RULES.slipEscape,
        hint: "DB DC decodes to C0 and DB DD to DB; DC or DD alone are ordinary bytes.",
      },
      async (t) => {
        const stream = framed(SLIP, [h("c0"), h("db"), h("dc dd"), h("c0 db c0"), h("01 db 49 c0 15"), counter(256)]);
        const runs = stream.frames.map((_, i) => [
          stream.stream.subarray(i === 0 ? 0 : stream.ends[i - 1], stream.ends[i]),
        ]);
        const results = await decodeRuns(t, SLIP, runs);
        checkRuns(
          t,
          SLIP,
          runs,
          results,
          (i) => ({ steps: [[stream.frames[i]!]], end: "ok" }),
          (i) => `frame ${i + 1} alone`,
        );
      },
    );

    it(
      "returns every frame of a chunk that holds many",
      {
        points: 1,
        rule: RULES.byteStream,
        hint: "Keep going after an END: the rest of the chunk may hold more frames.",
      },
      async (t) => {
        const random = new Random(t.seed).fork("slip-many");
        const stream = framed(SLIP, randomMessages(random, 30, 1, 12, true));
        const chunks = [stream.stream];
        t.step(`30 frames of 1 to 12 bytes, ${stream.stream.length} bytes in one push`);
        checkRun(t, SLIP, chunks, await decode(t, SLIP, chunks), validRun(stream, chunks));
      },
    );

    it(
      "decodes an ESC at the end of a chunk with its partner in the next",
      {
        points: 2,
        rule: RULES.slipEscape,
        hint: "When a chunk ends right after DB, remember that you are in the middle of an escape, and finish it with the next chunk's first byte.",
      },
      async (t) => {
        const stream = framed(SLIP, [h("01 c0 02"), h("db"), h("c0 c0 db db"), h("03 db 04")]);
        const escapes = [...stream.stream.keys()].filter((i) => stream.stream[i] === ESC);
        const runs = [
          ...escapes.map((i) => cutAt(stream.stream, [i + 1])),
          cutAt(
            stream.stream,
            escapes.map((i) => i + 1),
          ),
        ];
        const label = (i: number) =>
          i < escapes.length
            ? `the stream cut right after the ESC at offset ${escapes[i]}`
            : "the stream cut after every ESC";
        await checkCuts(t, SLIP, stream, runs, label);
      },
    );

    it(
      "decodes a stream pushed one byte at a time",
      {
        points: 1,
        rule: RULES.byteStream,
        hint: "The frame so far and a pending escape must survive from one push to the next.",
      },
      async (t) => {
        const stream = framed(SLIP, [h("01 db 49 c0 15"), text("plain"), h("c0 c0 db")]);
        const chunks = cutEvery(stream.stream, 1);
        checkRun(t, SLIP, chunks, await decode(t, SLIP, chunks), validRun(stream, chunks));
      },
    );

    it(
      "decodes streams cut at random places",
      {
        points: 2,
        rule: RULES.byteStream,
        hint: "The steps show the chunk sizes of the failing run; replay the same cuts in a small test of your own.",
      },
      async (t) => {
        const { runs, expected } = keptInput("slip-random-cuts", t.seed, () => {
          const random = new Random(t.seed).fork("slip-random-cuts");
          const streams = Array.from({ length: 25 }, () => framed(SLIP, randomMessages(random, 12, 1, 80, true)));
          const runs = streams.map((s) => cutRandomly(s.stream, random, random.pick([8, 64, 400])));
          return { runs, expected: runs.map((run, i) => validRun(streams[i]!, run)) };
        });
        const results = await decodeRuns(t, SLIP, runs);
        const label = (i: number) => `seed ${t.seed}, chunks of ${sizes(runs[i]!)} bytes`;
        checkRuns(t, SLIP, runs, results, (i) => expected[i]!, label);
      },
    );

    it(
      "skips empty frames",
      { points: 1, rule: RULES.slipEmpty, hint: "At an END, return a frame only if it holds at least one byte." },
      async (t) => {
        const chunks = [h("c0 c0 c0 01 c0 c0"), h("c0 c0 02 c0")];
        checkRun(t, SLIP, chunks, await decode(t, SLIP, chunks), { steps: [[h("01")], [h("02")]], end: "ok" });
        const empty = new Uint8Array(0);
        const stream = framed(SLIP, [empty, text("a"), empty, empty, text("b"), empty]);
        const bytes = cutEvery(stream.stream, 1);
        checkRun(t, SLIP, bytes, await decode(t, SLIP, bytes), validRun(stream, bytes));
      },
    );

    it(
      "treats bytes before the first END as a frame",
      {
        points: 1,
        rule: RULES.slipNoise,
        hint: "Do not wait for an opening END: whatever comes before an END is a frame.",
      },
      async (t) => {
        const chunks = [h("01 02 c0 03 c0")];
        checkRun(t, SLIP, chunks, await decode(t, SLIP, chunks), { steps: [[h("01 02"), h("03")]], end: "ok" });
      },
    );

    it(
      "rejects an ESC followed by anything but DC or DD",
      {
        points: 2,
        rule: RULES.slipBadEscape,
        hint: "After DB, only DC and DD are valid. Throw on anything else, even when the DB came at the end of the previous chunk.",
      },
      async (t) => {
        const runs = [
          [h("c0 01 db 02 c0")],
          [h("c0 41 c0 c0 01 db"), h("c0 c0")],
          [h("c0 db"), h("db dd c0")],
          [h("c0 db"), h("00")],
        ];
        const expected = [
          { steps: [{ throws: "DB 02 is not a valid escape" }] },
          { steps: [[h("41")], { throws: "DB C0 is not a valid escape" }] },
          { steps: [[], { throws: "DB DB is not a valid escape" }] },
          { steps: [[], { throws: "DB 00 is not a valid escape" }] },
        ];
        const labels = [
          "DB 02 inside a chunk",
          "DB then END in the next chunk",
          "DB then DB in the next chunk",
          "DB then 00 in the next chunk",
        ];
        checkRuns(
          t,
          SLIP,
          runs,
          await decodeRuns(t, SLIP, runs),
          (i) => expected[i]!,
          (i) => labels[i]!,
        );
      },
    );

    it(
      "a decoder that has thrown stays failed",
      {
        points: 2,
        rule: RULES.failed,
        hint: "Set a flag in the decoder just before every throw, and check it first thing in push() and end(): a failed decoder never returns a frame again.",
      },
      async (t) => {
        const lpRuns = [[concat([lengthPrefixed(text("hi")), h("00 00 00")])], [h("ff ff ff ff")]];
        const lpExpected = [
          { steps: [[text("hi")]], end: { throws: "the stream stopped after part of a header" }, staysFailed: true },
          { steps: [{ throws: "the header announces more than maxFrame" }], staysFailed: true },
        ];
        checkRuns(t, LP, lpRuns, await decodeRuns(t, LP, lpRuns), (i) => lpExpected[i]!, (i) => ["length-prefixed: end() inside a header", "length-prefixed: a 4 GiB header"][i]!);
        // "c0 db 02": the bad escape comes before any data byte, so nothing is pending when end() is probed.
        const slipRuns = [[h("c0 db 02 c0")], [h("c0 41 db")]];
        const slipExpected = [
          { steps: [{ throws: "DB 02 is not a valid escape" }], staysFailed: true },
          { steps: [[]], end: { throws: "the stream ended after an ESC" }, staysFailed: true },
        ];
        checkRuns(t, SLIP, slipRuns, await decodeRuns(t, SLIP, slipRuns), (i) => slipExpected[i]!, (i) => ["SLIP: a bad escape", "SLIP: end() after an ESC"][i]!);
      },
    );

    it(
      "end() rejects an unterminated frame or a lone ESC",
      {
        points: 1,
        rule: RULES.slipEnd,
        hint: "end() throws if decoded bytes are waiting for an END, or if the last byte was an ESC.",
      },
      async (t) => {
        const runs = [[h("c0 01 02")], [h("c0 01 c0 c0 02")], [h("c0 01 c0 db")], [h("c0 01 c0 c0")]];
        const cut = { throws: "the stream stopped inside a frame" };
        const expected = [
          { steps: [[]], end: cut },
          { steps: [[h("01")]], end: cut },
          { steps: [[h("01")]], end: { throws: "the stream stopped right after an ESC" } },
          { steps: [[h("01")]], end: "ok" as const },
        ];
        const labels = [
          "an unterminated frame",
          "a frame, then an unterminated one",
          "a frame, then a lone ESC",
          "a frame, then an END with nothing after it (fine)",
        ];
        checkRuns(
          t,
          SLIP,
          runs,
          await decodeRuns(t, SLIP, runs),
          (i) => expected[i]!,
          (i) => labels[i]!,
        );
      },
    );

    it(
      "accepts maxFrame decoded bytes and rejects one more as soon as it arrives",
      {
        points: 2,
        rule: RULES.slipLimit,
        hint: "Count decoded bytes (DB DC is one byte), and throw when the count would pass maxFrame, without waiting for the END.",
      },
      async (t) => {
        const full = framed(SLIP, [h("c0 c0 c0 c0 c0 c0 c0 c0")]);
        const runs = [
          [full.stream],
          [h("c0 01 02 03 04 05 06 07 08"), h("09")],
          [h("c0 01 02 03 04 05 06 07 08 09 c0")],
        ];
        const over = { throws: "the 9th decoded byte passes maxFrame 8" };
        const expected = [{ steps: [full.frames], end: "ok" as const }, { steps: [[], over] }, { steps: [over] }];
        const labels = ["8 escaped bytes (18 on the wire)", "9 bytes, no END yet", "9 bytes and an END"];
        checkRuns(
          t,
          SLIP,
          runs,
          await decodeRuns(t, SLIP, runs, { maxFrame: 8 }),
          (i) => expected[i]!,
          (i) => labels[i]!,
          8,
        );
      },
    );

    it(
      "never returns a wrong frame from a corrupted stream",
      {
        points: 2,
        rule: RULES.slipBadEscape,
        hint: "Frames completed before the bad escape are fine; the push holding the bad byte must throw instead of returning a guess.",
      },
      async (t) => {
        const random = new Random(t.seed).fork("slip-corrupt");
        const cases = Array.from({ length: 15 }, () => {
          const before = framed(SLIP, randomMessages(random, 4, 1, 20, true));
          // Plain bytes (no END or ESC), then the bad escape DB 41.
          const plain = randomBytes(random, random.int(0, 5)).map((b) => (b === 0xc0 || b === ESC ? 0 : b));
          const bad = concat([h("c0"), plain, h("db 41 42 c0")]);
          const stream = concat([before.stream, bad, framed(SLIP, randomMessages(random, 3, 1, 20, true)).stream]);
          const badAt = before.stream.length + bad.length - 3; // the offset of 41
          return { before, stream, badAt };
        });
        const runs = cases.map((c) => cutRandomly(c.stream, random, 12));
        const results = await decodeRuns(t, SLIP, runs);
        const expected = (i: number) =>
          rejectedRun(cases[i]!.before, runs[i]!, cases[i]!.badAt, "DB 41 is not a valid escape");
        checkRuns(
          t,
          SLIP,
          runs,
          results,
          expected,
          (i) => `a bad escape at offset ${cases[i]!.badAt}, chunks of ${sizes(runs[i]!)} bytes`,
        );
      },
    );

    it(
      "returns frames that later pushes leave alone",
      {
        points: 2,
        rule: RULES.copies,
        hint: "If you collect bytes in a reusable buffer, return buffer.slice(0, size) (a copy), not buffer.subarray(0, size) (a view).",
      },
      async (t) => {
        const random = new Random(t.seed).fork("slip-recheck");
        const stream = framed(SLIP, randomMessages(random, 20, 1, 40, true));
        const chunks = cutRandomly(stream.stream, random, 30);
        const result = await decode(t, SLIP, chunks, { recheck: true });
        checkRun(t, SLIP, chunks, result, validRun(stream, chunks));
        checkUnchanged(t, result);
      },
    );

    it(
      "copies what it keeps, since the caller may reuse its chunk buffer",
      { points: 1, rule: RULES.copies, hint: "Copy bytes out of the chunk; never keep or return a view of it." },
      async (t) => {
        const stream = framed(SLIP, [text("first"), h("db c0"), counter(30), text("last")]);
        const chunks = cutAt(stream.stream, [8, 12, 30]);
        const result = await decode(t, SLIP, chunks, { reuseChunks: true, recheck: true });
        t.step("(the chunks are pushed from one buffer, overwritten with ee bytes after each push)");
        checkRun(t, SLIP, chunks, result, validRun(stream, chunks));
        checkUnchanged(t, result);
      },
    );
  });

  describe("over the simulated byte stream", () => {
    const maxChunks = [1460, 64, 7, 1460, 3];

    for (const scheme of [LP, SLIP]) {
      it(
        `${scheme === LP ? "length-prefixed" : "SLIP"} streams encoded by the tests survive five seeded byte streams`,
        {
          points: 2,
          rule: RULES.byteStream,
          hint: "The steps list the chunk sizes the stream delivered. Feed your decoder the same cuts locally to reproduce the failure.",
        },
        async (t) => {
          const streams = keptInput(`stream-${scheme}`, t.seed, () => {
            const random = new Random(t.seed).fork(`stream-${scheme}`);
            return maxChunks.map((maxChunk) => {
              const seed = random.nextUint32();
              // Tiny chunks cut every message many times over at any size; shorter messages keep the
              // chunk count (the cost of this test) down while lengths above 255 still use two prefix bytes.
              const messages = randomMessages(random, 25, 1, maxChunk < 64 ? 300 : 800, scheme === SLIP);
              // The length-prefixed scheme carries empty messages too; SLIP cannot.
              if (scheme === LP) for (let i = 0; i < 3; i++) messages[random.int(0, 24)] = new Uint8Array(0);
              // The tests' own encoding goes on the wire: this checks the decoder alone, not a round trip,
              // and the stream's cuts are the same for every submission (stream-chunks.ts works them out once).
              return { seed, maxChunk, messages, encoded: messages.map(scheme === LP ? lengthPrefixed : slip) };
            });
          });
          for (const { seed, maxChunk, messages, encoded } of streams) {
            const result = await decodeOverStream(t, scheme, encoded, { seed, maxChunk });
            checkStream(t, `seed ${seed}, 25 messages encoded by the tests, chunks of at most ${maxChunk} bytes`, result, messages);
          }
        },
      );
    }

    it(
      "a 64 KiB message crosses the stream in both schemes",
      {
        points: 1,
        rule: RULES.encodeLimit,
        hint: "65536 bytes is exactly the default limit, so it must be accepted; it arrives in many chunks.",
      },
      async (t) => {
        const messages = [text("before"), counter(65536), text("after")];
        for (const scheme of [LP, SLIP]) {
          const result = await sendOverStream(t, scheme, messages, t.seed);
          checkStream(t, `${scheme}, seed ${t.seed}, a 65536-byte message between two short ones`, result, messages);
        }
      },
    );
  });
  declareEdges(registry);
  declareProperties(registry);
});
