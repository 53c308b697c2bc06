/**
 * The reference HTTP/1.1 parser and serializer (RFC 9112): a buffer of the
 * octets not yet consumed and a state per part of the message. Lines are
 * cut at LF and must end in CRLF; bodies are taken by length, by chunks, or
 * up to the end of the stream.
 */

export type Field = [name: string, value: string];

export interface Message {
  readonly method: string | null;
  readonly target: string | null;
  readonly status: number | null;
  readonly reason: string | null;
  readonly version: string;
  readonly fields: Field[];
  readonly body: Uint8Array;
  readonly trailers: Field[];
}

export interface Limits {
  readonly maxLineLength: number;
  readonly maxFields: number;
  readonly maxBodySize: number;
}

export const DEFAULT_LIMITS: Limits = { maxLineLength: 8192, maxFields: 100, maxBodySize: 1_048_576 };

export type ErrorKind =
  | "bad-line"
  | "bad-start-line"
  | "bad-version"
  | "bad-field"
  | "bad-host"
  | "bad-content-length"
  | "bad-transfer-encoding"
  | "both-lengths"
  | "bad-chunk"
  | "line-too-long"
  | "too-many-fields"
  | "body-too-large"
  | "incomplete";

export class HttpError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "HttpError";
    this.kind = kind;
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t \x21-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;
const REQUEST_LINE = /^([^ ]*) ([^ ]*) ([^ ]*)$/;
const STATUS_LINE = /^([^ ]*) ([^ ]*) ([\t \x21-\x7e\x80-\xff]*)$/;
const VERSION = /^HTTP\/(\d)\.(\d)$/;
const TARGET = /^[\x21-\x7e]+$/;
const EXT = `[\\t ]*;[\\t ]*[!#$%&'*+\\-.^_\`|~0-9A-Za-z]+(?:[\\t ]*=[\\t ]*(?:[!#$%&'*+\\-.^_\`|~0-9A-Za-z]+|"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"))?`;
const CHUNK_LINE = new RegExp(`^([0-9A-Fa-f]+)(?:${EXT})*$`);

type State = "start" | "fields" | "length" | "chunk-size" | "chunk-data" | "chunk-end" | "trailers" | "until-close";

interface Draft {
  method: string | null;
  target: string | null;
  status: number | null;
  reason: string | null;
  version: string;
  fields: Field[];
  trailers: Field[];
  parts: Uint8Array[];
  size: number;
}

/** How the body of a message ends: a length, chunks, or the end of the stream (RFC 9112 §6.3). */
type Framing = number | "chunked" | "close";

function fail(kind: ErrorKind, message: string): never {
  throw new HttpError(kind, message);
}

function text(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function octets(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) fail("bad-field", `character ${c} needs more than one octet`);
    out[i] = c;
  }
  return out;
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function named(fields: readonly Field[], name: string): string[] {
  return fields.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

/** A field line: name ":" OWS value OWS (RFC 9112 §5.1), no whitespace before the colon. */
function parseField(line: string): Field {
  const colon = line.indexOf(":");
  const name = line.slice(0, colon);
  if (colon < 0 || !TOKEN.test(name)) fail("bad-field", `not a field line (name must be a token right before ":"): ${JSON.stringify(line)}`);
  const value = line.slice(colon + 1).replace(/^[\t ]+|[\t ]+$/g, "");
  if (!FIELD_VALUE.test(value)) fail("bad-field", `invalid octet in the value of ${name}`);
  return [name, value];
}

/** Host (RFC 9112 §3.2), then the body's framing (RFC 9112 §6.1-6.3) of a header section. */
function framing(fields: readonly Field[], version: string, request: boolean, bodyless: boolean): Framing {
  const hosts = named(fields, "host").length;
  if (request && (hosts > 1 || (hosts === 0 && version !== "HTTP/1.0"))) fail("bad-host", `${hosts} Host fields; a request needs exactly one`);
  if (bodyless) return 0;
  const te = named(fields, "transfer-encoding");
  const cl = named(fields, "content-length");
  if (te.length > 0) {
    if (version === "HTTP/1.0") fail("bad-transfer-encoding", "HTTP/1.0 messages cannot carry Transfer-Encoding");
    if (cl.length > 0) fail("both-lengths", "Transfer-Encoding and Content-Length together");
    const codings = te.join(",").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "");
    const chunked = codings.indexOf("chunked");
    if (chunked >= 0 && chunked === codings.length - 1) return "chunked";
    if (chunked >= 0 || request) fail("bad-transfer-encoding", `chunked must be the final coding once: ${te.join(", ")}`);
    return "close";
  }
  if (cl.length > 0) {
    const values = cl.join(",").split(",").map((v) => v.trim());
    if (!values.every((v) => /^\d+$/.test(v))) fail("bad-content-length", `Content-Length ${cl.join(", ")} is not 1*DIGIT`);
    const length = Number(values[0]);
    if (values.some((v) => Number(v) !== length)) fail("bad-content-length", `conflicting Content-Length values: ${cl.join(", ")}`);
    return length;
  }
  return request ? 0 : "close";
}

