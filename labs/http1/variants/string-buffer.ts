/**
 * A correct variant: the unread octets are kept as a Latin-1 string (one
 * character per octet) and every rule is checked by hand-written loops,
 * not regular expressions; body parts are kept as strings and turned into
 * octets once. serialize() writes the body in chunks of at most 5 octets,
 * sizes in uppercase hex.
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

const SYMBOLS = "!#$%&'*+-.^_`|~";

function isTchar(ch: string): boolean {
  return (ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || SYMBOLS.includes(ch);
}

function isToken(s: string): boolean {
  if (s === "") return false;
  for (const ch of s) if (!isTchar(ch)) return false;
  return true;
}

function isVisible(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c > 0x20 && c < 0x7f) || (c >= 0x80 && c <= 0xff);
}

function isFieldValue(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (isVisible(ch)) continue;
    if ((ch === " " || ch === "\t") && i > 0 && i < s.length - 1) continue;
    return false;
  }
  return true;
}

function isDigits(s: string): boolean {
  if (s === "") return false;
  for (const ch of s) if (ch < "0" || ch > "9") return false;
  return true;
}

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "f") || (ch >= "A" && ch <= "F"));
}

function stripOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === " " || s[a] === "\t")) a++;
  while (b > a && (s[b - 1] === " " || s[b - 1] === "\t")) b--;
  return s.slice(a, b);
}

function toOctets(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new HttpError("bad-field", "not Latin-1");
    out[i] = s.charCodeAt(i);
  }
  return out;
}

function oops(kind: ErrorKind, why: string): never {
  throw new HttpError(kind, why);
}

/** Checks a chunk line after its size: extensions only (RFC 9112 §7.1.1). */
function checkExtensions(line: string, from: number): void {
  let i = from;
  const skipWs = () => {
    while (line[i] === " " || line[i] === "\t") i++;
  };
  const token = () => {
    const start = i;
    while (i < line.length && isTchar(line[i]!)) i++;
    return i > start;
  };
  while (i < line.length) {
    skipWs();
    if (line[i] !== ";") oops("bad-chunk", "junk after the chunk size");
    i++;
    skipWs();
    if (!token()) oops("bad-chunk", "no extension name");
    const save = i;
    skipWs();
    if (line[i] !== "=") {
      i = save;
      continue;
    }
    i++;
    skipWs();
    if (line[i] === '"') {
      i++;
      for (;;) {
        const ch = line[i];
        if (ch === undefined) oops("bad-chunk", "unclosed quoted string");
        if (ch === '"') break;
        if (ch === "\\") {
          const next = line[i + 1];
          if (next === undefined || !(next === " " || next === "\t" || isVisible(next))) oops("bad-chunk", "bad quoted pair");
          i += 2;
        } else if (ch === " " || ch === "\t" || isVisible(ch)) i++;
        else oops("bad-chunk", "bad octet in a quoted string");
      }
      i++;
    } else if (!token()) oops("bad-chunk", "no extension value");
  }
}

type Phase = "idle" | "head" | "data" | "size" | "crlf" | "trail" | "eof";

interface Open {
  method: string | null;
  target: string | null;
  status: number | null;
  reason: string | null;
  version: string;
  fields: Field[];
  trailers: Field[];
  body: string[];
  total: number;
}

export class Parser {
  private readonly isRequest: boolean;
  private readonly max: Limits;
  private readonly pending: string[] = [];
  private data = "";
  private phase: Phase = "idle";
  private open: Open | null = null;
  private left = 0;
  private chunkedBody = false;
  private broken: HttpError | null = null;

  constructor(role: "request" | "response", limits: Partial<Limits> = {}) {
    this.isRequest = role === "request";
    this.max = { ...DEFAULT_LIMITS, ...limits };
  }

  requestMethod(method: string): void {
    this.pending.push(method);
  }

  push(chunk: Uint8Array): Message[] {
    if (this.broken) throw this.broken;
    let s = "";
    for (let i = 0; i < chunk.length; i++) s += String.fromCharCode(chunk[i]!);
    this.data += s;
    const out: Message[] = [];
    try {
      this.step(out);
    } catch (e) {
      if (e instanceof HttpError) this.broken = e;
      throw e;
    }
    return out;
  }

  end(): Message[] {
    if (this.broken) throw this.broken;
    if (this.phase === "eof") return [this.close()];
    if (this.phase === "idle" && this.data === "") return [];
    this.broken = new HttpError("incomplete", "the stream ended mid-message");
    throw this.broken;
  }

