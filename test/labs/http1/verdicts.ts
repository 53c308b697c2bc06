/** llhttp's and the lab's verdicts on one stream, in a form that compares: messages (start line and body) and whether it refused. */
import { fromLatin1 } from "#runtime/wire/http1.ts";
import { oracleRead } from "#labs/http1/tests/oracle.ts";
import type { LlhttpCase } from "./cases.ts";
import { llhttpRequests, llhttpResponse } from "./llhttp.ts";

export interface Verdict {
  /** Each message as "start line | body hex". */
  readonly messages: number;
  readonly bodies: readonly string[];
  /** llhttp's HPE_ code or the lab's error kind; null when it read the stream. */
  readonly error: string | null;
}

export async function llhttpVerdict(c: LlhttpCase): Promise<Verdict> {
  const bytes = fromLatin1(c.text);
  const result = c.role === "request" ? await llhttpRequests(bytes) : await llhttpResponse(bytes, c.method);
  return { messages: result.messages.length, bodies: result.messages.map((m) => m.body), error: result.error };
}

export function oracleVerdict(c: LlhttpCase): Verdict {
  const result = oracleRead(fromLatin1(c.text), { role: c.role, methods: c.method === undefined ? [] : [c.method], end: c.role === "response" });
  return { messages: result.messages.length, bodies: result.messages.map((m) => m.message.body), error: result.error ?? null };
}

/** Both read the same messages and bodies, or both refused the stream. */
export function sameVerdict(a: Verdict, b: Verdict): boolean {
  if ((a.error === null) !== (b.error === null)) return false;
  const plain = (v: Verdict) => JSON.stringify(v.bodies.map((h) => h.replace(/ /g, "")));
  return a.error !== null || plain(a) === plain(b);
}

