/**
 * Records the blocks nghttp2 encodes for the session of session.ts into
 * labs/hpack/corpus/nghttp2.json (hex, and the header lists that were
 * sent), checked with the reference decoder before writing. Run it with
 * `node test/labs/hpack/record-corpus.ts`. The hidden tests decode this
 * corpus in the sandbox, so the browser runs the same check as Node.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decoder } from "#labs/hpack/solution.ts";
import { recordSession } from "./session.ts";

export const CORPUS_PATH = fileURLToPath(new URL("../../../labs/hpack/corpus/nghttp2.json", import.meta.url));

const blocks = await recordSession();
const decoder = new Decoder();
for (const [i, block] of blocks.entries()) {
  const bytes = Uint8Array.from(block.hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  const decoded = JSON.stringify(decoder.decode(bytes));
  if (decoded !== JSON.stringify(block.headers)) throw new Error(`block ${i}: decoded ${decoded}, sent ${JSON.stringify(block.headers)}`);
}
const corpus = {
  about:
    "Request header blocks encoded by nghttp2 (Node's http2 client) on one h2c connection, in order, with the header lists that were sent. " +
    "Recorded by test/labs/hpack/record-corpus.ts; decode them in order with one Decoder (default table size 4096).",
  recordedWith: `node ${process.version}, nghttp2 ${process.versions.nghttp2}`,
  blocks,
};
// One block per line, so that a re-recording shows up as a readable diff.
const lines = corpus.blocks.map((block) => `  ${JSON.stringify(block)}`);
const text = `{\n "about": ${JSON.stringify(corpus.about)},\n "recordedWith": ${JSON.stringify(corpus.recordedWith)},\n "blocks": [\n${lines.join(",\n")}\n ]\n}\n`;
writeFileSync(CORPUS_PATH, text);
console.log(`${blocks.length} blocks, ${blocks.reduce((n, b) => n + b.hex.length / 2, 0)} bytes written to ${CORPUS_PATH}`);
