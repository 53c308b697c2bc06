/**
 * Hand-written mutants of the framing lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

export default defineMutants({
  "empty-chunk-ends-stream": {
    bug: "The length-prefixed decoder treats a 0-byte chunk as end-of-file, as a socket's read() returning 0 would mean, and calls end(): mid-frame it throws, although the instructions say a chunk may have any length, including 0.",
    edits: [
      ["    if (this.failed) this.fail(\"push() after an error: this decoder has failed\");\n    const frames: Uint8Array[] = [];\n    let offset = 0;", "    if (this.failed) this.fail(\"push() after an error: this decoder has failed\");\n    if (chunk.length === 0) {\n      this.end();\n      return [];\n    }\n    const frames: Uint8Array[] = [];\n    let offset = 0;"],
    ],
  },
  "header-read-from-chunk-buffer": {
    bug: "A fast path for a header that lies whole in the chunk reads it with `new DataView(chunk.buffer)`, which starts at the buffer's first byte, not at the chunk's byteOffset: right for a fresh array, wrong for a view into a larger buffer.",
    edits: [
      ["      if (this.payload === null) {\n        const take", "      if (this.payload === null && this.headerFill === 0 && chunk.length - offset >= HEADER_BYTES) {\n        this.payload = this.startPayload(new DataView(chunk.buffer).getUint32(offset));\n        this.payloadFill = 0;\n        offset += HEADER_BYTES;\n      } else if (this.payload === null) {\n        const take"],
    ],
  },
  "encoder-reads-payload-buffer": {
    bug: "encodeLengthPrefixed copies `new Uint8Array(payload.buffer, 0, payload.length)`: the right bytes when the payload is a fresh array, the wrong ones when it is a view at a non-zero byteOffset.",
    edits: [["  frame.set(payload, HEADER_BYTES);", "  frame.set(new Uint8Array(payload.buffer, 0, payload.length), HEADER_BYTES);"]],
  },
  "encoder-reuses-output-buffer": {
    bug: "encodeSlip avoids allocating by escaping into one module-level scratch buffer and returning a view of it: the next call overwrites the frame the caller already holds.",
    edits: [
      ["  const frame = new Uint8Array(payload.length + specials + 2);", "  if (scratch.length < payload.length + specials + 2) scratch = new Uint8Array(2 * (payload.length + specials + 2));\n  const frame = scratch.subarray(0, payload.length + specials + 2);"],
      ["const ESC_ESC = 0xdd;", "const ESC_ESC = 0xdd;\nlet scratch = new Uint8Array(256);"],
    ],
  },
  "shared-header-buffer": {
    bug: "The 4 header bytes are collected in one module-level array that every LengthPrefixedDecoder shares: fine with one decoder, wrong when two read two streams at once.",
    edits: [
      ["  private readonly header = new Uint8Array(HEADER_BYTES);", "  private readonly header = sharedHeader;"],
      ["const HEADER_BYTES = 4;", "const HEADER_BYTES = 4;\nconst sharedHeader = new Uint8Array(HEADER_BYTES);"],
    ],
  },
  "recursive-push": {
    bug: "push() handles one frame and calls itself on the rest of the chunk: correct, but one call deep per frame, so a chunk holding 20 000 frames overflows the stack.",
    edits: [
      ["        frames.push(this.payload); // a fresh array per frame: the caller owns it\n        this.payload = null;\n        this.payloadFill = 0;", "        const done = this.payload;\n        this.payload = null;\n        this.payloadFill = 0;\n        return [...frames, done, ...this.push(chunk.subarray(offset))];"],
    ],
  },
  "escaped-bytes-skip-limit": {
    bug: "SlipDecoder checks maxFrame for plain bytes only: an escaped C0 or DB is appended without the check, so a frame can pass the limit by one escaped byte (or many).",
    edits: [
      ["        if (byte === ESC_END) this.append(END);\n        else if (byte === ESC_ESC) this.append(ESC);", "        if (byte === ESC_END) this.appendUnchecked(END);\n        else if (byte === ESC_ESC) this.appendUnchecked(ESC);"],
      ["  private append(byte: number): void {", "  private appendUnchecked(byte: number): void {\n    if (this.size === this.buffer.length) {\n      const grown = new Uint8Array(this.buffer.length * 2);\n      grown.set(this.buffer);\n      this.buffer = grown;\n    }\n    this.buffer[this.size++] = byte;\n  }\n\n  private append(byte: number): void {"],
    ],
  },
  "decoder-usable-after-error": {
    bug: "The length-prefixed decoder throws on a bad header but does not remember it: the next push carries on from a state nobody can trust (here, the bytes after the bad header are read as a new one).",
    edits: [
      ["  /** Marks the decoder failed for good, then throws. */\n  private fail(message: string): never {\n    this.failed = true;\n    throw new FramingError(message);\n  }\n}\n\n// ---", "  /** Throws. */\n  private fail(message: string): never {\n    throw new FramingError(message);\n  }\n}\n\n// ---"],
    ],
  },
  "built-in-error-class": {
    bug: "SlipDecoder rejects bad input with built-in errors (a RangeError for an oversized frame, a SyntaxError for a bad escape) instead of FramingError, so a caller cannot tell a rejected stream from a crash.",
    edits: [
      ["        else this.fail(`ESC followed by 0x${byte.toString(16)}: only 0xdc or 0xdd may follow it`);", "        else throw new SyntaxError(`ESC followed by 0x${byte.toString(16)}`);"],
      ["    if (this.size >= this.maxFrame) this.fail(`frame is longer than the limit of ${this.maxFrame} bytes`);", "    if (this.size >= this.maxFrame) throw new RangeError(`frame is longer than the limit of ${this.maxFrame} bytes`);"],
    ],
  },
  "slip-no-opening-end": {
    bug: "encodeSlip sends END only after the frame, as RFC 1055 strictly requires; this lab pins END at both ends (Phil Karn's suggestion), so the bytes differ.",
    edits: [
      ["  const frame = new Uint8Array(payload.length + specials + 2);\n  let out = 0;\n  frame[out++] = END;", "  const frame = new Uint8Array(payload.length + specials + 1);\n  let out = 0;"],
    ],
  },
  "bad-escape-accepted": {
    bug: "SlipDecoder follows RFC 1055's sample receiver, which keeps the byte after an invalid escape, so a corrupted stream yields a wrong frame instead of an error. The lab's contract asks for the error.",
    edits: [
      ["        else this.fail(`ESC followed by 0x${byte.toString(16)}: only 0xdc or 0xdd may follow it`);", "        else this.append(byte);"],
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
      ["        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0));\n      }", "        this.payload = this.startPayload(new DataView(this.header.buffer).getUint32(0));\n      }\n      if (this.payloadFill === 0 && chunk.length - offset >= this.payload.length) {\n        frames.push(chunk.subarray(offset, offset + this.payload.length));\n        offset += this.payload.length;\n        this.payload = null;\n        continue;\n      }"],
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
      ["        this.payload = null;\n        this.payloadFill = 0;", "        this.payload = null;\n        this.payloadFill = 0;\n        break;"],
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
