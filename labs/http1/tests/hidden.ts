/**
 * Hidden tests for the http1 lab (the score). Every expectation comes from
 * the tests' own reader (oracle.ts), never from the reference solution.
 * Fixed streams cover each rule's edges, each pushed whole and one octet at
 * a time; llhttp's recorded verdicts (corpus.ts) show where Node's parser
 * agrees and where the lab pins RFC 9112's stricter rule; property tests
 * draw streams, cuts and broken octets from the grading seed.
 */
import { defineTests, fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import { fc } from "#labs/kit/property.ts";
import { batchedProperty } from "./batch.ts";
import type { LimitsSpec, MessageView, Serialized } from "../scenarios.ts";
import { cutsArbitrary, messageArbitrary, poison, streamArbitrary } from "./arbitraries.ts";
import { bytewise, checkOutcome, parseAll, showStream, type Stream } from "./check.ts";
import { LLHTTP } from "./corpus.ts";
import { bytes, request, response, write } from "./messages.ts";
import { expectationFor } from "./oracle.ts";
import { RULES } from "./rules.ts";
import { xorshift32 } from "../demo.ts";

interface Case {
  readonly label: string;
  readonly text: string;
  readonly role?: "request" | "response";
  readonly methods?: readonly string[];
  readonly limits?: LimitsSpec;
  readonly end?: boolean;
  readonly cuts?: readonly number[];
  readonly offset?: number;
}

/** Each case pushed whole and one octet at a time (or as its cuts say), all in one sandbox call, checked against the oracle. */
async function cases(t: TestContext, list: readonly Case[], { split = true } = {}): Promise<void> {
  const streams: { label: string; stream: Stream }[] = [];
  for (const c of list) {
    const base = { role: c.role ?? "request", bytes: bytes(c.text), afterError: bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n") } as const;
    const extra = { ...(c.methods ? { methods: c.methods } : {}), ...(c.limits ? { limits: c.limits } : {}), ...(c.end ? { end: c.end } : {}), ...(c.offset ? { offset: c.offset } : {}) };
    if (c.cuts !== undefined) streams.push({ label: c.label, stream: { ...base, ...extra, cuts: c.cuts } });
    else {
      streams.push({ label: `${c.label} (one push)`, stream: { ...base, ...extra } });
      if (split) streams.push({ label: `${c.label} (one octet per push)`, stream: { ...base, ...extra, cuts: bytewise(base.bytes) } });
    }
  }
  const outcomes = await parseAll(t, streams.map((s) => s.stream));
  streams.forEach(({ label, stream }, i) => checkOutcome(t, label, stream, outcomes[i]!, expectationFor(stream.bytes, stream)));
}

const H = "Host: h\r\n";
const GET = `GET / HTTP/1.1\r\n${H}\r\n`;
const post = (fields: string, body = "") => `POST /p HTTP/1.1\r\n${H}${fields}\r\n${body}`;
const chunked = (chunks: string) => post("Transfer-Encoding: chunked\r\n", chunks) + GET;
const req = (line: string) => `${line}\r\n${H}\r\n`;
const status = (line: string, rest = "Content-Length: 0\r\n\r\n") => `${line}\r\n${rest}`;

export default defineTestsHidden();

function defineTestsHidden() {
  return defineTests(({ describe, it }) => {
    describe("start lines", () => {
      it("refuses malformed request lines and reads the valid forms", { points: 4, rule: `${RULES.requestLine}. ${RULES.version}`, hint: "Split on single spaces into exactly three parts; check the version (HTTP/d.d, major 1), then the method (a token) and the target (visible octets)." }, (t) =>
        cases(t, [
          { label: "two spaces", text: req("GET  / HTTP/1.1") },
          { label: "a tab as separator", text: req("GET\t/ HTTP/1.1") },
          { label: "a trailing space", text: req("GET / HTTP/1.1 ") },
          { label: "no target", text: req("GET HTTP/1.1") },
          { label: "lowercase http", text: req("GET / http/1.1") },
          { label: "HTTP/1.10", text: req("GET / HTTP/1.10") },
          { label: "HTTP/2.0", text: req("GET / HTTP/2.0") },
          { label: "HTTP/0.9", text: req("GET / HTTP/0.9") },
          { label: "a method with (", text: req("G(T / HTTP/1.1") },
          { label: "a target with DEL", text: req("GET /\x7f HTTP/1.1") },
          { label: "a target with é", text: req("GET /caf\xe9 HTTP/1.1") },
          { label: "OPTIONS *, absolute-form, authority-form, HTTP/1.2", text: req("OPTIONS * HTTP/1.1") + req("GET http://h.example/a?b HTTP/1.1") + req("CONNECT h.example:443 HTTP/1.1") + req("PATCH /x HTTP/1.2") },
          { label: "HTTP/1.0 without Host", text: "GET / HTTP/1.0\r\n\r\n" },
        ]),
      );

      it("refuses malformed status lines and reads empty and odd reasons", { points: 3, rule: `${RULES.statusLine}. ${RULES.version}`, hint: "A status line is version SP code SP reason: keep the second space even when the reason is empty; the code is exactly three digits from 100 to 599." }, (t) =>
        cases(t, [
          { label: "no SP after the code (llhttp takes it)", text: status("HTTP/1.1 200"), role: "response" },
          { label: "an empty reason", text: status("HTTP/1.1 200 ") + status("HTTP/1.1 404 Not  Found\there"), role: "response" },
          { label: "a reason with obs-text", text: status("HTTP/1.1 200 D\xe9j\xe0 vu"), role: "response" },
          { label: "a reason with NUL", text: status("HTTP/1.1 200 O\x00K"), role: "response" },
          { label: "status 099", text: status("HTTP/1.1 099 Low"), role: "response" },
          { label: "status 600", text: status("HTTP/1.1 600 High"), role: "response" },
          { label: "status 20", text: status("HTTP/1.1 20 X"), role: "response" },
          { label: "status 2000", text: status("HTTP/1.1 2000 X"), role: "response" },
          { label: "status 599 and 100", text: status("HTTP/1.1 100 Continue", "\r\n") + status("HTTP/1.1 599 Edge"), role: "response" },
          { label: "HTTP/2.0 response", text: status("HTTP/2.0 200 OK"), role: "response" },
          { label: "HTTP/1.0 response", text: status("HTTP/1.0 200 OK"), role: "response" },
        ]),
      );
    });

    describe("lines", () => {
      it("refuses bare LF and bare CR, skips empty lines before a start line", { points: 3, rule: RULES.lines, hint: "A line ends at LF and the octet before it must be CR; any other CR in the line is a bare CR. At the start of a message, skip CRLF lines." }, (t) =>
        cases(t, [
          { label: "bare LF after the request line", text: "GET / HTTP/1.1\nHost: h\r\n\r\n" },
          { label: "bare LF after a field line", text: "GET / HTTP/1.1\r\nHost: h\n\r\n" },
          { label: "bare LF as the empty line", text: "GET / HTTP/1.1\r\nHost: h\r\n\n" },
          { label: "bare CR in a field value", text: "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n" },
          { label: "CR CR LF", text: "GET / HTTP/1.1\r\r\nHost: h\r\n\r\n" },
          { label: "empty lines before and between requests", text: `\r\n\r\n${GET}\r\n${GET}` },
          { label: "a lone LF before a request", text: `\n${GET}` },
        ]),
      );
    });

    describe("fields", () => {
      it("refuses whitespace before the colon, obs-fold, and names that are no tokens", { points: 4, rule: `${RULES.fields}. ${RULES.obsFold}`, hint: "The name is everything before the first colon and must be a non-empty token; a line that starts with SP or HTAB is obs-fold." }, (t) =>
        cases(t, [
          { label: "a space before the colon", text: `GET / HTTP/1.1\r\n${H}X-A : 1\r\n\r\n` },
          { label: "a tab before the colon", text: `GET / HTTP/1.1\r\n${H}X-A\t: 1\r\n\r\n` },
          { label: "obs-fold", text: `GET / HTTP/1.1\r\n${H}X-A: 1\r\n 2\r\n\r\n` },
          { label: "obs-fold with a tab, in a response", text: "HTTP/1.1 200 OK\r\nX-A: 1\r\n\t2\r\nContent-Length: 0\r\n\r\n", role: "response" },
          { label: "whitespace before the first field line", text: `GET / HTTP/1.1\r\n X-A: 1\r\n${H}\r\n` },
          { label: "no colon", text: `GET / HTTP/1.1\r\n${H}X-A\r\n\r\n` },
          { label: "an empty name", text: `GET / HTTP/1.1\r\n${H}: 1\r\n\r\n` },
          { label: "a name with ( and @", text: `GET / HTTP/1.1\r\n${H}X(a)@: 1\r\n\r\n` },
          { label: "a name with é", text: `GET / HTTP/1.1\r\n${H}Caf\xe9: 1\r\n\r\n` },
        ]),
      );

      it("trims OWS, keeps inner whitespace, colons and obs-text, refuses NUL and controls", { points: 3, rule: RULES.fields, hint: "Strip SP and HTAB from both ends of the value only; then every octet must be VCHAR, obs-text, SP or HTAB." }, (t) =>
        cases(t, [
          { label: "OWS around values", text: `GET / HTTP/1.1\r\n${H}A:x\r\nB: \t y z \t \r\nC:\t\r\nD: \r\nE:a:b: c\r\nF: caf\xe9\xff\r\nG:\t\t\r\nall-tchars!#$%&'*+-.^_\`|~09AZaz: 1\r\n\r\n` },
          { label: "NUL in a value", text: `GET / HTTP/1.1\r\n${H}X: a\x00b\r\n\r\n` },
          { label: "0x01 in a value", text: `GET / HTTP/1.1\r\n${H}X: a\x01b\r\n\r\n` },
          { label: "DEL in a value", text: `GET / HTTP/1.1\r\n${H}X: a\x7fb\r\n\r\n` },
          { label: "0x1f at the end of a value", text: `GET / HTTP/1.1\r\n${H}X: a\x1f\r\n\r\n` },
          { label: "names keep their case", text: `GET / HTTP/1.1\r\nhOsT: h\r\nCONTENT-length: 2\r\n\r\nok` },
        ]),
      );

      it("needs exactly one Host in an HTTP/1.1 request, at most one in HTTP/1.0", { points: 3, rule: RULES.host, hint: "Count field names case-insensitively once the header section ends. Responses need no Host." }, (t) =>
        cases(t, [
          { label: "no Host", text: "GET / HTTP/1.1\r\nX: y\r\n\r\n" },
          { label: "two Host lines", text: "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n" },
          { label: "two Host lines in HTTP/1.0", text: "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n" },
          { label: "one empty Host", text: "GET / HTTP/1.1\r\nHost:\r\n\r\n" },
          { label: "HTTP/1.2 without Host", text: "GET / HTTP/1.2\r\n\r\n" },
          { label: "a response without Host", text: status("HTTP/1.1 200 OK"), role: "response" },
        ]),
      );
    });

    describe("Content-Length", () => {
      it("refuses every Content-Length that is not 1*DIGIT", { points: 4, rule: RULES.contentLength, hint: "Check every character is 0-9 before converting: Number() and parseInt() take +3, 3e0, 0x3, 3abc, and Number(\"\") is 0." }, (t) =>
        cases(t, ["+3", "-3", "0x3", "3e0", "3abc", "", "3 3", "\xb3", "3.0", "1_0", "3, +3", "+3, 3", "3, 3.0", "0,"].map((v) => ({ label: `Content-Length: ${JSON.stringify(v)}`, text: post(`Content-Length: ${v}\r\n`, "abc") + GET }))),
      );

      it("takes identical repeats as one length, refuses values that differ", { points: 4, rule: RULES.contentLength, hint: "Collect every Content-Length line, split each at commas, trim: all must be digits and equal as numbers." }, (t) =>
        cases(t, [
          { label: "two equal lines", text: post("Content-Length: 3\r\nContent-Length: 3\r\n", "abc") + GET },
          { label: "3, 3 in one line", text: post("Content-Length: 3, 3\r\n", "abc") + GET },
          { label: "3 and 003", text: post("Content-Length: 3\r\ncontent-length: 003\r\n", "abc") + GET },
          { label: "3 and 4", text: post("Content-Length: 3\r\nContent-Length: 4\r\n", "abcd") + GET },
          { label: "3,4", text: post("Content-Length: 3,4\r\n", "abcd") + GET },
          { label: "3, , 3 (an empty element)", text: post("Content-Length: 3, , 3\r\n", "abc") + GET },
          { label: "Content-Length: 0 then a request", text: post("Content-Length: 0\r\n") + GET },
          { label: "a body full of CRLFs and request lines", text: post("Content-Length: 28\r\n", GET) + GET },
        ]),
      );
    });

    describe("Transfer-Encoding and request smuggling", () => {
      it("refuses Transfer-Encoding with Content-Length, in either order", { points: 4, rule: RULES.smuggling, hint: "Look at both fields once the header section is complete; if both are there, throw both-lengths before reading any body." }, (t) =>
        cases(t, [
          { label: "CL then TE (CL.TE smuggling)", text: post("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nX") + GET },
          { label: "TE then CL (TE.CL smuggling)", text: post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "8\r\nSMUGGLED\r\n0\r\n\r\n") + GET },
          { label: "TE in a response with CL", text: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", role: "response" },
        ]),
      );

      it("reads chunked only when it is the final coding, once", { points: 4, rule: RULES.transferEncoding, hint: "Join every Transfer-Encoding line with commas, split, trim, lowercase, drop empty elements: chunked must be the last one and appear once." }, (t) =>
        cases(t, [
          { label: "gzip, chunked", text: post("Transfer-Encoding: gzip, chunked\r\n", "3\r\nabc\r\n0\r\n\r\n") + GET },
          { label: "Chunked in capitals over two lines", text: post("Transfer-Encoding: gzip\r\nTRANSFER-ENCODING:  CHUNKED \r\n", "3\r\nabc\r\n0\r\n\r\n") + GET },
          { label: "chunked, with an empty element", text: post("Transfer-Encoding: ,chunked,\r\n", "0\r\n\r\n") + GET },
          { label: "chunked, gzip in a request", text: post("Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n") },
          { label: "gzip alone in a request", text: post("Transfer-Encoding: gzip\r\n", "abc") },
          { label: "chunked twice", text: post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n") },
          { label: "chunked on two lines", text: post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") },
          { label: "an empty Transfer-Encoding", text: post("Transfer-Encoding:\r\n", "") },
          { label: "chunked in HTTP/1.0", text: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
          { label: "gzip alone in a response: the body runs to the end", text: "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc\r\n0\r\n\r\n", role: "response", end: true },
          { label: "chunked, gzip in a response", text: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", role: "response", end: true },
        ]),
      );
    });

    describe("chunked bodies", () => {
      it("reads sizes in any case with leading zeros, extensions with BWS and quoted strings, and trailers", { points: 4, rule: RULES.chunked, hint: "The size is the hex digits at the start of the line; after them only extensions may follow: BWS ; BWS name [BWS = BWS token-or-quoted-string]." }, (t) =>
        cases(t, [
          { label: "A, 0a and 000", text: chunked("A\r\n0123456789\r\n0a\r\nabcdefghij\r\n000\r\n\r\n") },
          { label: "10, 1A and 1f: two hex digits", text: chunked(`10\r\n${"p".repeat(16)}\r\n1A\r\n${"q".repeat(26)}\r\n1f\r\n${"r".repeat(31)}\r\n0\r\n\r\n`) },
          { label: "extensions", text: chunked('3;a\r\nabc\r\n3 ; b = c ;d="x;\\"y"\r\ndef\r\n1\t;\te\t=\t"\\\t"\r\ng\r\n0;last=1\r\n\r\n') },
          { label: "trailers", text: chunked("3\r\nabc\r\n0\r\nExpires: never\r\nX-Sum:\t 1 \r\n\r\n") },
          { label: "data holding CRLF and 0", text: chunked("7\r\n\r\n0\r\n\r\n\r\n0\r\n\r\n") },
        ]),
      );

      it("refuses malformed chunk lines and data not followed by CRLF", { points: 4, rule: RULES.chunked, hint: "parseInt(\"0x3\", 16) is 3 and parseInt(\"3g\", 16) is 3: check the digits yourself. After the data, the next two octets must be CR and LF." }, (t) =>
        cases(t, [
          { label: "0x3", text: chunked("0x3\r\nabc\r\n0\r\n\r\n") },
          { label: "3g", text: chunked("3g\r\nabc\r\n0\r\n\r\n") },
          { label: "a space after the size", text: chunked("3 \r\nabc\r\n0\r\n\r\n") },
          { label: "-3", text: chunked("-3\r\nabc\r\n0\r\n\r\n") },
          { label: "an empty size line", text: chunked("\r\nabc\r\n0\r\n\r\n") },
          { label: "a lone ;", text: chunked("3;\r\nabc\r\n0\r\n\r\n") },
          { label: "an extension value with a space", text: chunked("3;a=b c\r\nabc\r\n0\r\n\r\n") },
          { label: "an unclosed quoted string", text: chunked('3;a="b\r\nabc\r\n0\r\n\r\n') },
          { label: "one octet too many", text: chunked("3\r\nabcd\r\n0\r\n\r\n") },
          { label: "data then LF only", text: chunked("3\r\nabc\n0\r\n\r\n") },
          { label: "data then CR and no LF", text: chunked("3\r\nabc\r0\r\n\r\n") },
          { label: "one octet too many, then LF", text: chunked("3\r\nabcd\n0\r\n\r\n") },
          { label: "a bare LF after the size", text: chunked("3\nabc\r\n0\r\n\r\n") },
          { label: "a trailer with a space before the colon", text: chunked("0\r\nX : 1\r\n\r\n") },
        ]),
      );
    });

    describe("responses", () => {
      it("ends HEAD, 1xx, 204 and 304 responses at their empty line, and 1xx answers no request", { points: 4, rule: RULES.bodyless, hint: "Keep the methods in a queue; a final (non-1xx) response takes one off. A HEAD, 1xx, 204 or 304 response has no body, whatever its fields." }, (t) =>
        cases(t, [
          { label: "100 then a HEAD response", text: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", role: "response", methods: ["HEAD", "GET"] },
          { label: "103 with Content-Length, then a GET response", text: "HTTP/1.1 103 Early Hints\r\nContent-Length: 4\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody", role: "response", methods: ["GET"] },
          { label: "204 with Transfer-Encoding, 304 with Content-Length", text: "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", role: "response" },
          { label: "a HEAD response with both lengths (ignored)", text: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", role: "response", methods: ["HEAD"] },
          { label: "199 with Content-Length, then responses to GET and HEAD", text: "HTTP/1.1 199 Misc\r\nContent-Length: 4\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", role: "response", methods: ["GET", "HEAD"] },
          { label: "a 205 response with Content-Length", text: "HTTP/1.1 205 Reset Content\r\nContent-Length: 2\r\n\r\nxy", role: "response" },
          { label: "GET after HEAD is not HEAD", text: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab", role: "response", methods: ["GET", "HEAD"] },
        ]),
      );

      it("reads a response without a length to the end of the stream", { points: 3, rule: RULES.noLength, hint: "No Content-Length, no chunked: every octet until end() is body, and end() returns the message." }, (t) =>
        cases(t, [
          { label: "after a response with a length", text: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.0 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n\r\n", role: "response", end: true },
          { label: "an empty body", text: "HTTP/1.1 404 Gone\r\n\r\n", role: "response", end: true },
          { label: "not ended yet", text: "HTTP/1.1 200 OK\r\n\r\nabc", role: "response" },
        ]),
      );
    });

    describe("the end of the stream", () => {
      it("throws incomplete inside a message and returns nothing between messages", { points: 3, rule: RULES.incomplete, hint: "end() with buffered octets or a message begun throws new HttpError(\"incomplete\", ...); after empty lines or nothing it returns []." }, (t) =>
        cases(t, [
          { label: "nothing", text: "", end: true },
          { label: "two messages then empty lines", text: `${GET}${GET}\r\n\r\n`, end: true },
          { label: "half a request line", text: "GET / HT", end: true },
          { label: "a lone CR", text: `${GET}\r`, end: true },
          { label: "inside the fields", text: `GET / HTTP/1.1\r\n${H}`, end: true },
          { label: "inside a body", text: post("Content-Length: 5\r\n", "abcd"), end: true },
          { label: "after the last chunk, before the trailers end", text: post("Transfer-Encoding: chunked\r\n", "0\r\n"), end: true },
          { label: "chunk data then one octet", text: post("Transfer-Encoding: chunked\r\n", "3\r\nabc\r"), end: true },
          { label: "a response with Content-Length", text: "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab", role: "response", end: true },
        ]),
      );

      it("keeps throwing the same error after one, leaves the caller's octets alone and never rewrites a returned body", { points: 3, rule: `${RULES.incremental}. ${RULES.copies}`, hint: "Keep the error and throw it again on every later call; copy octets out of the pushed array; give each message a body of its own." }, (t) =>
        cases(t, [
          { label: "views at offset 3", text: post("Content-Length: 3\r\n", "abc") + chunked("2\r\nde\r\n0\r\n\r\n"), offset: 3 },
          { label: "views at offset 1, cut inside bodies", text: post("Content-Length: 5\r\n", "abcde") + post("Content-Length: 5\r\n", "fghij"), offset: 1, cuts: [0, 40, 42, 44, 80, 82] },
          { label: "an error then a valid request", text: `${GET}GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n` },
          { label: "a limit then a valid request", text: `${GET}GET /${"a".repeat(40)} HTTP/1.1\r\n`, limits: { maxLineLength: 32 } },
          { label: "empty pushes", text: post("Content-Length: 3\r\n", "abc") + GET, cuts: [0, 0, 10, 10, 10, 40, 40, 41, 50] },
        ]),
      );
    });

    describe("limits", () => {
      it("takes a line of exactly maxLineLength octets and refuses one more, before its LF arrives", { points: 4, rule: RULES.limits, hint: "Count octets before CRLF. While no LF has come, the buffered line (less a final CR, which may be the start of CRLF) must not pass the limit." }, (t) => {
        const at = (n: number) => `GET /${"a".repeat(n - 14)} HTTP/1.1\r\n`;
        return cases(t, [
          { label: "a request line of 40", text: `${at(40)}${H}\r\n`, limits: { maxLineLength: 40 } },
          { label: "a request line of 41", text: `${at(41)}${H}\r\n`, limits: { maxLineLength: 40 } },
          { label: "41 octets and no LF yet", text: at(41).slice(0, 41), limits: { maxLineLength: 40 } },
          { label: "40 octets and a CR", text: at(40).slice(0, 41), limits: { maxLineLength: 40 } },
          { label: "40 octets, a CR and one more", text: `${at(40).slice(0, 41)}x`, limits: { maxLineLength: 40 } },
          { label: "41 octets and a CR", text: at(41).slice(0, 42), limits: { maxLineLength: 40 } },
          { label: "a field line of 20 and one of 21", text: `GET / HTTP/1.1\r\nHost: hhhhhhhhhhhhhh\r\nX: yyyyyyyyyyyyyyyyyy\r\n\r\n`, limits: { maxLineLength: 20 } },
          { label: "a chunk line of 21", text: chunked(`3;a=${"b".repeat(16)}\r\nabc\r\n0\r\n\r\n`), limits: { maxLineLength: 20 } },
          { label: "a status line of 21", text: "HTTP/1.1 200 OKOKOKOK\r\n\r\n", role: "response", limits: { maxLineLength: 20 }, end: true },
          { label: "a bare LF at 41: too long first", text: `${at(41).slice(0, 41)}\n`, limits: { maxLineLength: 40 } },
        ]);
      });

      it("takes maxFields field lines and refuses one more, in the header and the trailer sections", { points: 3, rule: RULES.limits, hint: "Count field lines per section; throw too-many-fields when one more than maxFields has been read." }, (t) =>
        cases(t, [
          { label: "3 fields", text: `GET / HTTP/1.1\r\n${H}A: 1\r\nB: 2\r\n\r\n`, limits: { maxFields: 3 } },
          { label: "4 fields", text: `GET / HTTP/1.1\r\n${H}A: 1\r\nB: 2\r\nC: 3\r\n\r\n`, limits: { maxFields: 3 } },
          { label: "3 fields and 3 trailers", text: chunked("0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), limits: { maxFields: 3 } },
          { label: "4 trailers", text: chunked("0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"), limits: { maxFields: 3 } },
        ]),
      );

      it("takes a body of maxBodySize octets and refuses one more, from Content-Length, chunk sizes or the stream", { points: 4, rule: RULES.limits, hint: "Compare Content-Length with the limit when the header section ends, and the running total of chunk sizes when each size line arrives, before any data." }, (t) =>
        cases(t, [
          { label: "Content-Length 10", text: post("Content-Length: 10\r\n", "0123456789") + GET, limits: { maxBodySize: 10 } },
          { label: "Content-Length 11", text: post("Content-Length: 11\r\n"), limits: { maxBodySize: 10 } },
          { label: "Content-Length of 30 digits", text: post("Content-Length: 999999999999999999999999999999\r\n"), limits: { maxBodySize: 10 } },
          { label: "chunks of 6 and 4", text: chunked("6\r\n012345\r\n4\r\n6789\r\n0\r\n\r\n"), limits: { maxBodySize: 10 } },
          { label: "chunks of 6 and 5", text: chunked("6\r\n012345\r\n5\r\n"), limits: { maxBodySize: 10 } },
          { label: "a chunk of 20 hex digits", text: chunked("ffffffffffffffffffff\r\n"), limits: { maxBodySize: 10 } },
          { label: "a chunk of 00000000000000000001", text: chunked("00000000000000000001\r\na\r\n0\r\n\r\n"), limits: { maxBodySize: 10 } },
          { label: "read to the end: 10", text: "HTTP/1.1 200 OK\r\n\r\n0123456789", role: "response", limits: { maxBodySize: 10 }, end: true },
          { label: "read to the end: 11", text: "HTTP/1.1 200 OK\r\n\r\n0123456789a", role: "response", limits: { maxBodySize: 10 }, end: true },
        ]),
      );

      it("uses DEFAULT_LIMITS for the limits not given: 8192, 100, 1 MiB", { points: 3, rule: RULES.limits, hint: "Start from DEFAULT_LIMITS and override only the limits passed in ({ ...DEFAULT_LIMITS, ...limits })." }, (t) => {
        const line = (n: number) => `GET /${"a".repeat(n - 14)} HTTP/1.1\r\n${H}\r\n`;
        const fields = (n: number) => `GET / HTTP/1.1\r\n${H}${Array.from({ length: n - 1 }, (_, i) => `F${i}: ${i}\r\n`).join("")}\r\n`;
        return cases(
          t,
          [
            { label: "a request line of 8192", text: line(8192) },
            { label: "a request line of 8193", text: line(8193) },
            { label: "100 fields", text: fields(100) },
            { label: "101 fields", text: fields(101) },
            { label: "101 fields with maxLineLength given", text: fields(101), limits: { maxLineLength: 100 } },
            { label: "Content-Length 1048576 (the body not sent yet)", text: post("Content-Length: 1048576\r\n") },
            { label: "Content-Length 1048577", text: post("Content-Length: 1048577\r\n") },
            { label: "Content-Length 1048577 with maxFields given", text: post("Content-Length: 1048577\r\n"), limits: { maxFields: 5 } },
          ],
          { split: false },
        );
      });
    });

    describe("Node's llhttp", () => {
      it("agrees with Node's parser (llhttp) where RFC 9112 does, and holds the RFC's line where llhttp is lenient", { points: 4, rule: `${RULES.incremental}. Recorded verdicts of llhttp (Node's node:http, strict mode) in corpus/llhttp.json`, hint: "The failing stream says which rule it is about; where llhttp takes a message the RFC refuses (a double space, HTTP/2.0, Transfer-Encoding in HTTP/1.0, a status line without its second space), follow the RFC." }, (t) =>
        cases(
          t,
          LLHTTP.cases.map((c) => ({ label: `${c.name} (llhttp: ${c.llhttp.error ?? `${c.llhttp.messages} message(s)`}${c.differs ? `; the RFC differs: ${c.differs}` : ""})`, text: c.text, role: c.role, ...(c.method === undefined ? {} : { methods: [c.method] }), end: c.role === "response" })),
        ),
      );
    });

    describe("random streams", () => {
      for (const role of ["request", "response"] as const) {
        it(`reads random pipelined ${role}s under random cuts`, { points: 4, rule: `${RULES.pipelining}. ${RULES.incremental}`, hint: "The smallest failing stream and its cuts are printed: push them into your parser locally." }, (t) => {
          const make = (i: { list: Parts; cuts: number[] }) => streamOf(role, i.list, i.cuts);
          return batchedProperty(
            t,
            { arbitrary: streamArbitrary(role).chain((list) => fc.record({ list: fc.constant(list), cuts: cutsArbitrary(list.map((m) => m.text).join("").length) })), runs: 60, salt: role === "request" ? 1 : 2, show: (i) => showStream(make(i)) },
            (inputs) => checkStreams(t, inputs.map(make), "the stream"),
            async (i) => (await checkStreams(t, [make(i)], "the stream"))[0]!(),
          );
        });
      }

      it("refuses what the tests' reader refuses when a random octet is broken", { points: 6, rule: `${RULES.fields}. ${RULES.chunked}. ${RULES.lines}`, hint: "The smallest stream that your parser reads differently is printed, with the octets inserted; the message says what was expected." }, (t) =>
        batchedProperty(
          t,
          {
            arbitrary: fc.record({ role: fc.constantFrom("request" as const, "response" as const) }).chain(({ role }) =>
              fc.record({ role: fc.constant(role), list: streamArbitrary(role), at: fc.nat(), insert: poison, cut: fc.nat() }),
            ),
            runs: 150,
            salt: 3,
            show: (i) => showStream(brokenOf(i)),
          },
          (inputs) => checkStreams(t, inputs.map(brokenOf), "the broken stream"),
          async (i) => (await checkStreams(t, [brokenOf(i)], "the broken stream"))[0]!(),
        ),
      );
    });

    describe("serialize", () => {
      it("writes the exact octets of messages framed by Content-Length or with no body", { points: 3, rule: RULES.serialize, hint: 'Start line CRLF, "name: value" CRLF per field in order, CRLF, body.' }, async (t) => {
        const list = [
          request("GET", "/", [["Host", "h"]]),
          request("PUT", "/x?y", [["Host", "h"], ["X-Empty", ""], ["Content-Length", "4"], ["Note", "a \tb"]], "a\r\nb"),
          request("GET", "/", [], "", [], "HTTP/1.0"),
          response(200, "", [["Content-Length", "2"]], "ok"),
          response(304, "Not Modified", [["ETag", '"x"'], ["Content-Length", "99"]]),
          response(100, "Continue", []),
          response(500, "Caf\xe9", [["X", "\xff"], ["Content-Length", "0"]]),
          response(599, "Edge", [["Content-Length", "0"]]),
        ];
        const results = await serializeAll(t, list);
        results.forEach((r, i) => {
          if (r.error !== undefined) fail(`message ${i + 1}: serialize() threw ${r.error}; it can be written.`);
          const want = toHex(bytes(write(list[i]!, { headOnly: list[i]!.status === 304 || list[i]!.status === 100 })));
          if (r.hex !== want) fail(`message ${i + 1}: serialize() wrote ${JSON.stringify(latin1Hex(r.hex!))}, expected ${JSON.stringify(latin1Hex(want))}.`);
          if (r.later !== undefined) fail(`message ${i + 1}: the octets serialize() returned changed after later calls.`);
        });
      });

      it("refuses messages that would not parse back the same", { points: 4, rule: `${RULES.serialize}. ${RULES.fields}. ${RULES.smuggling}`, hint: "Check what a parser checks: tokens, field values, Host, the framing fields against the body, no body on 1xx/204/304, trailers only with chunked." }, async (t) => {
        const bad: [string, MessageView][] = [
          ["a field name with a space", request("GET", "/", [["Host", "h"], ["X A", "1"]])],
          ["a value with CRLF (header injection)", request("GET", "/", [["Host", "h"], ["X", "1\r\nEvil: 1"]])],
          ["a value with a leading space", request("GET", "/", [["Host", "h"], ["X", " 1"]])],
          ["a value with NUL", request("GET", "/", [["Host", "h"], ["X", "\x00"]])],
          ["Content-Length 3 for 4 octets", request("POST", "/", [["Host", "h"], ["Content-Length", "3"]], "abcd")],
          ["a body and no length", request("POST", "/", [["Host", "h"]], "abcd")],
          ["a body on 204", response(204, "No Content", [], "x")],
          ["trailers without chunked", request("POST", "/", [["Host", "h"], ["Content-Length", "0"]], "", [["T", "1"]])],
          ["no Host", request("GET", "/", [])],
          ["both lengths", request("POST", "/", [["Host", "h"], ["Content-Length", "2"], ["Transfer-Encoding", "chunked"]], "ab")],
          ["chunked, gzip in a request", request("POST", "/", [["Host", "h"], ["Transfer-Encoding", "chunked, gzip"]], "ab")],
          ["status 99", response(99, "X", [["Content-Length", "0"]])],
          ["status 600", response(600, "X", [["Content-Length", "0"]])],
          ["status 200.5", response(200.5, "X", [["Content-Length", "0"]])],
          ["a method with a space", request("G T", "/", [["Host", "h"]])],
          ["an empty target", request("GET", "", [["Host", "h"]])],
          ["HTTP/2.0", request("GET", "/", [["Host", "h"]], "", [], "HTTP/2.0")],
          ["a reason with LF", response(200, "O\nK", [["Content-Length", "0"]])],
          ["a character above U+00FF", request("GET", "/", [["Host", "h"], ["X", "\u20ac"]])],
          ["U+0100, one past Latin-1", request("GET", "/", [["Host", "h"], ["X", "a\u0100"]])],
          ["Content-Length +2", request("POST", "/", [["Host", "h"], ["Content-Length", "+2"]], "ab")],
        ];
        const results = await serializeAll(t, bad.map(([, m]) => m));
        results.forEach((r, i) => {
          if (r.error === undefined) fail(`${bad[i]![0]}: serialize() wrote ${JSON.stringify(latin1Hex(r.hex!))}; it must throw, since a parser would refuse it or read it differently.`);
        });
      });

      for (const role of ["request", "response"] as const) {
        it(`writes random ${role}s that parse back the same under every cut`, { points: 4, rule: `${RULES.serialize}. ${RULES.chunked}`, hint: "Any chunk sizes are fine; a parser must read back exactly the message you were given (fields, body, trailers)." }, (t) => {
          const arbitrary = fc.array(messageArbitrary(role).filter((m) => m.method !== "HEAD"), { minLength: 1, maxLength: 3 }).chain((list) => fc.record({ list: fc.constant(list.map((m) => m.message)), seed: fc.nat() }));
          const roundTrip = async (inputs: readonly { list: MessageView[]; seed: number }[]) => {
            const flat = inputs.flatMap((i) => i.list.map((message, k) => ({ message, seed: i.seed + k })));
            const results = await serializeAll(t, flat.map((f) => f.message));
            const written = results.map((r) => (r.error === undefined ? fromHex(r.hex!) : new Uint8Array(0)));
            const streams: Stream[] = written.map((octets, i) => ({ role, bytes: octets, methods: ["GET"], end: true, cuts: seededCuts(octets.length, flat[i]!.seed) }));
            const outcomes = await parseAll(t, streams);
            return flat.map(({ message }, i) => () => {
              const r = results[i]!;
              if (r.error !== undefined) fail(`serialize() threw ${r.error}, but this message can be written: ${JSON.stringify(message)}.`);
              const octets = written[i]!;
              const expected = expectationFor(octets, { role, methods: ["GET"], end: true });
              if (expected.error !== undefined || expected.messages.length !== 1 || JSON.stringify(expected.messages[0]!.message) !== JSON.stringify(message)) {
                fail(`serialize() wrote ${JSON.stringify(latin1Hex(toHex(octets)))}, which reads back as ${expected.error ?? JSON.stringify(expected.messages.map((m) => m.message))}, not as the message given: ${JSON.stringify(message)}.`);
              }
              // The learner's own parser reads it back under seeded cuts.
              checkOutcome(t, "the message as written", streams[i]!, outcomes[i]!, expectationFor(octets, streams[i]!));
            });
          };
          return batchedProperty(
            t,
            { arbitrary, runs: 40, salt: role === "request" ? 4 : 5 },
            async (inputs) => {
              const checks = await roundTrip(inputs);
              return [() => checks.forEach((check) => check())];
            },
            async (input) => (await roundTrip([input])).forEach((check) => check()),
          );
        });
      }
    });
  });
}

type Parts = readonly { text: string; method?: string; message: MessageView }[];

/** Runs `streams` in one sandbox call; one check per stream against the oracle. */
async function checkStreams(t: TestContext, streams: readonly Stream[], label: string): Promise<(() => void)[]> {
  const outcomes = await parseAll(t, streams);
  return streams.map((stream, i) => () => checkOutcome(t, label, stream, outcomes[i]!, expectationFor(stream.bytes, stream)));
}

function latin1Hex(hex: string): string {
  return String.fromCharCode(...fromHex(hex));
}

async function serializeAll(t: TestContext, messages: readonly MessageView[]): Promise<Serialized[]> {
  t.step(`serialize() each of ${messages.length} message(s)`);
  return t.run<Serialized[]>("serialize", { messages, offset: 2 });
}

function streamOf(role: "request" | "response", list: readonly { text: string; method?: string; message: MessageView }[], cuts: readonly number[]): Stream {
  return { role, bytes: bytes(list.map((m) => m.text).join("")), cuts, end: true, methods: list.filter((m) => m.message.status === null || m.message.status >= 200).map((m) => m.method ?? "GET") };
}

function brokenOf(input: { role: "request" | "response"; list: readonly { text: string; method?: string; message: MessageView }[]; at: number; insert: string; cut: number }): Stream {
  const text = input.list.map((m) => m.text).join("");
  const at = input.at % (text.length + 1);
  const broken = bytes(text.slice(0, at) + input.insert + text.slice(at));
  const base = streamOf(input.role, input.list, [0]);
  return { ...base, bytes: broken, cuts: [0, input.cut % (broken.length + 1)], afterError: bytes("x") };
}

/** Up to 6 cut points drawn from `seed` (xorshift32). */
function seededCuts(length: number, seed: number): number[] {
  const next = xorshift32(seed ^ 0x5bd1e995);
  return [0, ...Array.from({ length: 6 }, () => next() % (length + 1)).sort((a, b) => a - b)];
}
