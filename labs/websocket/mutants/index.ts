/**
 * Hand-written mutants of the websocket lab: classic learner bugs, each a
 * small edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a
 * hidden test (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

const UTF8_AS_IT_ARRIVES = "          if (this.message!.opcode === TEXT && !chunk.every((byte) => this.utf8.push(byte))) throw new Failure(INVALID_DATA);\n";
const AT_END = "      if (!this.utf8.complete) throw new Failure(INVALID_DATA); // the text ends inside a character\n";

export default defineMutants({
  "accept-key-untrimmed": {
    bug: "Hashes the Sec-WebSocket-Key header value with the spaces around it, which §4.2.2 strips first.",
    edits: [["tools.sha1(new TextEncoder().encode(trimmed + GUID))", "tools.sha1(new TextEncoder().encode(key + GUID))"]],
  },
  "no-rsv-check": {
    bug: "Ignores the RSV bits, so a frame an unknown extension changed is read as plain data.",
    edits: [["    if ((first & 0x70) !== 0) throw new Failure(PROTOCOL_ERROR); // RSV1-3 without an extension (§5.2)\n", ""]],
  },
  "reserved-control-opcodes-as-control": {
    bug: "Treats every opcode from 8 up as a control frame, so reserved opcodes 11-15 are read (here, as Close) instead of failing the connection.",
    edits: [["if (opcode === CLOSE || opcode === PING || opcode === PONG) {", "if (opcode >= CLOSE) {"]],
  },
  "control-length-unchecked": {
    bug: "Accepts control frames longer than 125 bytes.",
    edits: [["if (!fin || length > 125) throw", "if (!fin) throw"]],
  },
  "fragmented-control-accepted": {
    bug: "Accepts a ping or pong with FIN 0, although control frames are never fragmented.",
    edits: [["if (!fin || length > 125) throw", "if (length > 125) throw"]],
  },
  "new-message-inside-fragmented": {
    bug: "Lets a text or binary frame start a new message while a fragmented one is unfinished, dropping the old one.",
    edits: [["      if (this.message !== null) throw new Failure(PROTOCOL_ERROR); // a new message inside a fragmented one (§5.4)\n", ""]],
  },
  "mask-bit-unchecked": {
    bug: "Never checks the MASK bit: a server reads unmasked frames from a client (and a client masked ones).",
    edits: [["    if (masked !== (this.role === \"server\")) throw new Failure(PROTOCOL_ERROR); // §5.1\n", ""]],
  },
  "length16-little-endian": {
    bug: "Reads the 16-bit extended length low byte first.",
    edits: [["length = (data[at + 2]! << 8) | data[at + 3]!;", "length = data[at + 2]! | (data[at + 3]! << 8);"]],
  },
  "non-minimal-16-accepted": {
    bug: "Accepts a length under 126 written in the 16-bit form, which §5.2 forbids.",
    edits: [["      if (length < 126) throw new Failure(PROTOCOL_ERROR); // not the minimal encoding (§5.2)\n", ""]],
  },
  "length64-low-word-only": {
    bug: "Reads only the low 32 bits of a 64-bit length, so a 2^40-byte frame looks tiny and slips under the size limit.",
    edits: [["length = high * 0x100000000 + view.getUint32(4);", "length = view.getUint32(4);"]],
  },
  "length64-top-bit-unchecked": {
    bug: "Accepts a 64-bit length with its most significant bit set.",
    edits: [["if (high >= 0x80000000 || length < 0x10000) throw", "if (length < 0x10000) throw"]],
  },
  "send-126-in-seven-bits": {
    bug: "Writes a 126-byte length in the 7-bit field, where 126 means \"a 16-bit length follows\".",
    edits: [["const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8;", "const extended = length <= 126 ? 0 : length < 0x10000 ? 2 : 8;"]],
  },
  "send-65536-in-sixteen-bits": {
    bug: "Uses the 16-bit length up to 65536 inclusive, which does not fit in 16 bits.",
    edits: [["const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8;", "const extended = length < 126 ? 0 : length <= 0x10000 ? 2 : 8;"]],
  },
  "unmask-restarts-each-chunk": {
    bug: "Restarts the masking key at key[0] for every receive() call, instead of continuing from the payload offset.",
    edits: [["frame.mask[(frame.received + i) & 3]!", "frame.mask[i & 3]!"]],
  },
  "server-masks": {
    bug: "Masks the frames it sends as a server too; browsers fail the connection on a masked frame from a server.",
    edits: [["const mask = this.role === \"client\" ? this.maskKey() : null;", "const mask = this.maskKey();"]],
  },
  "utf8-checked-at-end": {
    bug: "Checks UTF-8 only once the whole message is in, so invalid text is not caught fast (mid-fragment, mid-frame).",
    edits: [
      [UTF8_AS_IT_ARRIVES, ""],
      [AT_END, "      if (!payload.every((byte) => this.utf8.push(byte))) throw new Failure(INVALID_DATA);\n" + AT_END],
    ],
  },
  "utf8-surrogates-accepted": {
    bug: "Lets ED be followed by A0-BF, i.e. accepts UTF-16 surrogates encoded in UTF-8 (CESU-8).",
    edits: [["    else if (byte === 0xed) this.max = 0x9f;\n", ""]],
  },
  "utf8-overlong-three-bytes": {
    bug: "Accepts overlong 3-byte forms (E0 80-9F ..).",
    edits: [["if (byte === 0xe0) this.min = 0xa0;", "if (byte === 0xe0) this.min = 0x80;"]],
  },
  "utf8-above-10ffff": {
    bug: "Accepts lead bytes F5-F7, code points above U+10FFFF.",
    edits: [["if (byte < 0xc2 || byte > 0xf4) return false;", "if (byte < 0xc2 || byte > 0xf7) return false;"]],
  },
  "utf8-c0-c1-accepted": {
    bug: "Accepts C0 and C1, which only start overlong 2-byte forms.",
    edits: [["if (byte < 0xc2 || byte > 0xf4) return false;", "if (byte < 0xc0 || byte > 0xf4) return false;"]],
  },
  "utf8-incomplete-at-end": {
    bug: "Accepts a text message that ends in the middle of a character.",
    edits: [[AT_END, ""]],
  },
  "bom-stripped": {
    bug: "Decodes text with a default TextDecoder, which drops a leading U+FEFF that is part of the message.",
    edits: [["out.events.push({ type: \"text\", text: new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(payload) });", "out.events.push({ type: \"text\", text: new TextDecoder().decode(payload) });"]],
  },
  "any-close-code": {
    bug: "Accepts every close code from 1000 to 4999, including the reserved 1004-1006 and 1015.",
    edits: [["return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);", "return code >= 1000 && code <= 4999;"]],
  },
  "close-one-byte-body": {
    bug: "Treats a 1-byte Close body as no code at all.",
    edits: [["    if (payload.length === 1) throw new Failure(PROTOCOL_ERROR);\n", ""]],
  },
  "close-reason-unchecked": {
    bug: "Never checks that the Close reason is UTF-8.",
    edits: [["    if (!reason.every((byte) => utf8.push(byte)) || !utf8.complete) throw new Failure(INVALID_DATA);\n", ""]],
  },
  "close-not-answered": {
    bug: "Reports the peer's Close but never sends one back, so the peer waits for the closing handshake to time out.",
    edits: [["    if (this.state === \"open\") out.send.push(this.build(CLOSE, code === null ? new Uint8Array(0) : code16(code)));\n", ""]],
  },
  "reads-after-close": {
    bug: "Keeps reading the rest of the chunk after a Close frame (answering a ping, delivering a message).",
    edits: [["      while (!this.closed) {", "      for (;;) {"]],
  },
  "fail-without-close-frame": {
    bug: "Fails the connection without sending a Close frame with the status code.",
    edits: [["      if (this.state === \"open\") out.send.push(this.build(CLOSE, code16(error.code)));\n", ""]],
  },
  "fail-drops-earlier-events": {
    bug: "Throws away the events of frames that came before the broken one in the same receive() call.",
    edits: [["      out.events.push({ type: \"fail\", code: error.code });", "      out.events.length = 0;\n      out.events.push({ type: \"fail\", code: error.code });"]],
  },
  "invalid-utf8-as-1002": {
    bug: "Fails on invalid UTF-8 with 1002 (protocol error) instead of 1007 (invalid frame payload data).",
    edits: [["const INVALID_DATA = 1007;", "const INVALID_DATA = 1002;"]],
  },
  "limit-per-frame": {
    bug: "Applies maxMessageBytes to each frame instead of the whole message, so many small fragments grow a message past the limit.",
    edits: [["this.message!.size += length;", "this.message!.size = length;"]],
  },
  "limit-off-by-one": {
    bug: "Refuses a message of exactly maxMessageBytes.",
    edits: [["if (this.message!.size > this.maxMessageBytes)", "if (this.message!.size >= this.maxMessageBytes)"]],
  },
  "pong-after-own-close": {
    bug: "Answers pings after sending Close.",
    edits: [["if (this.state === \"open\") out.send.push(this.build(PONG, payload));", "out.send.push(this.build(PONG, payload));"]],
  },
  "ping-answered-with-ping": {
    bug: "Answers a ping with a ping (opcode 9) instead of a pong (opcode 10).",
    edits: [["out.send.push(this.build(PONG, payload));", "out.send.push(this.build(PING, payload));"]],
  },
  "send-after-close": {
    bug: "Still sends messages after the closing handshake started or the connection failed.",
    edits: [["    if (this.state !== \"open\") throw new Error(`cannot ${what}: the connection is ${this.state}`);\n", "    void what;\n"]],
  },
  "keeps-callers-buffer": {
    bug: "Keeps a view of the caller's buffer for an unfinished header instead of a copy; the caller reuses that buffer.",
    edits: [
      [
        "    const data = new Uint8Array(this.pending.length + bytes.length);\n    data.set(this.pending);\n    data.set(bytes, this.pending.length);",
        "    let data = bytes;\n    if (this.pending.length > 0) {\n      data = new Uint8Array(this.pending.length + bytes.length);\n      data.set(this.pending);\n      data.set(bytes, this.pending.length);\n    }",
      ],
      ["data.slice(at);", "data.subarray(at);"],
    ],
  },
});
