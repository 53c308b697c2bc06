/**
 * Public tests for the websocket lab: one fixed case per stage, worked out
 * from RFC 6455 (the expected bytes and events are written out here). The
 * hidden tests check much more, case family by case family.
 */
import { defineTests, fail, type TestContext } from "#labs/kit/index.ts";
import type { AcceptResult, SessionInput } from "../scenarios.ts";
import { checkSession, type ExpectedCall } from "./check.ts";
import { RULES } from "./rules.ts";

const none: ExpectedCall = { events: [], frames: [], why: [] };
const ascii = (text: string) => new TextEncoder().encode(text);
const hexOf = (text: string) => ascii(text).reduce((s, b) => `${s} ${b.toString(16).padStart(2, "0")}`, "").trim();

async function run(t: TestContext, input: Omit<SessionInput, "maskSeed">, expected: ExpectedCall[][]): Promise<void> {
  await checkSession(t, { ...input, maskSeed: t.seed }, expected);
}

export default defineTests(({ describe, it }) => {
  describe("stage 1: the opening handshake", () => {
    it(
      "computes RFC 6455's Sec-WebSocket-Accept example",
      { points: 2, rule: RULES.accept, hint: "sha1() the UTF-8 bytes of key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\", then base64() the digest." },
      async (t) => {
        t.step("acceptKey(\"dGhlIHNhbXBsZSBub25jZQ==\", { sha1, base64 }) must be s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (RFC 6455 §1.3)");
        const [result] = await t.run<AcceptResult>("accept", { keys: ["dGhlIHNhbXBsZSBub25jZQ=="] });
        if ("error" in result!) fail(`acceptKey() threw ${result.error}`);
        if (result!.accept !== "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") fail(`acceptKey() returned ${JSON.stringify(result!.accept)}, expected "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="`);
      },
    );
  });

  describe("stage 2: frames", () => {
    it(
      "reads RFC 6455 §5.7's masked \"Hello\" as a server",
      { points: 2, rule: RULES.masking, hint: "81: FIN and opcode 1 (text); 85: MASK and length 5; 37 fa 21 3d: the key; each payload byte XOR key[i % 4]." },
      (t) => run(t, { role: "server", steps: [{ receive: ["81 85 37 fa 21 3d 7f 9f 4d 51 58"] }] }, [[{ events: [{ type: "text", text: "Hello", length: 5 }], frames: [], why: [] }]]),
    );

    it(
      "sends RFC 6455 §5.7's unmasked \"Hello\" as a server",
      { points: 2, rule: RULES.framing, hint: "A server does not mask: 81 05 48 65 6c 6c 6f." },
      (t) => run(t, { role: "server", steps: [{ sendText: "Hello" }] }, [[{ events: [], frames: [{ opcode: 1, payload: ascii("Hello") }], why: [] }]]),
    );

    it(
      "reads a frame cut into single bytes",
      { points: 1, rule: RULES.chunks, hint: "Keep the bytes of an unfinished frame between receive() calls; report the message in the call that brings its last byte." },
      (t) =>
        run(t, { role: "server", steps: [{ receive: "81 85 37 fa 21 3d 7f 9f 4d 51 58".split(" ") }] }, [
          [...Array.from({ length: 10 }, () => none), { events: [{ type: "text", text: "Hello", length: 5 }], frames: [], why: [] }],
        ]),
    );
  });

  describe("stage 3: control frames and fragments", () => {
    it(
      "answers a ping with a pong",
      { points: 2, rule: RULES.ping, hint: "Report the ping and put a PONG frame with the same payload in `send`: 8a 05 48 65 6c 6c 6f from a server." },
      (t) =>
        run(t, { role: "server", steps: [{ receive: ["89 85 37 fa 21 3d 7f 9f 4d 51 58"] }] }, [
          [{ events: [{ type: "ping", data: { length: 5, hex: hexOf("Hello") } }], frames: [{ opcode: 0xa, payload: ascii("Hello") }], why: [] }],
        ]),
    );

    it(
      "joins RFC 6455 §5.7's fragmented \"Hel\" + \"lo\"",
      { points: 2, rule: RULES.fragments, hint: "01 03 ...: text, FIN 0; 80 02 ...: continuation, FIN 1 (here masked with key 00 00 00 00)." },
      (t) =>
        run(t, { role: "server", steps: [{ receive: ["01 83 00 00 00 00 48 65 6c", "80 82 00 00 00 00 6c 6f"] }] }, [
          [none, { events: [{ type: "text", text: "Hello", length: 5 }], frames: [], why: [] }],
        ]),
    );
  });

  describe("stage 4: closing and failing", () => {
    it(
      "answers a Close 1000 and reports it",
      { points: 2, rule: RULES.close, hint: "88 82 + key + 03 e8 masked: Close with code 1000. Report { type: \"close\", code: 1000, reason: \"\" } and send a Close back." },
      (t) =>
        run(t, { role: "server", steps: [{ receive: ["88 82 00 00 00 00 03 e8"] }] }, [
          [{ events: [{ type: "close", code: 1000, reason: "" }], frames: [{ opcode: 8, codes: [1000] }], why: [] }],
        ]),
    );

    it(
      "fails with 1002 on a frame with RSV1 set",
      { points: 2, rule: RULES.reserved, hint: "c1 = FIN + RSV1 + text. Report { type: \"fail\", code: 1002 } and send Close 1002." },
      (t) =>
        run(t, { role: "server", steps: [{ receive: ["c1 85 37 fa 21 3d 7f 9f 4d 51 58"] }] }, [[{ events: [{ type: "fail", code: 1002 }], frames: [{ opcode: 8, codes: [1002] }], why: [] }]]),
    );
  });
});