  private readLine(): string | undefined {
    const lf = this.data.indexOf("\n");
    const limit = this.max.maxLineLength;
    if (lf === -1) {
      const n = this.data.endsWith("\r") ? this.data.length - 1 : this.data.length;
      if (n > limit) oops("line-too-long", "line too long");
      return undefined;
    }
    const hasCr = lf > 0 && this.data[lf - 1] === "\r";
    const line = this.data.slice(0, hasCr ? lf - 1 : lf);
    if (line.length > limit) oops("line-too-long", "line too long");
    if (!hasCr || line.includes("\r")) oops("bad-line", "lines end in CRLF");
    this.data = this.data.slice(lf + 1);
    return line;
  }

  private addBody(n: number): void {
    this.open!.total += n;
    if (this.open!.total > this.max.maxBodySize) oops("body-too-large", "body too large");
  }

  private step(out: Message[]): void {
    for (;;) {
      switch (this.phase) {
        case "idle": {
          const line = this.readLine();
          if (line === undefined) return;
          if (line.length > 0) this.begin(line);
          break;
        }
        case "head":
        case "trail": {
          const line = this.readLine();
          if (line === undefined) return;
          const list = this.phase === "head" ? this.open!.fields : this.open!.trailers;
          if (line.length === 0) {
            if (this.phase === "trail") out.push(this.close());
            else this.decide(out);
            break;
          }
          const colon = line.indexOf(":");
          if (colon === -1) oops("bad-field", "no colon");
          const name = line.slice(0, colon);
          const value = stripOws(line.slice(colon + 1));
          if (!isToken(name) || !isFieldValue(value)) oops("bad-field", "bad field line");
          list.push([name, value]);
          if (list.length > this.max.maxFields) oops("too-many-fields", "too many fields");
          break;
        }
        case "size": {
          const line = this.readLine();
          if (line === undefined) return;
          let i = 0;
          while (isHex(line[i])) i++;
          if (i === 0) oops("bad-chunk", "no chunk size");
          checkExtensions(line, i);
          const digits = line.slice(0, i).replace(/^0+/, "");
          const size = digits.length > 10 ? Number.MAX_SAFE_INTEGER : digits === "" ? 0 : Number.parseInt(digits, 16);
          this.addBody(size);
          if (size === 0) this.phase = "trail";
          else {
            this.left = size;
            this.phase = "data";
          }
          break;
        }
        case "crlf": {
          if (this.data.length < 2) return;
          if (!this.data.startsWith("\r\n")) oops("bad-chunk", "no CRLF after chunk data");
          this.data = this.data.slice(2);
          this.phase = "size";
          break;
        }
        case "data": {
          if (this.left > 0 && this.data === "") return;
          const piece = this.data.slice(0, this.left);
          this.data = this.data.slice(piece.length);
          this.open!.body.push(piece);
          this.left -= piece.length;
          if (this.left > 0) return;
          if (this.chunkedBody) this.phase = "crlf";
          else out.push(this.close());
          break;
        }
        case "eof": {
          if (this.data === "") return;
          this.addBody(this.data.length);
          this.open!.body.push(this.data);
          this.data = "";
          return;
        }
      }
    }
  }

  private begin(line: string): void {
    const words = line.split(" ");
    if (this.isRequest ? words.length !== 3 : words.length < 3) oops("bad-start-line", "bad start line");
    const version = this.isRequest ? words[2]! : words[0]!;
    const reason = words.slice(2).join(" ");
    if (!this.isRequest) for (const ch of reason) if (!(ch === " " || ch === "\t" || isVisible(ch))) oops("bad-start-line", "bad reason");
    if (version.length !== 8 || !version.startsWith("HTTP/") || !isDigits(version[5]!) || version[6] !== "." || !isDigits(version[7]!)) oops("bad-start-line", "bad version");
    if (version[5] !== "1") oops("bad-version", "not HTTP/1.x");
    const [first, second] = words as [string, string];
    if (this.isRequest) {
      if (!isToken(first) || second === "" || ![...second].every((ch) => ch > " " && ch < "\x7f")) oops("bad-start-line", "bad method or target");
    } else if (second.length !== 3 || !isDigits(second) || second < "100" || second > "599") oops("bad-start-line", "bad status code");
    this.open = {
      method: this.isRequest ? first : null,
      target: this.isRequest ? second : null,
      status: this.isRequest ? null : Number(second),
      reason: this.isRequest ? null : reason,
      version,
      fields: [],
      trailers: [],
      body: [],
      total: 0,
    };
    this.phase = "head";
  }

