/**
 * Hand-written mutants of the http1 lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a
 * hidden test (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

const CL_DIGITS = "if (!values.every((v) => /^\\d+$/.test(v)))";
const CODINGS = 'const codings = te.join(",").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "");';
const CHUNKED_FINAL = 'if (chunked >= 0 && chunked === codings.length - 1) return "chunked";';

export default defineMutants({
  "content-length-number": {
    bug: "Converts Content-Length with Number() and only refuses NaN: +3, 3e0, 0x3 and 3.0 pass as lengths, and an empty value as 0.",
    edits: [[CL_DIGITS, "if (!values.every((v) => !Number.isNaN(Number(v))))"]],
  },
  "content-length-parseint": {
    bug: "Reads Content-Length with parseInt(v, 10), which stops at the first non-digit: 3abc is 3.",
    edits: [[CL_DIGITS, "if (!values.every((v) => !Number.isNaN(parseInt(v, 10))))"], ["const length = Number(values[0]);", "const length = parseInt(values[0]!, 10);"], ["values.some((v) => Number(v) !== length)", "values.some((v) => parseInt(v, 10) !== length)"]],
  },
  "content-length-first-wins": {
    bug: "Takes the first Content-Length and ignores the others, so 3 and 4 together frame the body by 3: the smuggler's second length is never seen.",
    edits: [['    if (values.some((v) => Number(v) !== length)) fail("bad-content-length", `conflicting Content-Length values: ${cl.join(", ")}`);\n', ""]],
  },
  "transfer-encoding-wins": {
    bug: "Lets Transfer-Encoding override Content-Length silently (RFC 9112 §6.3 allows reading it so, but then the connection must close): the lab pins the error that stops CL.TE and TE.CL smuggling.",
    edits: [['    if (cl.length > 0) fail("both-lengths", "Transfer-Encoding and Content-Length together");\n', ""]],
  },
  "chunked-case-sensitive": {
    bug: "Compares transfer codings case-sensitively: Chunked is not chunked (coding names are case-insensitive, RFC 9112 §7).",
    edits: [[CODINGS, 'const codings = te.join(",").split(",").map((c) => c.trim()).filter((c) => c !== "");']],
  },
  "first-transfer-encoding-line-only": {
    bug: "Reads only the first Transfer-Encoding field line, so gzip on one line and chunked on the next is not chunked.",
    edits: [[CODINGS, 'const codings = te[0]!.split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "");']],
  },
  "chunked-anywhere": {
    bug: "Treats the body as chunked when chunked appears anywhere in Transfer-Encoding, so chunked, gzip is accepted in a request.",
    edits: [[CHUNKED_FINAL, 'if (chunked >= 0) return "chunked";']],
  },
  "transfer-encoding-in-http10": {
    bug: "Accepts Transfer-Encoding in an HTTP/1.0 message (RFC 9112 §6.1: faulty framing).",
    edits: [['    if (version === "HTTP/1.0") fail("bad-transfer-encoding", "HTTP/1.0 messages cannot carry Transfer-Encoding");\n', ""]],
  },
  "chunk-size-parseint": {
    bug: "Reads the chunk size with parseInt(line, 16) and no check: 0x3, 3g and a trailing space pass.",
    edits: [["const match = CHUNK_LINE.exec(line);", "const match = /^(.*)$/.exec(line.split(\";\")[0]!);"], ["const size = parseInt(match[1]!, 16);", "const size = parseInt(match[1]!, 16) || 0;"]],
  },
  "chunk-extensions-refused": {
    bug: "Expects the chunk-size line to be hex digits only, refusing every chunk extension.",
    edits: [["const CHUNK_LINE = new RegExp(`^([0-9A-Fa-f]+)(?:${EXT})*$`);", "const CHUNK_LINE = new RegExp(`^([0-9A-Fa-f]+)$`);"]],
  },
  "chunk-crlf-unchecked": {
    bug: "Skips the two octets after chunk data without checking they are CR LF, so a chunk one octet longer than its size goes unnoticed.",
    edits: [["if (crlf[0] !== 0x0d || crlf[1] !== 0x0a) fail", "if (crlf.length !== 2) fail"]],
  },
  "trailers-dropped": {
    bug: "Reads the trailer section but throws the trailer fields away.",
    edits: [["const list = this.state === \"fields\" ? draft.fields : draft.trailers;", "const list = this.state === \"fields\" ? draft.fields : [...draft.trailers];"]],
  },
  "head-response-has-body": {
    bug: "Ignores the request method, so a response to HEAD waits for the Content-Length octets that never come.",
    edits: [['(this.methods[0] === "HEAD" || isBodyless(status))', "isBodyless(status)"]],
  },
  "interim-response-consumes-method": {
    bug: "Takes a request method off the queue for every response, 1xx included, so after 100 Continue the HEAD response is read as a GET's.",
    edits: [["if (!this.request && d.status! >= 200) this.methods.shift();", "if (!this.request) this.methods.shift();"]],
  },
  "not-modified-has-body": {
    bug: "Forgets 304 Not Modified among the bodyless responses, so its Content-Length (the representation's) swallows the next response.",
    edits: [["return status < 200 || status === 204 || status === 304;", "return status < 200 || status === 204;"]],
  },
  "response-without-length-empty": {
    bug: "Gives a response with neither Content-Length nor Transfer-Encoding an empty body, as if it were a request, instead of reading to the end of the stream.",
    edits: [['  return request ? 0 : "close";', "  return 0;"]],
  },
  "host-unchecked": {
    bug: "Never checks Host: HTTP/1.1 requests without one, or with two, pass.",
    edits: [['  if (request && (hosts > 1 || (hosts === 0 && version !== "HTTP/1.0"))) fail', "  if (request && hosts > 99) fail"]],
  },
  "field-names-case-sensitive": {
    bug: "Looks fields up by exact name, so content-length or HOST are not seen.",
    edits: [["return fields.filter(([n]) => n.toLowerCase() === name)", "return fields.filter(([n]) => n === name || n === name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()))"]],
  },
  "ows-spaces-only": {
    bug: "Trims spaces around field values but not tabs (OWS is SP or HTAB, RFC 9110 §5.6.3).",
    edits: [['.replace(/^[\\t ]+|[\\t ]+$/g, "")', '.replace(/^ +| +$/g, "")']],
  },
  "name-trimmed": {
    bug: "Trims the field name, accepting whitespace before the colon (RFC 9112 §5.1: a server MUST reject it).",
    edits: [["const name = line.slice(0, colon);", "const name = line.slice(0, colon).trim();"]],
  },
  "field-value-unchecked": {
    bug: "Takes any octet in a field value: NUL, control characters and DEL pass.",
    edits: [['if (!FIELD_VALUE.test(value)) fail("bad-field", `invalid octet in the value of ${name}`);', ""]],
  },
  "bare-lf-accepted": {
    bug: "Takes LF alone as a line end (a MAY of RFC 9112 §2.2 the lab does not take: it pins CRLF).",
    edits: [["if (!crlf || content.includes(0x0d)) fail", "if (content.includes(0x0d)) fail"]],
  },
  "line-limit-at-lf": {
    bug: "Checks a line's length only once its LF arrives, so a peer that never sends LF fills the memory.",
    edits: [['      if (pending > max) fail("line-too-long", `a line longer than ${max} octets`);\n', ""]],
  },
  "line-limit-off-by-one": {
    bug: "Refuses a line of exactly maxLineLength octets (>= instead of >).",
    edits: [["if (content.length > max) fail", "if (content.length >= max) fail"], ["if (pending > max) fail", "if (pending >= max) fail"]],
  },
  "line-limit-counts-cr": {
    bug: "Counts a CR that is still waiting for its LF as part of the line, so a line of exactly the limit fails when CR and LF arrive apart.",
    edits: [["const pending = this.buffer.length - (this.buffer[this.buffer.length - 1] === 0x0d ? 1 : 0);", "const pending = this.buffer.length;"]],
  },
  "field-limit-off-by-one": {
    bug: "Refuses a section of exactly maxFields field lines.",
    edits: [["if (list.length > this.limits.maxFields) fail", "if (list.length >= this.limits.maxFields) fail"]],
  },
  "chunk-limit-per-chunk": {
    bug: "Checks each chunk size against maxBodySize on its own instead of the running total, so many small chunks make a body of any size.",
    edits: [["        this.grow(size);\n", "        if (size > this.limits.maxBodySize) fail(\"body-too-large\", \"chunk too large\");\n"]],
  },
  "status-reason-space-optional": {
    bug: "Accepts a status line without the space after the code (llhttp does; RFC 9112 §4 does not).",
    edits: [["const STATUS_LINE = /^([^ ]*) ([^ ]*) ([\\t \\x21-\\x7e\\x80-\\xff]*)$/;", "const STATUS_LINE = /^([^ ]*) ([^ ]*) ?([\\t \\x21-\\x7e\\x80-\\xff]*)$/;"]],
  },
  "status-any-three-digits": {
    bug: "Accepts any three digits as a status code (llhttp does): 099 and 600 are outside RFC 9110's 100-599.",
    edits: [["!/^[1-5]\\d\\d$/.test(b)", "!/^\\d\\d\\d$/.test(b)"]],
  },
  "request-line-any-whitespace": {
    bug: "Splits the request line on runs of whitespace, accepting double spaces and tabs (llhttp's leniency; the lab pins single SP).",
    edits: [["const REQUEST_LINE = /^([^ ]*) ([^ ]*) ([^ ]*)$/;", "const REQUEST_LINE = /^([^\\s]*)\\s+([^\\s]*)\\s+([^\\s]*)$/;"]],
  },
  "any-major-version": {
    bug: "Accepts HTTP/2.0 as if it were HTTP/1.1 (llhttp passes it on); only major version 1 is HTTP/1.x.",
    edits: [['    if (v[1] !== "1") fail("bad-version", `HTTP major version ${v[1]} (only 1 is spoken here)`);\n', ""]],
  },
  "error-not-sticky": {
    bug: "Forgets an error once thrown: the next push carries on from a half-read message.",
    edits: [["      if (error instanceof HttpError) this.error = error;\n", ""]],
  },
  "incomplete-ignored": {
    bug: "end() returns nothing when the stream stops inside a message, so a truncated request passes as if it never began.",
    edits: [["    if (this.state !== \"start\" || this.buffer.length > 0) {", "    if (this.state !== \"start\") {"]],
  },
  "empty-lines-refused": {
    bug: "Refuses the empty lines a client may send before a request line (RFC 9112 §2.2: a server SHOULD ignore them).",
    edits: [["        if (line !== \"\") this.startLine(line);", "        this.startLine(line);"]],
  },
  "serialize-unchecked-values": {
    bug: "serialize() writes field values as given: a value holding CRLF injects a header (response splitting, RFC 9112 §11.1).",
    edits: [["if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) fail(\"bad-field\", `cannot write the field", "if (!TOKEN.test(name)) fail(\"bad-field\", `cannot write the field"]],
  },
  "serialize-length-unchecked": {
    bug: "serialize() writes the body whatever Content-Length says, so the reader cuts it short or waits for more.",
    edits: [["  if (typeof frame === \"number\" && frame !== body.length) fail", "  if (typeof frame === \"number\" && frame < 0) fail"]],
  },
  "serialize-decimal-chunk-size": {
    bug: "serialize() writes the chunk size in decimal: a 16-octet chunk is announced as 16 = 22 octets.",
    edits: [["octets(`${body.length.toString(16)}\\r\\n`)", "octets(`${body.length}\\r\\n`)"]],
  },
});
