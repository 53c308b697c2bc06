/**
 * The tests' own HTTP/1.1 reader (never the reference solution): it reads a
 * whole stream at once, as Latin-1 text, and says which messages it holds
 * (with the offset just past each), and the error, if any. Run on every
 * prefix length it also says at which octet the error becomes visible,
 * since a line is judged when its LF arrives and a limit the moment it is
 * passed (the instructions pin both).
 */
import { fromLatin1, isBodylessStatus, isFieldValue, isToken, latin1 } from "#runtime/wire/http1.ts";
import { toHex } from "#labs/kit/hex.ts";
import type { FieldView, LimitsSpec, MessageView } from "../scenarios.ts";

export const LIMITS = { maxLineLength: 8192, maxFields: 100, maxBodySize: 1_048_576 } as const;

export interface OracleOptions {
  readonly role: "request" | "response";
  readonly limits?: LimitsSpec;
  readonly methods?: readonly string[];
  /** The stream has ended after these octets (end() is called). */
  readonly end?: boolean;
}

export interface OracleMessage {
  readonly message: MessageView;
  /** The offset just past the message's last octet. */
  readonly endOffset: number;
  /** Its body ran to the end of the stream: it is whole only at end(). */
  readonly atEnd?: true;
}

export interface OracleResult {
  readonly messages: OracleMessage[];
  readonly error?: string;
  /** Why, in words, for failure messages. */
  readonly why?: string;
}

class Refusal extends Error {
  readonly kind: string;
  constructor(kind: string, why: string) {
    super(why);
    this.kind = kind;
  }
}

/** Thrown inside the reader when the octets stop before the current part is whole. */
const MORE = Symbol("more");

const CHUNK_SIZE = /^[0-9A-Fa-f]+/;
const QUOTED = /^"(?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*"/;

