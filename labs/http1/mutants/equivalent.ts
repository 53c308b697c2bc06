/**
 * Generated mutants of solution.ts (`npm run mutation -- http1`) that no
 * test can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

export default defineEquivalents([
  {
    original: 'this.name = "HttpError";',
    mutated: "",
    reason: "the name only labels the thrown message a failing test quotes; the contract and the tests read the error's kind, never its name",
  },
  {
    original: "for (let i = 0; i < s.length; i++) {",
    mutated: "for (let i = (-1); i < s.length; i++) {",
    reason: "in octets(): charCodeAt(-1) is NaN, which passes the > 0xff check, and a typed array ignores a write at index -1",
  },
  {
    original: "for (let i = 0; i < s.length; i++) {",
    mutated: "for (let i = 0; i <= s.length; i++) {",
    reason: "in octets(): charCodeAt(length) is NaN, which passes the > 0xff check, and a typed array ignores a write past its end",
  },
  {
    original: "const size = parseInt(match[1]!, 16);",
    mutated: "const size = parseInt(match[(0)]!, 16);",
    reason: "match[0] is the whole line, which CHUNK_LINE allows only hex digits then BWS or ';': parseInt stops there, giving the same size as match[1]",
  },
]);
