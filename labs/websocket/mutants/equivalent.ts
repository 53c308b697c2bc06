/**
 * Generated mutants of solution.ts (`npm run mutation -- websocket`) that no
 * test can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const PENDING_UNREAD_WHEN_CLOSED = "once the state is closed, receive() returns at its first line before it reads pending, and the state never leaves closed: what pending holds then is never read";
const DATA_NEVER_WRITTEN =
  "data is the fresh copy receive() builds (never the caller's bytes), and nothing writes into it after it is built (unmasking writes into chunk, a slice), so a view of it holds the same bytes as a copy";
const HEADER_SIZE_AT_LEAST_2 =
  "the next check, data.length - at < size, also returns 0 whenever fewer than 2 bytes are left, because size is at least 2: the bytes past the end read as undefined, which gives MASK 0 and length 0, so size is 2";
const PAST_THE_END_IS_IGNORED = "the extra round reads and writes one index past the end of the typed array: the read is undefined (XOR treats it as 0) and the write is ignored";
const NO_PAYLOAD_OF_4_GIB =
  "the 64-bit length's high word is nonzero (or, here, differs) only for a payload of 2^32 - 1 bytes or more: a string's UTF-8 is at most 3 bytes per UTF-16 unit of at most 2^29 - 24 units, and a Uint8Array of 4 GiB is far beyond the lab's 256 MB memory limit; below that the high word is 0, as in the fresh frame";
const MASK_IS_4_BYTES = "maskKey() returns exactly 4 bytes (the contract; the harness's keys are 4 bytes), so subarray(0, 5) is the same 4 bytes, and a copy of them is written the same way";

export default defineEquivalents([
  {
    original: 'if (this.state === "closed") return out;',
    mutated: "if (false) return out;",
    reason: "when closed, pending is empty (it is emptied when the state becomes closed), the loop `while (!this.closed)` does not run, nothing is pushed and pending is emptied again: out stays empty",
  },
  { original: "const chunk = data.slice(at, at + take);", mutated: "const chunk = data.subarray(at, at + take);", reason: `${DATA_NEVER_WRITTEN}; unmasking a view writes only bytes at or after at, which are never read again` },
  {
    original: "if (frame.mask !== null) for (let i = 0; i < take; i++) chunk[i] = chunk[i]! ^ frame.mask[(frame.received + i) & 3]!;",
    mutated: "if (frame.mask !== null) for (let i = (-1); i < take; i++) chunk[i] = chunk[i]! ^ frame.mask[(frame.received + i) & 3]!;",
    reason: "the extra round writes chunk[-1], which is not an index of a typed array: the read is undefined and the write is ignored",
  },
  {
    original: "if (frame.mask !== null) for (let i = 0; i < take; i++) chunk[i] = chunk[i]! ^ frame.mask[(frame.received + i) & 3]!;",
    mutated: "if (frame.mask !== null) for (let i = 0; i <= take; i++) chunk[i] = chunk[i]! ^ frame.mask[(frame.received + i) & 3]!;",
    reason: `chunk is a slice of exactly take bytes: ${PAST_THE_END_IS_IGNORED}`,
  },
  {
    original: "if (!(error instanceof Failure)) throw error;",
    mutated: "if (false) throw error;",
    reason:
      "nothing in the try block throws anything but a Failure: every index it reads is checked first (the header's size, take), TextDecoder without fatal never throws, and the only outside code it calls is maskKey(), which returns a key; the strings and arrays it builds stay within the lab's 256 MB",
  },
  { original: 'this.pending = this.state === "closed" ? new Uint8Array(0) : data.slice(at);', mutated: "this.pending = false ? new Uint8Array(0) : data.slice(at);", reason: PENDING_UNREAD_WHEN_CLOSED },
  { original: 'this.pending = this.state === "closed" ? new Uint8Array(0) : data.slice(at);', mutated: 'this.pending = this.state === "closed" ? new Uint8Array((1)) : data.slice(at);', reason: PENDING_UNREAD_WHEN_CLOSED },
  {
    original: 'this.pending = this.state === "closed" ? new Uint8Array(0) : data.slice(at);',
    mutated: 'this.pending = this.state === "closed" ? new Uint8Array(0) : data.subarray(at);',
    reason: `${DATA_NEVER_WRITTEN}; the next receive() copies pending into its own new buffer`,
  },
  { original: "if (data.length - at < 2) return 0;", mutated: "if (false) return 0;", reason: HEADER_SIZE_AT_LEAST_2 },
  { original: "if (data.length - at < 2) return 0;", mutated: "if (data.length + at < 2) return 0;", reason: `at is never negative, so this returns only where the original does; elsewhere ${HEADER_SIZE_AT_LEAST_2}` },
  { original: "if (data.length - at < 2) return 0;", mutated: "if (data.length - at < (1)) return 0;", reason: HEADER_SIZE_AT_LEAST_2 },
  { original: "const mask = masked ? data.slice(at + size - 4, at + size) : null;", mutated: "const mask = masked ? data.subarray(at + size - 4, at + size) : null;", reason: `${DATA_NEVER_WRITTEN}; the mask is only read` },
  { original: "if (payload.length >= 2) {", mutated: "if (payload.length >= (1)) {", reason: "a 1-byte body has already thrown on the line before, so lengths 1 and up are lengths 2 and up here" },
  { original: "const reason = payload.subarray(2);", mutated: "const reason = payload.slice(2);", reason: "reason is only read (checked and decoded), never kept or written, so a copy and a view give the same result" },
  { original: "view.setUint32(2, Math.floor(length / 0x100000000));", mutated: "", reason: NO_PAYLOAD_OF_4_GIB },
  { original: "view.setUint32(2, Math.floor(length / 0x100000000));", mutated: "view.setUint32((3), Math.floor(length / 0x100000000));", reason: `writes the high word's 0 over bytes 3-6 instead of 2-5, and byte 6 is then overwritten by the low word: ${NO_PAYLOAD_OF_4_GIB}` },
  { original: "view.setUint32(2, Math.floor(length / 0x100000000));", mutated: "view.setUint32(2, Math.floor(length * 0x100000000));", reason: "length * 2^32 is an exact multiple of 2^32 (a power-of-two factor), and setUint32 stores its value modulo 2^32: 0, as for any payload below 2^32 bytes" },
  { original: "view.setUint32(2, Math.floor(length / 0x100000000));", mutated: "view.setUint32(2, Math.floor(length / (4294967297)));", reason: NO_PAYLOAD_OF_4_GIB },
  { original: "view.setUint32(2, Math.floor(length / 0x100000000));", mutated: "view.setUint32(2, Math.floor(length / (4294967295)));", reason: NO_PAYLOAD_OF_4_GIB },
  { original: "view.setUint32(6, length >>> 0);", mutated: "view.setUint32(6, length >> 0);", reason: "setUint32 stores its value modulo 2^32, and length >> 0 and length >>> 0 are equal modulo 2^32 for every length" },
  { original: "frame.set(mask.subarray(0, 4), header - 4);", mutated: "frame.set(mask.slice(0, 4), header - 4);", reason: MASK_IS_4_BYTES },
  { original: "frame.set(mask.subarray(0, 4), header - 4);", mutated: "frame.set(mask.subarray(0, (5)), header - 4);", reason: MASK_IS_4_BYTES },
  {
    original: "for (let i = 0; i < length; i++) frame[header + i] = frame[header + i]! ^ mask[i & 3]!;",
    mutated: "for (let i = 0; i <= length; i++) frame[header + i] = frame[header + i]! ^ mask[i & 3]!;",
    reason: `the frame is exactly header + length bytes: ${PAST_THE_END_IS_IGNORED}`,
  },
  { original: "return Uint8Array.of(code >> 8, code & 0xff);", mutated: "return Uint8Array.of(code >>> 8, code & 0xff);", reason: "code is a close code (1000-4999) or a failure code (1002, 1007, 1009), never negative, so >> and >>> agree" },
]);
