/**
 * HPACK benchmarks on the nghttp2 corpus (labs/hpack/corpus/nghttp2.json):
 * the reference Decoder's throughput beside the `hpack.js` package's
 * decompressor in the same run (so machine noise cancels in the ratio), and
 * the reference Encoder's output size beside nghttp2's for the same lists.
 */
import { createRequire } from "node:module";
import { Decoder, Encoder } from "#labs/hpack/solution.ts";
import { CORPUS } from "#labs/hpack/tests/corpus.ts";
import { rates, report } from "./measure.ts";

const PASSES = 200;
const RUNS = 7;

/** hpack.js's decompressor, the part used here. */
interface HpackJsDecompressor {
  write(chunk: Uint8Array): void;
  execute(): void;
  read(): { name: string; value: string } | null;
}
const hpackJs = createRequire(import.meta.url)("hpack.js") as {
  decompressor: { create(options: { table: { maxSize: number } }): HpackJsDecompressor };
};

const blocks = CORPUS.blocks.map((block) => Uint8Array.from(block.hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
const corpusBytes = blocks.reduce((sum, block) => sum + block.length, 0);

function decodeWithReference(): number {
  for (let pass = 0; pass < PASSES; pass++) {
    const decoder = new Decoder();
    for (const block of blocks) decoder.decode(block);
  }
  return PASSES * blocks.length;
}

function decodeBlockWithHpackJs(decompressor: HpackJsDecompressor, block: Uint8Array): [string, string][] {
  decompressor.write(Buffer.from(block.buffer, block.byteOffset, block.length));
  decompressor.execute();
  const headers: [string, string][] = [];
  for (let field = decompressor.read(); field !== null; field = decompressor.read()) headers.push([field.name, field.value]);
  return headers;
}

function decodeWithHpackJs(): number {
  for (let pass = 0; pass < PASSES; pass++) {
    // vectors.md: { table: { maxSize } }, not the README's { size }, or it never evicts.
    const decompressor = hpackJs.decompressor.create({ table: { maxSize: 4096 } });
    for (const block of blocks) decodeBlockWithHpackJs(decompressor, block);
  }
  return PASSES * blocks.length;
}

/** Both decoders must agree with the corpus before their speed means anything. */
function checkDecoders(): void {
  const ours = new Decoder();
  const theirs = hpackJs.decompressor.create({ table: { maxSize: 4096 } });
  for (const [i, block] of blocks.entries()) {
    const expected = JSON.stringify(CORPUS.blocks[i]!.headers);
    if (JSON.stringify(ours.decode(block)) !== expected) throw new Error(`reference decoder: block ${i} differs from the corpus`);
    // hpack.js hands back values as latin1 strings; compare its octets as UTF-8.
    const decoded = decodeBlockWithHpackJs(theirs, block).map(([n, v]) => [n, Buffer.from(v, "latin1").toString("utf8")]);
    if (JSON.stringify(decoded) !== expected) throw new Error(`hpack.js: block ${i} differs from the corpus`);
  }
}

/** The reference Encoder on the corpus's lists, with the table shrunk where nghttp2's was and authorization sensitive, as nghttp2 was told. */
function referenceEncodedBytes(): number {
  const encoder = new Encoder();
  let total = 0;
  for (const block of CORPUS.blocks) {
    if (block.note !== undefined) encoder.setMaxTableSize(256);
    total += encoder.encode(block.headers.map(([name, value]) => ({ name, value, sensitive: name === "authorization" }))).length;
  }
  return total;
}

export function hpackBenchmarks(): void {
  checkDecoders();
  const ours = rates(RUNS, decodeWithReference).median;
  const theirs = rates(RUNS, decodeWithHpackJs).median;
  const bytesPerBlock = corpusBytes / blocks.length;
  report(`hpack reference decoder, nghttp2 corpus (${blocks.length} blocks, ${corpusBytes} bytes)`, ours, "blocks/s");
  report("hpack reference decoder", (ours * bytesPerBlock) / 1e6, "MB/s");
  report("hpack.js decompressor, same corpus (baseline)", theirs, "blocks/s");
  report("hpack.js decompressor", (theirs * bytesPerBlock) / 1e6, "MB/s");
  report("hpack reference decoder vs hpack.js", ours / theirs, "x");
  const encoded = referenceEncodedBytes();
  report("hpack reference encoder output for the corpus's lists", encoded, "bytes");
  report("nghttp2's output for the same lists (the corpus)", corpusBytes, "bytes");
  report("hpack reference encoder vs nghttp2 size", encoded / corpusBytes, "x");
}
