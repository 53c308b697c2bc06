/**
 * Hidden tests for the websocket lab (the score). The groups follow the case
 * families of the Autobahn test suite (crossbario/autobahn-testsuite,
 * autobahntestsuite/case/: 1.* framing, 2.* ping/pong, 3.* reserved bits,
 * 4.* opcodes, 5.* fragmentation, 6.* UTF-8, 7.* close, 9.* limits), sent
 * to the learner's Connection as bytes; the expected events and frames come
 * from the tests' own endpoint (oracle.ts), call by call. Property tests
 * draw random sessions and cuts from the grading seed (properties.ts).
 */
import { Random } from "#runtime/core/random.ts";
import { acceptDigest } from "#runtime/wire/websocket.ts";
import { toBase64 } from "#labs/kit/base64.ts";
import { defineTests, fail, type TestContext } from "#labs/kit/index.ts";
import type { AcceptResult, Role, SessionInput, Step } from "../scenarios.ts";
import { checkSession } from "./check.ts";
import { chop, client, closeBody, OPCODE, server, utf8 } from "./frames.ts";
import { expectSession } from "./oracle.ts";
import { propertyTests } from "./properties.ts";
import { RULES } from "./rules.ts";

/** Runs one session through the learner's Connection and checks every call against the oracle. */
async function session(t: TestContext, role: Role, steps: readonly Step[], options: Partial<SessionInput> = {}): Promise<void> {
  const input: SessionInput = { role, maskSeed: t.seed, steps, ...options };
  await checkSession(t, input, expectSession(input));
}

const rx = (...chunks: string[]): Step => ({ receive: chunks });
/** The frames' bytes as one chunk. */
const all = (...frames: string[]): Step => rx(frames.join(" "));
const text = (payload: string | Uint8Array, more: { fin?: boolean; rsv?: number } = {}) => client({ opcode: OPCODE.TEXT, payload, ...more });
const binary = (payload: Uint8Array, more: { fin?: boolean; rsv?: number } = {}) => client({ opcode: OPCODE.BINARY, payload, ...more });
const cont = (payload: string | Uint8Array, fin: boolean) => client({ opcode: OPCODE.CONTINUATION, payload, fin });
const ping = (payload: string | Uint8Array = "") => client({ opcode: OPCODE.PING, payload });
const pong = (payload: string | Uint8Array = "") => client({ opcode: OPCODE.PONG, payload });
const close = (body: Uint8Array = new Uint8Array(0)) => client({ opcode: OPCODE.CLOSE, payload: body });
const fill = (length: number, byte: number) => new Uint8Array(length).fill(byte);
const hex = (...bytes: number[]) => Uint8Array.of(...bytes);

/** A masked header for a `big` step: FIN, opcode, the length (minimal encoding) and KEY. */
function bigHeader(opcode: number, length: number, fin = true): string {
  return client({ opcode, payload: new Uint8Array(0), fin }).slice(0, 2) + " " + lengthBytes(length) + " 37 fa 21 3d";
}

function lengthBytes(length: number): string {
  const b = (n: number) => n.toString(16).padStart(2, "0");
  if (length < 126) return b(0x80 | length);
  if (length < 0x10000) return `fe ${b(length >> 8)} ${b(length & 0xff)}`;
  const high = Math.floor(length / 0x100000000);
  return `ff ${[high >>> 24, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff, length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff].map(b).join(" ")}`;
}

/** Autobahn 6.*: UTF-8 test sequences after Markus Kuhn's UTF-8-test.txt (RFC 3629 §4). */
const VALID_UTF8: readonly (readonly [string, Uint8Array])[] = [
  ["U+0024 in ASCII", utf8("hello$world")],
  ["U+00A2 (2 bytes)", utf8("hello¢world")],
  ["U+20AC (3 bytes)", utf8("hello€world")],
  ["U+24B62 (4 bytes)", utf8("hello𤭢world")],
  ["κόσμε", utf8("κόσμε")],
  ["U+0000", hex(0x00)],
  ["first 2-, 3- and 4-byte sequences (C2 80, E0 A0 80, F0 90 80 80)", hex(0xc2, 0x80, 0xe0, 0xa0, 0x80, 0xf0, 0x90, 0x80, 0x80)],
  ["last 1- to 4-byte sequences (7F, DF BF, EF BF BF, F4 8F BF BF)", hex(0x7f, 0xdf, 0xbf, 0xef, 0xbf, 0xbf, 0xf4, 0x8f, 0xbf, 0xbf)],
  ["ED 9F BF and EE 80 80 (either side of the surrogates)", hex(0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80)],
  ["noncharacters U+FFFE and U+FFFF (valid UTF-8)", hex(0xef, 0xbf, 0xbe, 0xef, 0xbf, 0xbf)],
  ["a leading byte order mark U+FEFF, which stays in the text", hex(0xef, 0xbb, 0xbf, 0x61)],
];

