/**
 * The tests' own bytes over the lab's simulated byte stream, cut once per
 * grading process. Where the stream cuts them depends on the bytes, the seed
 * and the chunk limit, never on the learner's code, so every submission
 * would get the same chunks: the grading process works them out once and
 * keeps them (grade-all grades a class in a few long-lived processes), and
 * the learner's decoder gets them in a `decode` run. The sandbox, which
 * starts cold for every submission, then runs no network for these tests
 * (those that send the learner's own encoding still do). Hidden tests only.
 */
import type { TestContext } from "#labs/kit/index.ts";
import { Fnv1a64 } from "#runtime/core/hash.ts";
import { sendOverByteStream, type ByteStreamOptions } from "../byte-stream.ts";
import type { Scheme, StreamResult } from "../scenarios.ts";
import { decode } from "./check.ts";

/** Chunk lists already worked out in this process, by seed, chunk limit and the bytes written. */
const kept = new Map<string, readonly Uint8Array[]>();
/** More than any lab's tests ask for: the map never grows with the class. */
const MAX_KEPT = 64;

/** The chunks the stream's receiver reads when `writes` are written in order. */
export function streamChunks(writes: readonly Uint8Array[], options: ByteStreamOptions): readonly Uint8Array[] {
  const key = keyOf(writes, options);
  const known = kept.get(key);
  if (known !== undefined) return known;
  const chunks: Uint8Array[] = [];
  sendOverByteStream(writes, options, (chunk) => chunks.push(chunk.slice()));
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, chunks);
  return chunks;
}

function keyOf(writes: readonly Uint8Array[], options: ByteStreamOptions): string {
  const hash = new Fnv1a64();
  for (const bytes of writes) hash.update(`${bytes.length};`).updateBytes(bytes);
  return `${options.seed}/${options.maxChunk ?? "default"}/${writes.length}/${hash.hex()}`;
}

/**
 * Writes `encoded` (the tests' own frames) over the stream and feeds the
 * chunks to the learner's decoder: the result reads as the `stream`
 * scenario's would, for checkStream.
 */
export async function decodeOverStream(
  t: TestContext,
  scheme: Scheme,
  encoded: readonly Uint8Array[],
  options: ByteStreamOptions,
): Promise<StreamResult> {
  const chunks = streamChunks(encoded, options);
  const result = await decode(t, scheme, chunks);
  const frames = result.steps.flatMap((step) => ("frames" in step ? step.frames : []));
  const chunkSizes = chunks.map((chunk) => chunk.length);
  const threw = result.steps.findIndex((step) => "error" in step);
  if (threw === -1) return { frames, chunkSizes, ...(result.end === undefined ? {} : { end: result.end }) };
  const step = result.steps[threw]!;
  return { frames, chunkSizes, error: { during: "push", chunk: threw, error: "error" in step ? step.error : "" } };
}
