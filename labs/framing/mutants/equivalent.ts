/**
 * Generated mutants of solution.ts that no test can kill because no
 * observable behaviour changes (`npm run mutation -- framing`), each with why.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const capacity = "the SLIP buffer's size is only a capacity: it doubles on demand and frames are sliced to `size`, so the bytes returned are the same";
const viewOrCopy = "the chunk's bytes are copied into the decoder's own array at once by set(); a view or a copy of them holds the same bytes";

export default defineEquivalents([
  { original: "private buffer = new Uint8Array(256);", mutated: "private buffer = new Uint8Array((257));", reason: capacity },
  { original: "private buffer = new Uint8Array(256);", mutated: "private buffer = new Uint8Array((255));", reason: capacity },
  {
    original: "const grown = new Uint8Array(this.buffer.length * 2);",
    mutated: "const grown = new Uint8Array(this.buffer.length * (3));",
    reason: `${capacity} (growing threefold instead of twofold)`,
  },
  {
    original: "this.header.set(chunk.subarray(offset, offset + take), this.headerFill);",
    mutated: "this.header.set(chunk.slice(offset, offset + take), this.headerFill);",
    reason: viewOrCopy,
  },
  {
    original: "this.payload.set(chunk.subarray(offset, offset + take), this.payloadFill);",
    mutated: "this.payload.set(chunk.slice(offset, offset + take), this.payloadFill);",
    reason: viewOrCopy,
  },
]);
