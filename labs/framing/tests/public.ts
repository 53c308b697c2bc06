/**
 * Public tests for the framing lab: the basic happy paths and the RFC 1055
 * example. The hidden tests check much more (see the instructions). Expected
 * bytes are recorded here as hex: public tests import no encoder or decoder.
 */
import { defineTests, fromHex } from "#labs/kit/index.ts";
import { checkEncoded, checkRun, checkStream, decode, encode, sendOverStream } from "./check.ts";
import { RULES } from "./rules.ts";

const text = (s: string) => new TextEncoder().encode(s);

export default defineTests(({ describe, it }) => {
  describe("length-prefixed", () => {
    it(
      "encodes a payload and an empty payload",
      {
        points: 3,
        rule: RULES.lengthHeader,
        hint: "Write the length into 4 bytes, most significant byte first (a DataView's setUint32 does this), then copy the payload after them.",
      },
      async (t) => {
        const payloads = [text("hi"), new Uint8Array(0)];
        const result = await encode(t, "length-prefixed", payloads);
        checkEncoded(t, "encodeLengthPrefixed", payloads, result, [
          fromHex("00 00 00 02 68 69"),
          fromHex("00 00 00 00"),
        ]);
      },
    );

    it(
      "decodes two frames that arrive in one chunk",
      {
        points: 3,
        rule: RULES.byteStream,
        hint: "After returning one frame, keep reading the same chunk: the next header may already be there.",
      },
      async (t) => {
        // The frames of "hi" and "hello", back to back.
        const chunks = [fromHex("00 00 00 02 68 69 00 00 00 05 68 65 6c 6c 6f")];
        const result = await decode(t, "length-prefixed", chunks);
        checkRun(t, "length-prefixed", chunks, result, { steps: [[text("hi"), text("hello")]], end: "ok" });
      },
    );

    it(
      "decodes a frame whose payload arrives in two pushes",
      {
        points: 3,
        rule: RULES.byteStream,
        hint: "Keep the part of the payload you already have between pushes, and return the frame only when all of it is there.",
      },
      async (t) => {
        // The frame of "hello, world" (12 bytes), cut after its 9th byte.
        const chunks = [fromHex("00 00 00 0c 68 65 6c 6c 6f"), fromHex("2c 20 77 6f 72 6c 64")];
        const result = await decode(t, "length-prefixed", chunks);
        checkRun(t, "length-prefixed", chunks, result, { steps: [[], [text("hello, world")]], end: "ok" });
      },
    );
  });

  describe("SLIP", () => {
    it(
      "encodes the RFC 1055 example",
      {
        points: 3,
        rule: RULES.slipEscape,
        hint: "Start with C0, replace each C0 in the payload by DB DC and each DB by DB DD, copy every other byte, end with C0.",
      },
      async (t) => {
        const payloads = [fromHex("01 db 49 c0 15")];
        const result = await encode(t, "slip", payloads);
        checkEncoded(t, "encodeSlip", payloads, result, [fromHex("c0 01 db dd 49 db dc 15 c0")]);
      },
    );

    it(
      "decodes the RFC 1055 example",
      {
        points: 3,
        rule: RULES.slipEscape,
        hint: "C0 ends a frame; DB means 'look at the next byte': DC stands for C0 and DD for DB.",
      },
      async (t) => {
        const chunks = [fromHex("c0 01 db dd 49 db dc 15 c0")];
        const result = await decode(t, "slip", chunks);
        checkRun(t, "slip", chunks, result, { steps: [[fromHex("01 db 49 c0 15")]], end: "ok" });
      },
    );
  });

  describe("over a byte stream", () => {
    it(
      "length-prefixed messages cross the simulated byte stream",
      {
        points: 3,
        rule: RULES.byteStream,
        hint: "The stream cuts and merges your writes; if this fails but the tests above pass, look at what happens when a chunk ends inside a header.",
      },
      async (t) => {
        const messages = ["GET /", "", "a longer message, to be cut somewhere in the middle", "bye"].map(text);
        const result = await sendOverStream(t, "length-prefixed", messages, 1);
        checkStream(t, `${messages.length} messages, seed 1`, result, messages);
      },
    );
  });
});