const INVALID_UTF8: readonly (readonly [string, Uint8Array])[] = [
  ["κόσμε with a surrogate inside (Autobahn 6.3.1)", hex(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64)],
  ["a lone continuation byte 80", hex(0x61, 0x80, 0x62)],
  ["a lone continuation byte BF", hex(0xbf)],
  ["overlong '/' C0 AF", hex(0xc0, 0xaf)],
  ["overlong C1 BF", hex(0xc1, 0xbf)],
  ["overlong '/' E0 80 AF", hex(0xe0, 0x80, 0xaf)],
  ["overlong E0 9F BF", hex(0xe0, 0x9f, 0xbf)],
  ["overlong '/' F0 80 80 AF", hex(0xf0, 0x80, 0x80, 0xaf)],
  ["overlong F0 8F BF BF", hex(0xf0, 0x8f, 0xbf, 0xbf)],
  ["a surrogate U+D800 (ED A0 80)", hex(0xed, 0xa0, 0x80)],
  ["a surrogate U+DFFF (ED BF BF)", hex(0xed, 0xbf, 0xbf)],
  ["a surrogate pair ED A0 80 ED B0 80", hex(0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80)],
  ["above U+10FFFF: F4 90 80 80", hex(0xf4, 0x90, 0x80, 0x80)],
  ["F5 (no code point starts with it)", hex(0xf5, 0x80, 0x80, 0x80)],
  ["a 5-byte form F8 88 80 80 80", hex(0xf8, 0x88, 0x80, 0x80, 0x80)],
  ["a 6-byte form FC 84 80 80 80 80", hex(0xfc, 0x84, 0x80, 0x80, 0x80, 0x80)],
  ["FE and FF", hex(0x61, 0xfe, 0xff)],
  ["C2 followed by a space", hex(0xc2, 0x20)],
  ["E1 80 followed by a space", hex(0xe1, 0x80, 0x20)],
  ["F1 80 80 followed by a space", hex(0xf1, 0x80, 0x80, 0x20)],
  ["C2 followed by 7F, just below the continuation bytes 80-BF", hex(0xc2, 0x7f)],
  ["C2 followed by C0, just above the continuation bytes 80-BF", hex(0xc2, 0xc0)],
  ["E1 80 followed by 7F", hex(0xe1, 0x80, 0x7f)],
  ["E1 80 followed by C0", hex(0xe1, 0x80, 0xc0)],
];