  private decide(out: Message[]): void {
    const m = this.open!;
    const length = bodyLength(m.fields, m.version, this.isRequest, !this.isRequest && (this.pending[0] === "HEAD" || m.status! < 200 || m.status === 204 || m.status === 304));
    this.chunkedBody = length === "chunked";
    if (length === "chunked") this.phase = "size";
    else if (length === "eof") this.phase = "eof";
    else if (length === 0) out.push(this.close());
    else {
      this.addBody(length);
      this.left = length;
      this.phase = "data";
    }
  }

  private close(): Message {
    const m = this.open!;
    if (!this.isRequest && m.status! >= 200) this.pending.shift();
    this.open = null;
    this.phase = "idle";
    return { method: m.method, target: m.target, status: m.status, reason: m.reason, version: m.version, fields: m.fields, body: toOctets(m.body.join("")), trailers: m.trailers };
  }
}

function bodyLength(fields: readonly Field[], version: string, isRequest: boolean, bodyless: boolean): number | "chunked" | "eof" {
  let hosts = 0;
  const te: string[] = [];
  const cl: string[] = [];
  for (const [name, value] of fields) {
    const lower = name.toLowerCase();
    if (lower === "host") hosts++;
    else if (lower === "transfer-encoding") te.push(...value.split(","));
    else if (lower === "content-length") cl.push(...value.split(","));
  }
  if (isRequest && (hosts > 1 || (hosts === 0 && version !== "HTTP/1.0"))) oops("bad-host", "Host");
  if (bodyless) return 0;
  const seenTe = fields.some(([n]) => n.toLowerCase() === "transfer-encoding");
  if (seenTe) {
    if (version === "HTTP/1.0") oops("bad-transfer-encoding", "TE in 1.0");
    if (cl.length > 0) oops("both-lengths", "TE and CL");
    const codings = te.map((c) => stripOws(c).toLowerCase()).filter((c) => c !== "");
    const count = codings.filter((c) => c === "chunked").length;
    if (count === 1 && codings[codings.length - 1] === "chunked") return "chunked";
    if (count > 0 || isRequest) oops("bad-transfer-encoding", "chunked must be last, once");
    return "eof";
  }
  if (cl.length > 0) {
    const values = cl.map(stripOws);
    for (const v of values) if (!isDigits(v)) oops("bad-content-length", "not digits");
    const n = values.map((v) => v.replace(/^0+(?=.)/, ""));
    if (n.some((v) => v !== n[0])) oops("bad-content-length", "lengths differ");
    return n[0]!.length > 15 ? Number.MAX_SAFE_INTEGER : Number(n[0]);
  }
  return isRequest ? 0 : "eof";
}

export function serialize(message: Message): Uint8Array {
  const { method, target, status, reason, version, fields, body, trailers } = message;
  const isRequest = method !== null;
  if (version.length !== 8 || !version.startsWith("HTTP/1.") || !isDigits(version[7]!)) oops("bad-start-line", "version");
  let head: string;
  if (isRequest) {
    if (!isToken(method) || !target || ![...target].every((ch) => ch > " " && ch < "\x7f")) oops("bad-start-line", "request line");
    head = `${method} ${target} ${version}\r\n`;
  } else {
    if (!Number.isInteger(status) || status! < 100 || status! > 599) oops("bad-start-line", "status");
    for (const ch of reason ?? "") if (!(ch === " " || ch === "\t" || isVisible(ch))) oops("bad-start-line", "reason");
    head = `${version} ${status} ${reason ?? ""}\r\n`;
  }
  const line = ([n, v]: Field) => {
    if (!isToken(n) || !isFieldValue(v)) oops("bad-field", "field");
    return `${n}: ${v}\r\n`;
  };
  head += fields.map(line).join("") + "\r\n";
  const trailerText = trailers.map(line).join("");
  const length = bodyLength(fields, version, isRequest, !isRequest && (status! < 200 || status === 204 || status === 304));
  if (trailers.length > 0 && length !== "chunked") oops("bad-field", "trailers need chunked");
  if (typeof length === "number" && length !== body.length) oops("bad-content-length", "length");
  let text = head;
  let bodyText = "";
  for (let i = 0; i < body.length; i++) bodyText += String.fromCharCode(body[i]!);
  if (length !== "chunked") text += bodyText;
  else {
    for (let at = 0; at < bodyText.length; at += 5) {
      const piece = bodyText.slice(at, at + 5);
      text += `${piece.length.toString(16).toUpperCase()}\r\n${piece}\r\n`;
    }
    text += `0\r\n${trailerText}\r\n`;
  }
  return toOctets(text);
}