/** Reads `bytes` as a stream of requests or responses. */
export function oracleRead(bytes: Uint8Array, options: OracleOptions): OracleResult {
  const s = latin1(bytes);
  const limits = { ...LIMITS, ...options.limits };
  const methods = [...(options.methods ?? [])];
  const messages: OracleMessage[] = [];
  let pos = 0;

  function refuse(kind: string, why: string): never {
    throw new Refusal(kind, why);
  }
  const nextLine = (): string => {
    const lf = s.indexOf("\n", pos);
    if (lf < 0) {
      const pending = s.length - pos - (s.length > pos && s.endsWith("\r") ? 1 : 0);
      if (pending > limits.maxLineLength) refuse("line-too-long", `a line already longer than ${limits.maxLineLength} octets before its LF`);
      throw MORE;
    }
    const raw = s.slice(pos, lf);
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (content.length > limits.maxLineLength) refuse("line-too-long", `a line of ${content.length} octets (limit ${limits.maxLineLength})`);
    if (!raw.endsWith("\r")) refuse("bad-line", `the line at offset ${pos} ends in a bare LF`);
    if (content.includes("\r")) refuse("bad-line", `the line at offset ${pos} holds a bare CR`);
    pos = lf + 1;
    return content;
  };
  const fieldSection = (what: string): FieldView[] => {
    const list: FieldView[] = [];
    for (let line = nextLine(); line !== ""; line = nextLine()) {
      const colon = line.indexOf(":");
      if (colon < 0) refuse("bad-field", `${what} line ${JSON.stringify(line)} has no colon (a line starting with whitespace is obs-fold)`);
      const name = line.slice(0, colon);
      if (!isToken(name)) refuse("bad-field", `${JSON.stringify(name)} is no token (whitespace before the colon, obs-fold, or a bad octet)`);
      let value = line.slice(colon + 1);
      while (value.startsWith(" ") || value.startsWith("\t")) value = value.slice(1);
      while (value.endsWith(" ") || value.endsWith("\t")) value = value.slice(0, -1);
      if (!isFieldValue(value)) refuse("bad-field", `the value of ${name} holds an octet a field value cannot hold`);
      list.push([name, value]);
      if (list.length > limits.maxFields) refuse("too-many-fields", `more than ${limits.maxFields} ${what} lines`);
    }
    return list;
  };
  const valuesOf = (fields: readonly FieldView[], name: string) => fields.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  const need = (n: number) => {
    if (s.length - pos < n) throw MORE;
  };

  try {
    for (;;) {
      let start = "";
      while (start === "") start = nextLine();
      const parts = start.split(" ");
      let method: string | null = null;
      let target: string | null = null;
      let status: number | null = null;
      let reason: string | null = null;
      let version: string;
      if (options.role === "request") {
        if (parts.length !== 3) refuse("bad-start-line", `a request line is three parts with single spaces: ${JSON.stringify(start)}`);
        [method, target, version] = parts as [string, string, string];
      } else {
        if (parts.length < 3) refuse("bad-start-line", `a status line is version SP code SP reason: ${JSON.stringify(start)}`);
        version = parts[0]!;
        reason = parts.slice(2).join(" ");
        if ([...reason].some((ch) => ch !== "\t" && ch !== " " && !isFieldValue(ch))) refuse("bad-start-line", "the reason phrase holds a control octet");
      }
      if (!/^HTTP\/[0-9]\.[0-9]$/.test(version)) refuse("bad-start-line", `${JSON.stringify(version)} is no HTTP-version`);
      if (version[5] !== "1") refuse("bad-version", `major version ${version[5]}`);
      if (options.role === "request") {
        if (!isToken(method!)) refuse("bad-start-line", `method ${JSON.stringify(method)} is no token`);
        if (!/^[\x21-\x7e]+$/.test(target!)) refuse("bad-start-line", `target ${JSON.stringify(target)} is empty or holds a non-visible octet`);
      } else {
        const code = parts[1]!;
        if (!/^[0-9]{3}$/.test(code) || Number(code) < 100 || Number(code) > 599) refuse("bad-start-line", `status code ${JSON.stringify(code)} is not 100-599`);
        status = Number(code);
      }
      const fields = fieldSection("field");
      const hosts = valuesOf(fields, "host").length;
      if (options.role === "request" && (hosts > 1 || (hosts === 0 && version !== "HTTP/1.0"))) refuse("bad-host", `${hosts} Host field lines`);
      let length: number | "chunked" | "close" = 0;
      const headless = options.role === "response" && (methods[0] === "HEAD" || isBodylessStatus(status!));
      const te = valuesOf(fields, "transfer-encoding");
      const cl = valuesOf(fields, "content-length");
      if (headless) length = 0;
      else if (te.length > 0) {
        if (version === "HTTP/1.0") refuse("bad-transfer-encoding", "Transfer-Encoding in HTTP/1.0");
        if (cl.length > 0) refuse("both-lengths", "Transfer-Encoding and Content-Length");
        const codings = te.flatMap((v) => v.split(",")).map((c) => c.trim().toLowerCase()).filter((c) => c.length > 0);
        const chunkedCount = codings.filter((c) => c === "chunked").length;
        if (chunkedCount === 1 && codings[codings.length - 1] === "chunked") length = "chunked";
        else if (chunkedCount > 0 || options.role === "request") refuse("bad-transfer-encoding", `codings ${JSON.stringify(codings)}: chunked must be last, once`);
        else length = "close";
      } else if (cl.length > 0) {
        const values = cl.flatMap((v) => v.split(",")).map((v) => v.trim());
        if (values.some((v) => !/^[0-9]+$/.test(v))) refuse("bad-content-length", `Content-Length ${JSON.stringify(cl)} is not digits`);
        if (new Set(values.map((v) => BigInt(v))).size > 1) refuse("bad-content-length", `Content-Length values differ: ${JSON.stringify(cl)}`);
        length = Number(values[0]);
      } else length = options.role === "request" ? 0 : "close";

      let body = "";
      let trailers: FieldView[] = [];
      if (typeof length === "number") {
        if (length > limits.maxBodySize) refuse("body-too-large", `Content-Length ${length} is over ${limits.maxBodySize}`);
        need(length);
        body = s.slice(pos, pos + length);
        pos += length;
      } else if (length === "chunked") {
        for (;;) {
          const line = nextLine();
          const size = CHUNK_SIZE.exec(line);
          if (size === null) refuse("bad-chunk", `chunk-size line ${JSON.stringify(line)} does not start with hex digits`);
          let rest = line.slice(size[0].length);
          while (rest !== "") {
            const ext = /^[ \t]*;[ \t]*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)/.exec(rest);
            if (ext === null) refuse("bad-chunk", `bad chunk extension in ${JSON.stringify(line)}`);
            rest = rest.slice(ext[0].length);
            const eq = /^[ \t]*=[ \t]*/.exec(rest);
            if (eq === null) continue;
            rest = rest.slice(eq[0].length);
            const val = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.exec(rest) ?? QUOTED.exec(rest);
            if (val === null) refuse("bad-chunk", `bad chunk extension value in ${JSON.stringify(line)}`);
            rest = rest.slice(val[0].length);
          }
          const digits = size[0].replace(/^0+/, "");
          const n = digits.length > 12 ? Infinity : parseInt(digits || "0", 16);
          if (body.length + n > limits.maxBodySize) refuse("body-too-large", `chunks add up to more than ${limits.maxBodySize}`);
          if (n === 0) break;
          need(n);
          body += s.slice(pos, pos + n);
          pos += n;
          need(2);
          if (s.slice(pos, pos + 2) !== "\r\n") refuse("bad-chunk", `chunk data must be followed by CRLF (offset ${pos})`);
          pos += 2;
        }
        trailers = fieldSection("trailer");
      } else {
        body = s.slice(pos);
        if (body.length > limits.maxBodySize) refuse("body-too-large", `a body read to the end passed ${limits.maxBodySize}`);
        pos = s.length;
        // Whole only once the stream has ended (end()).
        if (options.end !== true) throw MORE;
      }
      if (options.role === "response" && status! >= 200) methods.shift();
      const message: MessageView = { method, target, status, reason, version, fields, body: toHex(fromLatin1(body)), trailers };
      messages.push(length === "close" ? { message, endOffset: pos, atEnd: true } : { message, endOffset: pos });
    }
  } catch (caught) {
    if (caught instanceof Refusal) return { messages, error: caught.kind, why: caught.message };
    if (caught !== MORE) throw caught;
  }
  // The octets ran out: with end(), a body read to the end is whole; anything else begun is incomplete.
  if (options.end !== true) return { messages };
  const rest = s.slice(messages.at(-1)?.endOffset ?? 0).replace(/^(\r\n)*/, "");
  return rest === "" ? { messages } : { messages, error: "incomplete", why: "the stream ended inside a message" };
}

/**
 * What a Parser must do with `bytes`: the oracle's messages and error, and
 * for an error other than "incomplete", the length of the shortest prefix
 * that already shows it (the push that brings that octet must throw).
 */
export function expectationFor(bytes: Uint8Array, options: OracleOptions): OracleResult & { readonly errorAt?: number } {
  const whole = oracleRead(bytes, options);
  if (whole.error === undefined || whole.error === "incomplete") return whole;
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (oracleRead(bytes.subarray(0, mid), { ...options, end: false }).error !== undefined) hi = mid;
    else lo = mid + 1;
  }
  return { ...whole, errorAt: lo };
}
