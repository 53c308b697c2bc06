/**
 * The files of a new lab, as `wirelab new-lab` writes them: a small but
 * complete example (the RFC 1071 Internet checksum) that an instructor
 * replaces piece by piece. It grades from the first minute: the solution
 * scores full marks, the starter and the mutant fall short.
 */

/** Paths to import from, relative to the new lab's folder. */
export interface ImportPaths {
  /** The lab kit's folder, e.g. "../kit". */
  readonly kit: string;
  /** The lab kit's folder from the lab's mutants/ folder, e.g. "../../kit". */
  readonly kitFromMutants?: string;
}

export function labJson(id: string, title: string, chapter: string): string {
  const meta = { id, title, chapter, summary: `TODO: one sentence on what the learner builds in ${title}.`, limits: { timeMsPerRun: 2000, memoryMb: 256 } };
  return JSON.stringify(meta, null, 2) + "\n";
}

export function instructions(title: string): string {
  return `---
title: ${title}
---

TODO: explain the protocol piece the learner builds, pin its exact contract, and
walk through it in stages. This scaffold's example asks for the Internet checksum.

## The task

Export \`internetChecksum(bytes: Uint8Array): number\`: the one's complement of the
one's complement sum of the data as 16-bit big-endian words, an odd final byte padded
with a zero (RFC 1071, section 1).

Example (RFC 1071, section 3): \`00 01 f2 03 f4 f5 f6 f7\` gives \`0x220d\`.
`;
}

export const starter = `/**
 * Returns the Internet checksum of \`bytes\` (RFC 1071).
 */
export function internetChecksum(bytes: Uint8Array): number {
  // TODO: sum the 16-bit words, fold the carries, and return the complement.
  void bytes;
  return 0;
}
`;

export const solution = `/** The reference solution: never shipped to learners. */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
`;

export function mutants(paths: ImportPaths): string {
  return `/** Known-wrong solutions, each a small edit of solution.ts (labs/kit/mutant-edits.ts). */
import { defineMutants } from "${paths.kitFromMutants}/mutant-edits.ts";

export default defineMutants({
  "no-carry-fold": {
    bug: "The carries are never folded back into the 16-bit sum (RFC 1071 §4.1).",
    edits: [["  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);\\n", ""]],
  },
});
`;
}

export function harness(paths: ImportPaths): string {
  return `/** Runs inside the sandbox, next to the learner's code: the only code that calls it. */
import { defineHarness, exportedFunction } from "${paths.kit}/harness.ts";
import { fromHex } from "${paths.kit}/hex.ts";

export default defineHarness({
  /** The learner's checksum of some bytes (hex in, number out). */
  checksum(input: { bytes: string }, learner) {
    const checksum = exportedFunction(learner, "internetChecksum") as (bytes: Uint8Array) => unknown;
    const result = checksum(fromHex(input.bytes));
    return typeof result === "number" ? result : String(result);
  },
});
`;
}

export function publicTests(paths: ImportPaths): string {
  return `import { defineTests, expect } from "${paths.kit}/index.ts";

export default defineTests(({ describe, it }) => {
  describe("internetChecksum", () => {
    it("matches the example of RFC 1071 section 3", { points: 2, rule: "RFC 1071 §3", hint: "Sum 16-bit big-endian words." }, async (t) => {
      t.step("checksum of 00 01 f2 03 f4 f5 f6 f7");
      expect(await t.run("checksum", { bytes: "0001f203f4f5f6f7" })).toBe(0x220d);
    });
  });
});
`;
}

export function hiddenTests(paths: ImportPaths): string {
  return `import { defineTests, expect } from "${paths.kit}/index.ts";

export default defineTests(({ describe, it }) => {
  describe("internetChecksum", () => {
    it("pads an odd final byte with zero", { points: 2, rule: "RFC 1071 §1" }, async (t) => {
      t.step("checksum of 00 01 f2 03 f4 f5 f6");
      expect(await t.run("checksum", { bytes: "0001f203f4f5f6" })).toBe(0x2304);
    });
    it("folds carries back into the sum", { points: 3, rule: "RFC 1071 §1: end-around carry" }, async (t) => {
      t.step("checksum of ff ff ff ff 00 01");
      // ffff + ffff = 1fffe -> fold -> ffff; + 0001 = 10000 -> fold -> 0001; complement: fffe.
      expect(await t.run("checksum", { bytes: "ffffffff0001" })).toBe(0xfffe);
    });
  });
});
`;
}
