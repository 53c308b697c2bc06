/**
 * Generated mutants of solution.ts (`npm run mutation -- dns`) that no test
 * can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

export default defineEquivalents([
  {
    original: "const u16 = (value: number) => out.push((value >> 8) & 0xff, value & 0xff);",
    mutated: "const u16 = (value: number) => out.push((value >>> 8) & 0xff, value & 0xff);",
    reason: "every value written is a 16-bit field (0 to 65,535), never negative, so >> and >>> agree",
  },
]);
