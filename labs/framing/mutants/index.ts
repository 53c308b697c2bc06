/**
 * Hand-written mutants of the framing lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "../../kit/mutant-edits.ts";

export default defineMutants({
  "bad-escape-accepted": {
    bug: "SlipDecoder follows RFC 1055's sample receiver, which keeps the byte after an invalid escape, so a corrupted stream yields a wrong frame instead of an error. The lab's contract asks for the error.",
    edits: [
      ["        else this.fail(`ESC followed by ${hexByte(byte)}: only DC or DD may follow it`);", "        else this.append(byte);"],
      ["}\n\nfunction hexByte(byte: number): string {\n  return byte.toString(16).padStart(2, \"0\").toUpperCase();", ""],
    ],
  },
  "empty-slip-frames-emitted": {
    bug: "SlipDecoder returns an empty frame for every END END, which this lab's senders produce between any two frames.",
    edits: [
      ["        if (this.size > 0) frames.push(this.buffer.slice(0, this.size));", "        frames.push(this.buffer.slice(0, this.size));"],
    ],
  },
  "esc-not-escaped": {
    bug: "encodeSlip escapes END but forgets ESC itself, so a DB in the payload goes out bare and the receiver reads it as the start of an escape.",
    edits: [
      ["  for (const byte of payload) if (byte === END || byte === ESC) specials++;", "  for (const byte of payload) if (byte === END) specials++;"],
      ["    } else if (byte === ESC) {\n      frame[out++] = ESC;\n      frame[out++] = ESC_ESC;", ""],
    ],
  },
  "escape-at-chunk-edge-lost": {
    bug: "SlipDecoder keeps \"the last byte was ESC\" in a local variable of push(), so an ESC that ends one chunk is forgotten and its partner (DC or DD) at the start of the next chunk is taken as a plain byte. A lone ESC at the end of the stream goes unnoticed too.",
    edits: [
      ["  private escaping = false;", "  private readonly escaping = false;"],
      ["    for (let i = 0; i < chunk.length; i++) {\n      const byte = chunk[i]!;\n      if (this.escaping) {", "    let escaping = false;\n    for (let i = 0; i < chunk.length; i++) {\n      const byte = chunk[i]!;\n      if (this.escaping) {"],
      ["      if (this.escaping) {\n        this.escaping = false;", "      if (escaping) {\n        escaping = false;"],
      ["        this.escaping = true;", "        escaping = true;"],
    ],
  },
  "frames-alias-internal-buffer": {
    bug: "SlipDecoder returns views of its reusable frame buffer instead of copies: the next frame overwrites the one the caller already holds (even two frames returned by the same push).",
    edits: [
      ["        if (this.size > 0) frames.push(this.buffer.slice(0, this.size));", "        if (this.size > 0) frames.push(this.buffer.subarray(0, this.size));"],
    ],
  },
  "frames-view-caller-chunk": {
    bug: "A \"zero-copy\" shortcut in the length-prefixed decoder: a payload that lies whole inside the chunk is returned as a view of the chunk. When the caller reuses its read buffer, frames it already received change under it.",
    edits: [
      ["        this.payloadFill = 0;", "        this.payloadFill = 0;\n      }\n      if (this.payloadFill === 0 && chunk.length - offset >= this.payload.length) {\n        frames.push(chunk.subarray(offset, offset + this.payload.length));\n        offset += this.payload.length;\n        this.payload = null;\n        continue;"],
    ],
  },
  "length-includes-header": {
    bug: "Both the encoder and the decoder count the 4 header bytes in the length. They agree with each other, so round trips work; only exact vectors (and streams from anyone else) show the bug.",
    edits: [
      ["  new DataView(frame.buffer).setUint32(0, payload.length); // DataView is big-endian by default", "  new DataView(frame.buffer).setUint32(0, payload.length + HEADER_BYTES);"],
      ["        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0));", "        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0) - HEADER_BYTES);"],
    ],
  },
  "limit-checked-after-buffering": {
    bug: "The length-prefixed decoder checks maxFrame only once the whole payload has arrived, so a hostile header still makes it allocate and wait for the payload (up to 4 GiB) before it complains.",
    edits: [
      ["      if (this.payloadFill === this.payload.length) {", "      if (this.payloadFill === this.payload.length) {\n        if (this.payload.length > this.maxFrame)\n          throw new FramingError(`frame of ${this.payload.length} bytes is over the limit`);"],
      ["    if (length > this.maxFrame) {\n      this.fail(`header announces ${length} bytes, over the limit of ${this.maxFrame}`);\n    }", ""],
    ],
  },
  "limit-off-by-one": {
    bug: "The length-prefixed decoder treats maxFrame as exclusive: a payload of exactly maxFrame bytes is rejected.",
    edits: [
      ["    if (length > this.maxFrame) {", "    if (length >= this.maxFrame) {"],
    ],
  },
  "little-endian-length": {
    bug: "Both the encoder and the decoder write the length least significant byte first. Round trips work; the wire format is wrong.",
    edits: [
      ["  new DataView(frame.buffer).setUint32(0, payload.length); // DataView is big-endian by default", "  new DataView(frame.buffer).setUint32(0, payload.length, true);"],
      ["        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0));", "        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0, true));"],
    ],
  },
  "no-size-limit": {
    bug: "The length-prefixed decoder never compares a header with maxFrame: a 4-byte header can make it allocate (or wait for) up to 4 GiB.",
    edits: [
      ["    if (length > this.maxFrame) {\n      this.fail(`header announces ${length} bytes, over the limit of ${this.maxFrame}`);\n    }", "    void this.maxFrame;"],
    ],
  },
  "only-first-frame-per-chunk": {
    bug: "push() returns as soon as one frame is complete, dropping whatever else the chunk held: fine while every write arrives alone, wrong as soon as the stream merges writes.",
    edits: [
      ["        this.payload = null;", "        this.payload = null;\n        break;"],
    ],
  },
  "prefix-split-across-chunks-lost": {
    bug: "The decoder keeps a half-read payload between pushes but not a half-read header: when a chunk ends inside the 4-byte length, those bytes are lost and the next chunk's bytes are read as a fresh header.",
    edits: [
      ["    let offset = 0;", "    let offset = 0;\n    if (this.payload === null) this.headerFill = 0;"],
    ],
  },
  "slip-limit-checked-at-end": {
    bug: "SlipDecoder checks maxFrame only when END arrives, so a stream that never sends END grows its buffer without bound.",
    edits: [
      ["        // END END carries no frame (RFC 1055 senders use it to flush line noise).", "        // END END carries no frame (RFC 1055 senders use it to flush line noise).\n        if (this.size > this.maxFrame)\n          throw new FramingError(`frame is longer than the limit of ${this.maxFrame} bytes`);"],
      ["    if (this.size >= this.maxFrame) this.fail(`frame is longer than the limit of ${this.maxFrame} bytes`);", ""],
      ["      const grown = new Uint8Array(Math.min(this.buffer.length * 2, this.maxFrame));", "      const grown = new Uint8Array(this.buffer.length * 2);"],
    ],
  },
  "truncated-stream-accepted": {
    bug: "LengthPrefixedDecoder.end() checks nothing, so a stream cut inside a header or a payload ends silently with a message missing.",
    edits: [
      ["    if (this.headerFill > 0) {\n      this.fail(`stream ended inside a length header (${this.headerFill} of ${HEADER_BYTES} bytes)`);\n    }\n    if (this.payload !== null) {\n      this.fail(`stream ended inside a payload (${this.payloadFill} of ${this.payload.length} bytes)`);\n    }", ""],
    ],
  },
  "zero-length-frame-dropped": {
    bug: "The length-prefixed decoder never returns empty payloads (a habit from schemes where an empty frame means nothing), although the header 00 00 00 00 is a message of its own.",
    edits: [
      ["        frames.push(this.payload); // a fresh array per frame: the caller owns it", "        if (this.payload.length > 0) frames.push(this.payload);"],
    ],
  },
});