export default defineTests(({ describe, it }) => {
  describe("opening handshake", () => {
    it(
      "computes Sec-WebSocket-Accept for RFC 6455's key and for random keys",
      { points: 3, rule: RULES.accept, hint: "Append the GUID to the key as text, encode as UTF-8 (ASCII), sha1() the bytes, base64() the 20-byte digest." },
      async (t) => {
        const random = new Random(t.seed).fork("websocket:keys");
        const keys = ["dGhlIHNhbXBsZSBub25jZQ==", ...Array.from({ length: 12 }, () => toBase64(Uint8Array.from({ length: 16 }, () => random.nextUint32() & 0xff)))];
        await accepts(t, keys, keys);
      },
    );

    it(
      "takes the key without the whitespace around it",
      { points: 1, rule: RULES.accept, hint: "HTTP allows spaces and tabs around a header value (RFC 9110 §5.5); §4.2.2 hashes the key without them." },
      (t) => accepts(t, [" dGhlIHNhbXBsZSBub25jZQ==", "\tdGhlIHNhbXBsZSBub25jZQ== \t"], ["dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25jZQ=="]),
    );
  });

  describe("1.* framing", () => {
    it(
      "receives text and binary messages of 0, 125, 126, 127, 128, 65535 and 65536 bytes (Autobahn 1.1.1-1.2.8)",
      { points: 4, rule: RULES.framing, hint: "126 in the 7-bit field: read a 16-bit big-endian length; 127: a 64-bit one. Then 4 key bytes (the client masks), then the payload." },
      async (t) => {
        const lengths = [0, 125, 126, 127, 128];
        await session(t, "server", [
          all(...lengths.map((n) => text("*".repeat(n)))),
          all(...lengths.map((n) => binary(fill(n, 0xfe)))),
          ...[65535, 65536].map((n): Step => ({ big: { header: bigHeader(OPCODE.TEXT, n), length: n, fill: 0x2a, chop: 997 } })),
          ...[65535, 65536].map((n): Step => ({ big: { header: bigHeader(OPCODE.BINARY, n), length: n, fill: 0xfe, chop: n + 14 } })),
        ]);
        // A 64-bit length read where its frame starts, not at the start of the chunk.
        await session(t, "server", [all(text("first"), binary(fill(65536, 7)), ping("after"))]);
      },
    );

    it(
      "sends with the minimal length encoding: 7 bits up to 125, 16 bits up to 65535, 64 bits beyond",
      { points: 3, rule: RULES.framing, hint: "0-125: the length in the second byte; 126-65535: 126, then 2 bytes; 65536 and up: 127, then 8 bytes, big-endian." },
      async (t) => {
        const steps: Step[] = [0, 125, 126, 127, 65535, 65536].flatMap((n): Step[] => [{ sendText: "a".repeat(n) }, { sendBinary: "ab".repeat(n) }]);
        await session(t, "server", [...steps, { sendText: "€😀" }]);
      },
    );

    it(
      "masks every frame a client sends with the next key maskKey() gives (§5.3)",
      { points: 3, rule: RULES.masking, hint: "One maskKey() call per frame you build, the MASK bit set, the 4 key bytes after the length, payload byte i XOR key[i % 4]. Pongs and Close frames too." },
      (t) =>
        session(t, "client", [
          { sendText: "Hello" },
          { sendBinary: "00 01 02 03 04 05 06 07 08" },
          { sendText: "x".repeat(300) },
          { ping: "01 02" },
          rx(server({ opcode: OPCODE.PING, payload: "are you there?" }), server({ opcode: OPCODE.TEXT, payload: "Hi" })),
          { close: { code: 1000, reason: "bye" } },
          rx(server({ opcode: OPCODE.CLOSE, payload: closeBody(1000) })),
        ]),
    );

    it(
      "receives unmasked frames as a client and fails on a masked one (1002)",
      { points: 2, rule: RULES.masking, hint: "A client reads frames without a key; the MASK bit set on a frame from the server is a protocol error." },
      async (t) => {
        await session(t, "client", [rx(server({ opcode: OPCODE.TEXT, payload: "Hello" }), server({ opcode: OPCODE.BINARY, payload: fill(200, 1) }))]);
        await session(t, "client", [rx(server({ opcode: OPCODE.TEXT, payload: "Hello" }), server({ opcode: OPCODE.TEXT, payload: "Hello", mask: hex(1, 2, 3, 4) }))]);
      },
    );

    it(
      "fails as a server on an unmasked frame (1002)",
      { points: 2, rule: RULES.masking, hint: "Every frame from a client has the MASK bit set; check it in the header." },
      async (t) => {
        await session(t, "server", [rx(text("ok") + " " + server({ opcode: OPCODE.TEXT, payload: "Hello" }))]);
        await session(t, "server", [rx(server({ opcode: OPCODE.PING, payload: "" }))]);
      },
    );

    it(
      "fails on a length not in its minimal encoding, and on a 64-bit length with the top bit set (1002)",
      { points: 3, rule: RULES.framing, hint: "After 126, a length below 126 is not minimal; after 127, one below 65536. The top bit of a 64-bit length MUST be 0." },
      async (t) => {
        await session(t, "server", [rx("81 fe 00 05 37 fa 21 3d 7f 9f 4d 51 58")]);
        await session(t, "server", [rx("82 ff 00 00 00 00 00 00 00 7e 37 fa 21 3d")]);
        await session(t, "server", [rx("82 ff 00 00 00 00 00 00 ff ff 37 fa 21 3d")]);
        await session(t, "server", [rx("82 ff 80 00 00 00 00 00 00 01 37 fa 21 3d")]);
        await session(t, "server", [rx("82 fe 00 7e 37 fa 21 3d")]); // 126 in 16 bits is minimal: no failure, payload pending
        await session(t, "server", [rx("81 fe 00 7d 37 fa 21 3d")]); // 125 in 16 bits: one below the smallest 16-bit length
        await session(t, "server", [rx("82 ff 7f ff ff ff 00 00 00 00 37 fa 21 3d")]); // top bit clear: a legal length, too big (1009), not 1002
      },
    );
  });

  describe("2.* ping and pong", () => {
    it(
      "answers pings with pongs carrying the same payload: empty, text, binary, 125 bytes (Autobahn 2.1-2.4)",
      { points: 3, rule: RULES.ping, hint: "Add a PONG frame with the ping's (unmasked) payload to `send`, and report a ping event." },
      (t) => session(t, "server", [rx(ping()), rx(ping("Hello, world!")), rx(ping(hex(0, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0))), rx(ping(fill(125, 0xfe)))]),
    );

    it(
      "fails on a ping with 126 bytes (Autobahn 2.5) as soon as its header is in",
      { points: 2, rule: RULES.control, hint: "Control frames carry at most 125 bytes: check the length in the header, before any payload arrives." },
      async (t) => {
        await session(t, "server", [rx(ping(fill(126, 0xfe)))]);
        await session(t, "server", [rx(ping(fill(126, 0xfe)).slice(0, 3 * 8))]);
      },
    );

    it(
      "reads a 125-byte ping sent one byte at a time, and ten pings in a row (Autobahn 2.6, 2.10, 2.11)",
      { points: 2, rule: `${RULES.ping}. ${RULES.chunks}`, hint: "Keep a partial header and a partial payload between receive() calls; answer each ping once." },
      async (t) => {
        await session(t, "server", [rx(...chop(ping(fill(125, 0xfe)), 1))]);
        const pings = Array.from({ length: 10 }, (_, i) => ping(`payload-${i}`));
        await session(t, "server", [all(...pings), rx(...chop(pings.join(" "), 1))]);
      },
    );

    it(
      "does not answer pongs (Autobahn 2.7-2.9)",
      { points: 1, rule: RULES.ping, hint: "An unsolicited pong is reported as an event and needs no answer." },
      (t) => session(t, "server", [rx(pong()), rx(pong("unsolicited")), all(pong("again"), ping("then a ping"))]),
    );
  });

  describe("3.* reserved bits", () => {
    it(
      "fails on RSV 1-7 in text, binary, ping and close frames, after delivering what came before (Autobahn 3.1-3.7)",
      { points: 3, rule: RULES.reserved, hint: "Bits 0x70 of the first byte must be 0. Events of frames before the bad one stay; nothing after it is read." },
      async (t) => {
        const bad = [text("Hello", { rsv: 1 }), text("Hello", { rsv: 2 }), text("Hello", { rsv: 3 }), text("Hello", { rsv: 4 }), binary(fill(8, 0xff), { rsv: 5 }), client({ opcode: OPCODE.PING, payload: "x", rsv: 6 }), client({ opcode: OPCODE.CLOSE, payload: closeBody(1000), rsv: 7 })];
        for (const [i, frame] of bad.entries()) {
          const steps = i === 0 ? [rx(frame)] : i === 2 ? [rx(...chop(text("Hello") + " " + frame + " " + ping(), 1))] : [all(text("Hello"), frame, ping())];
          await session(t, "server", steps);
        }
      },
    );
  });

  describe("4.* opcodes", () => {
    it(
      "fails on reserved opcodes 3-7 and 11-15, after delivering what came before (Autobahn 4.1.1-4.2.5)",
      { points: 3, rule: RULES.reserved, hint: "Only 0, 1, 2, 8, 9 and 10 are defined. Reserved ones fail the connection with 1002; a ping after one is not answered." },
      async (t) => {
        for (const opcode of [3, 4, 5, 6, 7, 11, 12, 13, 14, 15]) {
          await session(t, "server", [all(text("Hello, world!"), client({ opcode, payload: opcode % 2 === 0 ? "" : "payload" }), ping())]);
        }
      },
    );
  });

  describe("5.* fragmentation", () => {
    it(
      "fails on a fragmented ping or pong (Autobahn 5.1, 5.2)",
      { points: 2, rule: RULES.control, hint: "A control frame with FIN 0 is a protocol error: control frames are never fragmented." },
      async (t) => {
        await session(t, "server", [all(client({ opcode: OPCODE.PING, payload: "frag1", fin: false }), cont("frag2", true))]);
        await session(t, "server", [all(client({ opcode: OPCODE.PONG, payload: "frag1", fin: false }), cont("frag2", true))]);
      },
    );

    it(
      "joins a text message in two fragments, in one chunk, frame by frame and byte by byte (Autobahn 5.3-5.5)",
      { points: 3, rule: RULES.fragments, hint: "A text frame with FIN 0 starts a message; keep its payload until the continuation frame with FIN 1, then report one text event." },
      async (t) => {
        const frames = [text("fragment1", { fin: false }), cont("fragment2", true)];
        await session(t, "server", [all(...frames), rx(...frames), rx(...chop(frames.join(" "), 1))]);
      },
    );

    it(
      "answers a ping between two fragments at once and then delivers the message (Autobahn 5.6-5.8)",
      { points: 3, rule: `${RULES.fragments}. ${RULES.ping}`, hint: "Control frames can arrive in the middle of a fragmented message: handle them without touching the message being assembled." },
      async (t) => {
        const frames = [text("fragment1", { fin: false }), ping("ping payload"), cont("fragment2", true)];
        await session(t, "server", [all(...frames), rx(...frames), rx(...chop(frames.join(" "), 1))]);
      },
    );

    it(
      "fails on a continuation frame with nothing to continue (Autobahn 5.9-5.17)",
      { points: 2, rule: RULES.fragments, hint: "Keep whether a fragmented message is in progress; a continuation frame when none is, is a protocol error." },
      async (t) => {
        for (const fin of [true, false]) {
          const frames = [cont("fragment1", fin), text("fragment2", { fin: true })];
          await session(t, "server", [all(...frames)]);
          await session(t, "server", [rx(...chop(frames.join(" "), 1))]);
        }
        await session(t, "server", [all(text("fragment1", { fin: false }), cont("fragment2", true), cont("fragment3", false), text("fragment4"))]);
      },
    );

    it(
      "fails on a new message started inside a fragmented one (Autobahn 5.18)",
      { points: 2, rule: RULES.fragments, hint: "After a text or binary frame with FIN 0, the next data frame must be a continuation." },
      async (t) => {
        await session(t, "server", [all(text("fragment1", { fin: false }), text("fragment2", { fin: true }))]);
        await session(t, "server", [all(binary(hex(1), { fin: false }), ping(), text("x"))]);
      },
    );

    it(
      "handles long fragmented messages with pings and empty fragments (Autobahn 5.19, 5.20)",
      { points: 2, rule: RULES.fragments, hint: "Answer each ping in the call that completes it, even though the message is still unfinished." },
      (t) =>
        session(t, "server", [
          rx(text("fragment1", { fin: false }), cont("fragment2", false), ping("pongme 1!")),
          rx(cont("fragment3", false), cont("", false), ping("pongme 2!"), cont("fragment5", true)),
          all(binary(hex(1, 2), { fin: false }), cont(new Uint8Array(0), false), cont(hex(3), true), binary(new Uint8Array(0), { fin: false }), cont(new Uint8Array(0), true)),
        ]),
    );
  });

  describe("6.* UTF-8", () => {
    it(
      "delivers valid UTF-8 as text, in one frame and cut into fragments and chunks anywhere (Autobahn 6.1-6.2, 6.5)",
      { points: 3, rule: RULES.utf8, hint: "Decode the whole message once it is complete; a character may be split across fragments or receive() calls. Keep a leading U+FEFF (TextDecoder drops it unless ignoreBOM is true)." },
      async (t) => {
        await session(t, "server", [all(text(""), text(hex()), ...VALID_UTF8.map(([, bytes]) => text(bytes)))]);
        const kosme = utf8("κόσμε");
        // Autobahn 6.2.3-6.2.4: the same text one byte per frame, and one byte per chunk.
        const frames = [...kosme].map((byte, i) => (i === 0 ? text(hex(byte), { fin: false }) : cont(hex(byte), i === kosme.length - 1)));
        await session(t, "server", [all(...frames), rx(...chop(text(utf8("hello𤭢world")), 1))]);
        // The top of the continuation range as a connection's very first continuation byte: U+00BF (C2 BF).
        await session(t, "server", [rx(text(hex(0xc2, 0xbf)))]);
      },
    );

    it(
      "fails with 1007 on each invalid sequence of the Autobahn 6.* cases",
      { points: 4, rule: RULES.utf8, hint: "The byte after a lead byte has a narrower range for E0 (A0-BF), ED (80-9F), F0 (90-BF) and F4 (80-8F); C0, C1 and F5-FF never appear." },
      async (t) => {
        for (const [label, bytes] of INVALID_UTF8) {
          t.step(`— ${label}`);
          await session(t, "server", [rx(text(bytes))]);
        }
      },
    );

    it(
      "fails fast: in the call that brings the bad byte, in the middle of a fragmented message or of a frame (Autobahn 6.4.1-6.4.4)",
      { points: 3, rule: RULES.utf8, hint: "Check each payload byte of a text message as it arrives (keep the decoder's state across fragments and calls); do not wait for the frame or the message to end." },
      async (t) => {
        const bad = hex(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xf4, 0x90, 0x80, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64);
        await session(t, "server", [rx(text(bad.subarray(0, 12), { fin: false })), rx(cont(bad.subarray(12, 16), false)), rx(cont(bad.subarray(16), true))]);
        const frame = text(bad);
        const cut = 6 + 12;
        const hexBytes = frame.split(" ");
        await session(t, "server", [rx(hexBytes.slice(0, cut).join(" "), hexBytes.slice(cut, cut + 2).join(" "), hexBytes.slice(cut + 2).join(" "))]);
        await session(t, "server", [rx(...chop(frame, 1))]);
      },
    );

    it(
      "fails with 1007 when a text message ends inside a character",
      { points: 2, rule: RULES.utf8, hint: "When the final fragment arrives the decoder must be between characters: F0 9F 98 with nothing after is invalid." },
      async (t) => {
        await session(t, "server", [rx(text(hex(0x61, 0xf0, 0x9f, 0x98)))]);
        await session(t, "server", [all(text(hex(0x61, 0xe2, 0x82), { fin: false }), cont(new Uint8Array(0), true))]);
        await session(t, "server", [all(binary(hex(0xf0, 0x9f, 0x98)), text(hex(0xc3)))]);
      },
    );
  });

  describe("7.* close", () => {
    it(
      "answers a Close and reads nothing after it: no pong, no message (Autobahn 7.1.1-7.1.5)",
      { points: 3, rule: RULES.close, hint: "After a Close frame: report it, send yours, and ignore every later byte, in this call and later ones." },
      async (t) => {
        await session(t, "server", [all(text("Hello World!"), close(closeBody(1000)))]);
        await session(t, "server", [all(close(closeBody(1000)), close(closeBody(1001)))]);
        await session(t, "server", [rx(close(closeBody(1000))), rx(ping("ping"))]);
        await session(t, "server", [all(close(closeBody(1000)), text("Hello World!"))]);
        await session(t, "server", [all(text("fragment1", { fin: false }), close(closeBody(1000)), cont("fragment2", true))]);
      },
    );

    it(
      "reads Close bodies: empty, a code, a code and a reason up to 123 bytes; fails on 1 byte and on 124 bytes of reason (Autobahn 7.3.1-7.3.6)",
      { points: 3, rule: `${RULES.close}. ${RULES.control}`, hint: "An empty body means no code (null); 1 byte is a protocol error; a 124-byte reason makes a 126-byte control frame. Keep a leading U+FEFF in the reason, as in text." },
      async (t) => {
        await session(t, "server", [rx(close())]);
        await session(t, "server", [rx(close(hex(0x03)))]);
        await session(t, "server", [rx(close(closeBody(1000)))]);
        await session(t, "server", [rx(close(closeBody(1000, "Ok, bye!")))]);
        await session(t, "server", [rx(close(closeBody(1000, "*".repeat(123))))]);
        await session(t, "server", [rx(close(closeBody(1000, "*".repeat(124))))]);
        await session(t, "server", [rx(close(closeBody(1001, "bientôt, Zoë")))]);
        await session(t, "server", [rx(close(closeBody(1000, hex(0xef, 0xbb, 0xbf, 0x6f, 0x6b))))]); // a leading U+FEFF stays in the reason
      },
    );

    it(
      "fails on a Close reason that is not UTF-8 (Autobahn 7.5.1)",
      { points: 1, rule: `${RULES.close}. ${RULES.utf8}`, hint: "The reason after the code is UTF-8 text: check it like a text message (1007; 1002 is accepted too)." },
      async (t) => {
        await session(t, "server", [rx(close(closeBody(1000, hex(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64))))]);
        await session(t, "server", [rx(close(closeBody(1000, hex(0x61, 0xe2, 0x82))))]);
      },
    );

    it(
      "accepts the close codes an endpoint may send (Autobahn 7.7.1-7.7.13, and 1012-1014 from the IANA registry)",
      { points: 2, rule: RULES.close, hint: "1000-1003, 1007-1014 and 3000-4999 are valid in a Close frame." },
      async (t) => {
        for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]) await session(t, "server", [rx(close(closeBody(code)))]);
      },
    );

    it(
      "fails with 1002 on close codes no endpoint may send (Autobahn 7.9.1-7.9.9, 7.13.1-7.13.2)",
      { points: 2, rule: RULES.close, hint: "1004, 1005, 1006 and 1015 are reserved or never sent; other codes below 3000 are unassigned; 5000 and up are undefined." },
      async (t) => {
        for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535]) await session(t, "server", [rx(close(closeBody(code)))]);
      },
    );

    it(
      "closes from its own side: close() sends Close, later data still arrives, the peer's Close completes the handshake",
      { points: 3, rule: RULES.closing, hint: "After close(), keep reading: messages and pongs are still reported, pings are not answered, and the peer's Close is reported without a reply." },
      async (t) => {
        await session(t, "server", [
          { close: { code: 1001, reason: "going away" } },
          all(text("late message"), ping("late ping"), pong("late pong")),
          rx(close(closeBody(1001))),
          rx(text("after the handshake")),
        ]);
        await session(t, "client", [{ close: { code: 4000 } }, rx(server({ opcode: OPCODE.CLOSE, payload: new Uint8Array(0) }))]);
      },
    );

    it(
      "refuses to send after Close and checks close() and ping() arguments",
      { points: 2, rule: `${RULES.closing}. ${RULES.control}`, hint: "Throw from send/ping/close once you sent or received Close or failed; throw for a code you may not send, a reason over 123 bytes or a ping over 125 bytes." },
      async (t) => {
        await session(t, "server", [{ close: { code: 1005 } }, { close: { code: 999 } }, { close: { code: 1000, reason: "é".repeat(62) } }, { ping: "00 ".repeat(126) }, { ping: "00 ".repeat(125) }, { close: { code: 1000, reason: "x".repeat(123) } }, { sendText: "too late" }, { ping: "" }, { close: { code: 1000 } }]);
        await session(t, "server", [rx(close(closeBody(1000))), { sendText: "too late" }, { sendBinary: "00" }]);
        await session(t, "server", [rx(text("x", { rsv: 1 })), { sendText: "too late" }, { ping: "" }, { close: { code: 1000 } }]);
      },
    );

    it(
      "fails without a second Close frame when it already sent one",
      { points: 1, rule: RULES.fail, hint: "Failing the connection sends Close only if you have not sent one yet (§7.1.7); report the fail event either way." },
      (t) => session(t, "server", [{ close: { code: 1000 } }, rx(text("x", { rsv: 2 })), rx(ping())]),
    );
  });

  describe("9.* limits", () => {
    it(
      "accepts a message of exactly maxMessageBytes and fails one byte more with 1009 as soon as the header is in",
      { points: 3, rule: RULES.limits, hint: "Compare the length in the header (all 8 bytes of a 64-bit one, plus what earlier fragments brought) with maxMessageBytes before reading any payload." },
      async (t) => {
        await session(t, "server", [rx(text("a".repeat(100))), rx(binary(fill(100, 1)))], { maxMessageBytes: 100 });
        await session(t, "server", [rx(text("a".repeat(101)).slice(0, 3 * 8))], { maxMessageBytes: 100 });
        await session(t, "server", [rx(bigHeader(OPCODE.BINARY, 2 ** 40))], { maxMessageBytes: 1 << 20 });
        await session(t, "client", [rx(server({ opcode: OPCODE.BINARY, payload: fill(70000, 3) }).slice(0, 3 * 10))], { maxMessageBytes: 65536 });
        // 64-bit lengths at a limit of 2^24 and of 2^32 bytes: all 8 length bytes count (only the headers are sent).
        for (const limit of [2 ** 24, 2 ** 32]) {
          await session(t, "server", [rx(bigHeader(OPCODE.BINARY, limit))], { maxMessageBytes: limit });
          await session(t, "server", [rx(bigHeader(OPCODE.BINARY, limit + 1))], { maxMessageBytes: limit });
        }
      },
    );

    it(
      "counts every fragment of a message against the limit, and only data frames",
      { points: 2, rule: RULES.limits, hint: "Keep the message's size so far; the fragment whose header takes it past the limit fails, and pings between fragments do not count." },
      async (t) => {
        await session(t, "server", [all(text("a".repeat(60), { fin: false }), ping("x".repeat(100)), cont("b".repeat(40), true), text("c".repeat(100)))], { maxMessageBytes: 100 });
        await session(t, "server", [all(text("a".repeat(60), { fin: false }), cont("b".repeat(40), false)), rx(cont("c", true).slice(0, 3 * 6))], { maxMessageBytes: 100 });
      },
    );

    it(
      "receives a 1 MiB text message and a 1 MiB binary message in 64 KiB chunks (Autobahn 9.1, 9.2)",
      { points: 2, rule: `${RULES.limits}. ${RULES.chunks}`, hint: "Collect the payload in pieces and join once; avoid copying everything received so far on every call." },
      async (t) => {
        const n = 1 << 20;
        await session(t, "server", [
          { big: { header: bigHeader(OPCODE.TEXT, n), length: n, fill: 0x2a, chop: 65536 } },
          { big: { header: bigHeader(OPCODE.BINARY, n), length: n, fill: 0xfe, chop: 65536 } },
        ]);
      },
    );

    it(
      "reports a protocol error (1002) before a size error (1009) in the same header",
      { points: 1, rule: `${RULES.limits}. ${RULES.reserved}`, hint: "Check the header's rules first; the size limit is the last check." },
      (t) => session(t, "server", [rx(text("a".repeat(200), { rsv: 4 })), rx(ping())], { maxMessageBytes: 100 }),
    );
  });

  describe("buffers", () => {
    it(
      "reads chunks that are views into a larger buffer the caller reuses after each call",
      { points: 2, rule: RULES.chunks, hint: "Copy what you keep (a partial header or payload) out of the chunk: the caller overwrites it after receive() returns. Never change the chunk itself." },
      (t) => session(t, "server", [rx(...chop([text("Hello", { fin: false }), ping("p"), cont(", world", true), binary(fill(300, 9))].join(" "), 5))], { offset: 3 }),
    );
  });

  propertyTests(describe, it);
});

/** Calls acceptKey() on each key and compares with base64(SHA-1(key + GUID)) of the expected key. */
async function accepts(t: TestContext, keys: readonly string[], expectedKeys: readonly string[]): Promise<void> {
  const results = await t.run<AcceptResult>("accept", { keys });
  keys.forEach((key, i) => {
    const expected = toBase64(acceptDigest(expectedKeys[i]!));
    t.step(`acceptKey(${JSON.stringify(key)}, { sha1, base64 }) must be ${expected}`);
    const result = results[i]!;
    if ("error" in result) fail(`acceptKey(${JSON.stringify(key)}) threw ${result.error}`);
    if (result.accept !== expected) {
      fail(`acceptKey(${JSON.stringify(key)}) returned ${JSON.stringify(result.accept)}, expected ${expected}: base64(sha1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).`);
    }
  });
}

