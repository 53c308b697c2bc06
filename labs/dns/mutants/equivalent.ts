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
  { original: "let resume = -1;", mutated: "let resume = (-2);", reason: "resume is only compared with 0 (resume < 0) before it is set: any negative start behaves alike" },
  {
    original: "if (at + 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);",
    mutated: "if (false) throw new Error(`pointer cut short at ${at}`);",
    reason:
      "a pointer's first byte as the message's last byte still makes the message fail: the name then resumes one byte past the end, so the QTYPE or TYPE read after it, or the RDLENGTH check after a name in RDATA, throws (only the error's text differs)",
  },
]);
