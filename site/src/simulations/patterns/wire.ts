/**
 * The bytes of the notification simulation: HTTP/1.1 requests and responses
 * (RFC 9112) and server-sent event lines (HTML standard §9.2) inside chunked
 * transfer coding, with incremental readers that cope with a byte stream
 * cutting them anywhere. WebSocket frames are in ws-frames.ts, which only the
 * notification model reaches (the class edition ships no framing: lab websocket).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function text(data: Uint8Array): string {
  return decoder.decode(data);
}

/** A byte count split into what the application wanted to say and what it cost to say it. */
export interface Sized {
  readonly data: Uint8Array;
  /** Bytes of event payload (the notifications' JSON) in `data`. */
  readonly payload: number;
}

/** A browser's typical request headers, cookie included: most of a poll's weight. */
const BROWSER_HEADERS =
  "Host: app.example.com\r\n" +
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36\r\n" +
  "Accept-Encoding: gzip, deflate, br\r\n" +
  "Accept-Language: en-GB,en;q=0.9\r\n" +
  "Cookie: session=8f2c1e9a4b7d3f60a1c5e2b9d4f7a3c8; theme=dark\r\n";

/** A GET request, as a browser sends it (about 350-400 bytes). */
export function httpGet(path: string, extraHeaders = ""): Uint8Array {
  return bytes(`GET ${path} HTTP/1.1\r\n${BROWSER_HEADERS}${extraHeaders}\r\n`);
}

function httpDate(virtualMs: number): string {
  const total = Math.floor(virtualMs / 1000);
  const mm = String(Math.floor(total / 60) % 60).padStart(2, "0");
  const ss = String(total % 60).padStart(2, "0");
  return `Sat, 21 Nov 2026 09:${mm}:${ss} GMT`;
}

const SERVER_HEADERS = "Server: nginx\r\nStrict-Transport-Security: max-age=31536000\r\nX-Request-Id: 5c1b0e7f9a2d4c83\r\n";

/** An HTTP/1.1 response with a body of `body` (about 250 bytes of headers). */
export function httpResponse(status: string, nowMs: number, body: Uint8Array | null, contentType = "application/json"): Uint8Array {
  const head =
    `HTTP/1.1 ${status}\r\nDate: ${httpDate(nowMs)}\r\n${SERVER_HEADERS}Cache-Control: no-store\r\n` +
    (body === null ? "\r\n" : `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`);
  const headBytes = bytes(head);
  if (body === null) return headBytes;
  const out = new Uint8Array(headBytes.length + body.length);
  out.set(headBytes);
  out.set(body, headBytes.length);
  return out;
}

/** The head of a streamed response: no length, chunked transfer coding (RFC 9112 §7.1). */
export function httpStreamHead(status: string, nowMs: number, headers: string): Uint8Array {
  return bytes(`HTTP/1.1 ${status}\r\nDate: ${httpDate(nowMs)}\r\n${SERVER_HEADERS}${headers}\r\n`);
}

/** One chunk of chunked transfer coding: hex size, CRLF, data, CRLF. */
export function chunk(data: Uint8Array): Uint8Array {
  const head = bytes(`${data.length.toString(16)}\r\n`);
  const out = new Uint8Array(head.length + data.length + 2);
  out.set(head);
  out.set(data, head.length);
  out.set([13, 10], head.length + data.length);
  return out;
}

/** One server-sent event (HTML standard, "Parsing an event stream"): `id:` and `data:` lines, then a blank line. */
export function sseEvent(id: number, json: string): string {
  return `id: ${id}\ndata: ${json}\n\n`;
}

/** Accumulates bytes from a stream and lets a parser take whole pieces off the front. */
export class Reader {
  private buffer = new Uint8Array(0);

  push(data: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + data.length);
    joined.set(this.buffer);
    joined.set(data, this.buffer.length);
    this.buffer = joined;
  }

  get length(): number {
    return this.buffer.length;
  }

  /** Index of the first occurrence of `pattern`, or -1. */
  indexOf(pattern: string): number {
    const p = bytes(pattern);
    outer: for (let i = 0; i + p.length <= this.buffer.length; i++) {
      for (let j = 0; j < p.length; j++) if (this.buffer[i + j] !== p[j]) continue outer;
      return i;
    }
    return -1;
  }

  peek(n: number): Uint8Array {
    return this.buffer.subarray(0, n);
  }

  take(n: number): Uint8Array {
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    return out;
  }
}

/** A parsed HTTP/1.1 message head. */
export interface HttpHead {
  readonly startLine: string;
  readonly headers: ReadonlyMap<string, string>;
}

/** Takes one message head (up to the blank line) off `reader`, or returns null if it is not all there yet. */
export function readHead(reader: Reader): HttpHead | null {
  const end = reader.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const lines = text(reader.take(end + 4)).slice(0, end).split("\r\n");
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { startLine: lines[0]!, headers };
}

/** Takes one chunk's data off `reader` (chunked transfer coding), or null if it is not all there yet. */
export function readChunk(reader: Reader): Uint8Array | null {
  const lineEnd = reader.indexOf("\r\n");
  if (lineEnd < 0) return null;
  const size = Number.parseInt(text(reader.peek(lineEnd)), 16);
  if (reader.length < lineEnd + 2 + size + 2) return null;
  reader.take(lineEnd + 2);
  const data = reader.take(size);
  reader.take(2);
  return data;
}
