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
  {
    original: "if (c > 0xff) fail(\"bad-field\", `character ${c} needs more than one octet`);",
    mutated: "if (false) fail(\"bad-field\", `character ${c} needs more than one octet`);",
    reason: "unreachable: every string octets() gets has passed a check that admits only characters up to U+00FF first (TOKEN for method and names, TARGET, VERSION, FIELD_VALUE for values and trailers, the reason's pattern, a status that is an integer 100-599, hex chunk sizes), so c > 0xff is never true",
  },
  {
    original: "if (c > 0xff) fail(\"bad-field\", `character ${c} needs more than one octet`);",
    mutated: "if (c > (256)) fail(\"bad-field\", `character ${c} needs more than one octet`);",
    reason: "unreachable with c = 0x100 as with any c > 0xff: the token, target, version, field-value and reason patterns refuse every character above U+00FF before octets() runs",
  },
  {
    original: "if (colon < 0 || !TOKEN.test(name)) fail(\"bad-field\", `not a field line (name must be a token right before \":\"): ${JSON.stringify(line)}`);",
    mutated: "if (colon <= 0 || !TOKEN.test(name)) fail(\"bad-field\", `not a field line (name must be a token right before \":\"): ${JSON.stringify(line)}`);",
    reason: "colon === 0 leaves an empty name, which TOKEN (one or more tchars) refuses in the same condition, with the same kind bad-field",
  },
  {
    original: "if (colon < 0 || !TOKEN.test(name)) fail(\"bad-field\", `not a field line (name must be a token right before \":\"): ${JSON.stringify(line)}`);",
    mutated: "if (colon < (1) || !TOKEN.test(name)) fail(\"bad-field\", `not a field line (name must be a token right before \":\"): ${JSON.stringify(line)}`);",
    reason: "colon < 1 differs from colon < 0 only at colon === 0, an empty name, which TOKEN refuses in the same condition, with the same kind bad-field",
  },
  {
    original: "private remaining = 0;",
    mutated: "private remaining = (1);",
    reason: "the initial value is never read: headersDone() and the chunk-size state set remaining before the length and chunk-data states read it, and the until-close state subtracts from it but never reads it",
  },
  {
    original: "private remaining = 0;",
    mutated: "private remaining = (-1);",
    reason: "the initial value is never read: headersDone() and the chunk-size state set remaining before the length and chunk-data states read it, and the until-close state subtracts from it but never reads it",
  },
  {
    original: "if (error instanceof HttpError) this.error = error;",
    mutated: "if (true) this.error = error;",
    reason: "run() throws only HttpErrors (every refusal goes through fail()); nothing else in it can throw for Uint8Array pushes and numeric limits, short of running out of memory, so the test never sees a different error",
  },
  {
    original: "const out = this.buffer.slice(0, n);",
    mutated: "const out = this.buffer.subarray(0, n);",
    reason: "take() returns a view where it made a copy: the views never overlap (take() moves the buffer past them), and no code writes into a buffer once it is made (push() writes only the fresh joined array), so every body reads the same octets and a caller writing into one body changes no other body and no octets still to parse",
  },
  {
    original: "this.buffer = this.buffer.subarray(n);",
    mutated: "this.buffer = this.buffer.slice(n);",
    reason: "the rest of the buffer is copied instead of viewed: same octets, and the parser never writes into its buffer, so only the cost changes",
  },
  {
    original: "this.searchedTo = this.buffer.length;",
    mutated: "",
    reason: "searchedTo only skips octets already searched for LF (none of them is LF); without it the search starts at 0 again (take() resets it to 0 too) and finds the same first LF: only the cost changes",
  },
  {
    original: "const crlf = lf > 0 && bytes[lf - 1] === 0x0d;",
    mutated: "const crlf = lf >= 0 && bytes[lf - 1] === 0x0d;",
    reason: "at lf === 0, bytes[lf - 1] is bytes[-1], which is undefined on a Uint8Array, so crlf is false either way",
  },
  {
    original: "const crlf = lf > 0 && bytes[lf - 1] === 0x0d;",
    mutated: "const crlf = lf > (-1) && bytes[lf - 1] === 0x0d;",
    reason: "lf > -1 is lf >= 0: at lf === 0, bytes[-1] is undefined on a Uint8Array, so crlf is false either way",
  },
  {
    original: "const content = bytes.subarray(0, crlf ? lf - 1 : lf);",
    mutated: "const content = bytes.slice(0, crlf ? lf - 1 : lf);",
    reason: "content is read only by text(), includes() and its length, then dropped: a copy gives the same string and verdicts",
  },
  {
    original: "const match = (this.request ? REQUEST_LINE : STATUS_LINE).exec(line);",
    mutated: "const match = (false ? REQUEST_LINE : STATUS_LINE).exec(line);",
    reason: "both patterns cut the first two parts at the first two spaces alike and differ only in the third part (STATUS_LINE lets it hold SP, HTAB and obs-text, and refuses other controls and DEL); a request's third part must then match VERSION (HTTP/d.d), which holds none of those octets, so every line the two patterns judge differently is bad-start-line either way: only the message text differs",
  },
  {
    original: "const status = draft.status ?? 0;",
    mutated: "const status = draft.status ?? (1);",
    reason: "draft.status is null only in a request parser, where bodyless is false before status is read (!this.request && ...)",
  },
  {
    original: "const status = draft.status ?? 0;",
    mutated: "const status = draft.status ?? (-1);",
    reason: "draft.status is null only in a request parser, where bodyless is false before status is read (!this.request && ...)",
  },
  {
    original: "const body = d.parts.length === 1 ? d.parts[0]! : concat(d.parts, d.parts.reduce((n, p) => n + p.length, 0));",
    mutated: "const body = false ? d.parts[0]! : concat(d.parts, d.parts.reduce((n, p) => n + p.length, 0));",
    reason: "a single part is copied by concat() instead of returned: it is already a copy of its own from take(), so the body has the same octets and nothing else holds it",
  },
  {
    original: "this.draft = null;",
    mutated: "",
    reason: "draft is read only in the fields, body and trailer states; the start state never reads it, and startLine() replaces it before the state leaves start",
  },
]);