export class Parser {
  private readonly request: boolean;
  private readonly limits: Limits;
  private readonly methods: string[] = [];
  private buffer = new Uint8Array(0);
  private searchedTo = 0;
  private state: State = "start";
  private draft: Draft | null = null;
  private remaining = 0;
  private error: HttpError | null = null;

  constructor(role: "request" | "response", limits: Partial<Limits> = {}) {
    this.request = role === "request";
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Response parsers: the method of the next request whose response will arrive (kept in order). */
  requestMethod(method: string): void {
    this.methods.push(method);
  }

  push(chunk: Uint8Array): Message[] {
    if (this.error !== null) throw this.error;
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const done: Message[] = [];
    try {
      this.run(done);
    } catch (error) {
      if (error instanceof HttpError) this.error = error;
      throw error;
    }
    return done;
  }

  end(): Message[] {
    if (this.error !== null) throw this.error;
    if (this.state === "until-close") return [this.finish()];
    if (this.state !== "start" || this.buffer.length > 0) {
      this.error = new HttpError("incomplete", `the stream ended inside a message (${this.state})`);
      throw this.error;
    }
    return [];
  }

  private take(n: number): Uint8Array {
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.subarray(n);
    this.searchedTo = 0;
    return out;
  }

  /** The next line without its CRLF, or null until its LF arrives (RFC 9112 §2.2). */
  private line(): string | null {
    const lf = this.buffer.indexOf(0x0a, this.searchedTo);
    const max = this.limits.maxLineLength;
    if (lf < 0) {
      this.searchedTo = this.buffer.length;
      const pending = this.buffer.length - (this.buffer[this.buffer.length - 1] === 0x0d ? 1 : 0);
      if (pending > max) fail("line-too-long", `a line longer than ${max} octets`);
      return null;
    }
    const bytes = this.take(lf + 1);
    const crlf = lf > 0 && bytes[lf - 1] === 0x0d;
    const content = bytes.subarray(0, crlf ? lf - 1 : lf);
    if (content.length > max) fail("line-too-long", `a line of ${content.length} octets, over the limit of ${max}`);
    if (!crlf || content.includes(0x0d)) fail("bad-line", "a line must end in CRLF, with no bare CR or LF in it");
    return text(content);
  }

  private run(done: Message[]): void {
    for (;;) {
      if (this.state === "start") {
        const line = this.line();
        if (line === null) return;
        if (line !== "") this.startLine(line);
      } else if (this.state === "fields" || this.state === "trailers") {
        const line = this.line();
        if (line === null) return;
        const draft = this.draft!;
        const list = this.state === "fields" ? draft.fields : draft.trailers;
        if (line === "") {
          if (this.state === "trailers") done.push(this.finish());
          else this.headersDone(done);
        } else {
          list.push(parseField(line));
          if (list.length > this.limits.maxFields) fail("too-many-fields", `more than ${this.limits.maxFields} field lines`);
        }
      } else if (this.state === "chunk-size") {
        const line = this.line();
        if (line === null) return;
        const match = CHUNK_LINE.exec(line);
        if (match === null) fail("bad-chunk", `not a chunk-size line: ${JSON.stringify(line)}`);
        const size = parseInt(match[1]!, 16);
        this.grow(size);
        this.remaining = size;
        this.state = size === 0 ? "trailers" : "chunk-data";
      } else if (this.state === "chunk-end") {
        if (this.buffer.length < 2) return;
        const crlf = this.take(2);
        if (crlf[0] !== 0x0d || crlf[1] !== 0x0a) fail("bad-chunk", "no CRLF after the chunk data");
        this.state = "chunk-size";
      } else {
        if (this.buffer.length === 0) return;
        const n = this.state === "until-close" ? this.buffer.length : Math.min(this.remaining, this.buffer.length);
        if (this.state === "until-close") this.grow(n);
        this.draft!.parts.push(this.take(n));
        this.remaining -= n;
        if (this.state === "until-close" || this.remaining > 0) continue;
        if (this.state === "length") done.push(this.finish());
        else this.state = "chunk-end";
      }
    }
  }

  private startLine(line: string): void {
    const match = (this.request ? REQUEST_LINE : STATUS_LINE).exec(line);
    if (match === null) fail("bad-start-line", `not a ${this.request ? "request" : "status"} line: ${JSON.stringify(line)}`);
    const [, a, b, c] = match as unknown as [string, string, string, string];
    const version = this.request ? c : a;
    const v = VERSION.exec(version);
    if (v === null) fail("bad-start-line", `not an HTTP-version: ${JSON.stringify(version)}`);
    if (v[1] !== "1") fail("bad-version", `HTTP major version ${v[1]} (only 1 is spoken here)`);
    if (this.request && !(TOKEN.test(a) && TARGET.test(b))) fail("bad-start-line", `bad method or target: ${JSON.stringify(line)}`);
    if (!this.request && !/^[1-5]\d\d$/.test(b)) fail("bad-start-line", `the status code ${JSON.stringify(b)} is outside 100-599`);
    this.draft = {
      method: this.request ? a : null,
      target: this.request ? b : null,
      status: this.request ? null : Number(b),
      reason: this.request ? null : c,
      version,
      fields: [],
      trailers: [],
      parts: [],
      size: 0,
    };
    this.state = "fields";
  }

  private headersDone(done: Message[]): void {
    const draft = this.draft!;
    const status = draft.status ?? 0;
    const bodyless = !this.request && (this.methods[0] === "HEAD" || isBodyless(status));
    const frame = framing(draft.fields, draft.version, this.request, bodyless);
    if (frame === "chunked") this.state = "chunk-size";
    else if (frame === "close") this.state = "until-close";
    else {
      this.grow(frame);
      this.remaining = frame;
      this.state = "length";
      if (frame === 0) done.push(this.finish());
    }
  }

  /** Counts `n` more body octets against the limit. */
  private grow(n: number): void {
    const draft = this.draft!;
    draft.size += n;
    if (draft.size > this.limits.maxBodySize) fail("body-too-large", `the body passes ${this.limits.maxBodySize} octets`);
  }

  private finish(): Message {
    const d = this.draft!;
    if (!this.request && d.status! >= 200) this.methods.shift();
    const body = d.parts.length === 1 ? d.parts[0]! : concat(d.parts, d.parts.reduce((n, p) => n + p.length, 0));
    this.draft = null;
    this.state = "start";
    return { method: d.method, target: d.target, status: d.status, reason: d.reason, version: d.version, fields: d.fields, body, trailers: d.trailers };
  }
}

/** The octets of `message` (RFC 9112 §2.1): start line, field lines, CRLF, body framed as its fields say. */
export function serialize(message: Message): Uint8Array {
  const { method, target, status, reason, version, fields, body, trailers } = message;
  const request = method !== null;
  if (!VERSION.test(version) || version[5] !== "1") fail("bad-start-line", `cannot write version ${version}`);
  let start: string;
  if (request) {
    if (!TOKEN.test(method) || target === null || !TARGET.test(target)) fail("bad-start-line", "bad method or target");
    start = `${method} ${target} ${version}`;
  } else {
    if (status === null || !Number.isInteger(status) || status < 100 || status > 599 || !/^[\t \x21-\x7e\x80-\xff]*$/.test(reason ?? "")) fail("bad-start-line", "bad status line");
    start = `${version} ${status} ${reason ?? ""}`;
  }
  for (const [name, value] of [...fields, ...trailers]) {
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) fail("bad-field", `cannot write the field ${JSON.stringify(name)}`);
  }
  const frame = framing(fields, version, request, !request && isBodyless(status!));
  if (trailers.length > 0 && frame !== "chunked") fail("bad-field", "trailers need chunked");
  if (typeof frame === "number" && frame !== body.length) fail("bad-content-length", `the body has ${body.length} octets where the fields frame ${frame}`);
  const head = octets(`${start}\r\n${fields.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`);
  if (frame !== "chunked") return concat([head, body], head.length + body.length);
  const size = body.length > 0 ? octets(`${body.length.toString(16)}\r\n`) : new Uint8Array(0);
  const after = octets(`${body.length > 0 ? "\r\n" : ""}0\r\n${trailers.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`);
  return concat([head, size, body, after], head.length + size.length + body.length + after.length);
}

/** RFC 9112 §6.3 rule 1: 1xx, 204 and 304 responses end with their header section. */
function isBodyless(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}
