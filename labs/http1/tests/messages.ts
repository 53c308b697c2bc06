/**
 * Messages as the tests write them: MessageView builders and a writer that
 * frames a body the way its fields say, with the chunk sizes and chunk
 * extensions a test chooses (written here, independently of any learner
 * or reference code).
 */
import { fromLatin1, latin1 } from "#runtime/wire/http1.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import type { FieldView, MessageView } from "../scenarios.ts";

export function request(method: string, target: string, fields: FieldView[], body = "", trailers: FieldView[] = [], version = "HTTP/1.1"): MessageView {
  return { method, target, status: null, reason: null, version, fields, body: toHex(fromLatin1(body)), trailers };
}

export function response(status: number, reason: string, fields: FieldView[], body = "", trailers: FieldView[] = [], version = "HTTP/1.1"): MessageView {
  return { method: null, target: null, status, reason, version, fields, body: toHex(fromLatin1(body)), trailers };
}

/** How to write a chunked body: chunk sizes (the rest goes in one last data chunk) and an extension per chunk. */
export interface Chunking {
  readonly sizes?: readonly number[];
  readonly extensions?: readonly string[];
  /** Written instead of "0" as the last chunk's size. */
  readonly last?: string;
  /** Write the header section only (a response to HEAD, 1xx, 204, 304). */
  readonly headOnly?: boolean;
}

function isChunked(m: MessageView): boolean {
  const codings = m.fields.filter(([n]) => n.toLowerCase() === "transfer-encoding").flatMap(([, v]) => v.split(","));
  return codings.length > 0 && codings[codings.length - 1]!.trim().toLowerCase() === "chunked";
}

/** The message as Latin-1 text, its body chunked when its last transfer coding is chunked. */
export function write(m: MessageView, chunking: Chunking = {}): string {
  const start = m.method !== null ? `${m.method} ${m.target} ${m.version}` : `${m.version} ${m.status} ${m.reason}`;
  const head = `${start}\r\n${m.fields.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`;
  const body = latin1(fromHex(m.body));
  if (chunking.headOnly === true) return head;
  if (!isChunked(m)) return head + body;
  let out = head;
  let at = 0;
  const sizes = [...(chunking.sizes ?? [])];
  let i = 0;
  while (at < body.length) {
    const size = Math.min(sizes[i] ?? body.length - at, body.length - at) || body.length - at;
    out += `${size.toString(16)}${chunking.extensions?.[i] ?? ""}\r\n${body.slice(at, at + size)}\r\n`;
    at += size;
    i++;
  }
  return `${out}${chunking.last ?? "0"}${chunking.extensions?.[i] ?? ""}\r\n${m.trailers.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`;
}

export const bytes = (text: string): Uint8Array => fromLatin1(text);
