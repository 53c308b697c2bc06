/**
 * Running the dns lab's scenarios from a test and checking the results.
 * Public and hidden tests share this file; the expectations come from the
 * caller (hand-written in the tests, or the tests' own codec), never from here.
 */
import { expectBytes, fail, fromHex, type TestContext } from "#labs/kit/index.ts";
import type { Decoded, Encoded, EncodeInput, MessageView, QueryView, RecordView, ResolveInput, ResolveResult } from "../scenarios.ts";

const TYPES: Record<number, string> = { 1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 16: "TXT", 28: "AAAA", 41: "OPT" };
export const typeText = (type: number) => TYPES[type] ?? `TYPE${type}`;

// ---------------------------------------------------------------- the codec

export async function encodeAll(t: TestContext, queries: EncodeInput["queries"]): Promise<Encoded[]> {
  return t.run<Encoded[]>("encode", { queries });
}

/** Checks one encodeQuery() result: the exact bytes, or that it threw. */
export function expectEncoded(t: TestContext, query: EncodeInput["queries"][number], got: Encoded, expected: string | "throws", why: string): void {
  t.step(`encodeQuery(${JSON.stringify(query)})`);
  t.step(`  must ${expected === "throws" ? "throw" : `return ${expected}`} (${why})`);
  if (expected === "throws") {
    if (got.error === undefined) fail(`encodeQuery(${JSON.stringify(query)}) returned ${got.hex}, but must throw: ${why}.`);
    return;
  }
  if (got.error !== undefined) fail(`encodeQuery(${JSON.stringify(query)}) threw ${got.error}, but must return\n  ${expected}`);
  expectBytes(fromHex(got.hex!), fromHex(expected), `encodeQuery(${JSON.stringify(query)})`);
}

export async function decodeAll(t: TestContext, messages: readonly string[], offset?: number): Promise<Decoded[]> {
  return t.run<Decoded[]>("decode", offset === undefined ? { messages } : { messages, offset });
}

/** Checks one decodeMessage() result against the expected message, or that it threw. */
export function expectDecoded(t: TestContext, label: string, hex: string, got: Decoded, expected: MessageView | "throws", why: string): void {
  t.step(`${label}: decodeMessage(${hex})`);
  if (expected === "throws") {
    t.step(`  must throw: ${why}`);
    if (got.error === undefined) fail(`${label}: decodeMessage returned a message, but must throw: ${why}.\n  bytes: ${hex}\n  it returned: ${summary(got.message!)}`);
    return;
  }
  if (got.error !== undefined) fail(`${label}: decodeMessage threw ${got.error}, but the message is valid (${why}).\n  bytes: ${hex}`);
  const difference = firstDifference(got.message, expected, "message");
  if (difference !== undefined) fail(`${label}: ${difference}\n  bytes: ${hex}\n  (${why})`);
}

/** "message.answers[1].data: got "1.2.3.4", expected "1.2.3.5"", or undefined when equal. */
export function firstDifference(got: unknown, expected: unknown, path: string): string | undefined {
  if (typeof expected !== "object" || expected === null || typeof got !== "object" || got === null) {
    return Object.is(got, expected) ? undefined : `${path}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) return `${path}: got ${JSON.stringify(got)}, expected an array`;
    for (let i = 0; i < Math.min(got.length, expected.length); i++) {
      const d = firstDifference(got[i], expected[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return got.length === expected.length ? undefined : `${path}: got ${got.length} items, expected ${expected.length}: ${JSON.stringify(expected).slice(0, 400)}`;
  }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(got)])) {
    const d = firstDifference((got as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function summary(m: MessageView): string {
  return `id ${m.id}, rcode ${m.rcode}, ${m.questions.length} questions, ${m.answers.length}/${m.authority.length}/${m.additional.length} records`;
}

// ---------------------------------------------------------------- the resolver

/** One record as the tests write them: "www.example.com 300 A 203.0.113.10". */
export function recordText(r: RecordView): string {
  const data = typeof r.data === "string" ? r.data : "hex" in r.data ? r.data.hex : Object.values(r.data).join(" ");
  return `${r.name} ${r.ttl} ${typeText(r.type)} ${data}`;
}

export function queryText(q: QueryView): string {
  return `${q.to} ${q.tcp ? "TCP" : "UDP"} ${q.name.toLowerCase()} ${typeText(q.type)}`;
}

/** What one lookup must give: the queries it sends, in order, and its answer. */
export interface LookupExpectation {
  readonly queries: readonly string[];
  /** When each query must be sent (ms), where timing is the point. */
  readonly at?: readonly number[];
  readonly rcode: number;
  readonly records: readonly string[];
}

const RCODES: Record<number, string> = { 0: "NOERROR", 2: "SERVFAIL", 3: "NXDOMAIN" };
const rcodeText = (rcode: number | null) => (rcode === null ? "no answer" : (RCODES[rcode] ?? `RCODE ${rcode}`));

export async function resolveRun(t: TestContext, input: ResolveInput): Promise<ResolveResult> {
  t.step(`servers: ${input.servers.map((s) => `${s.address} (${s.zones.map((z) => z.apex).join(", ")}${s.behaviour === undefined ? "" : `; ${s.behaviour}`})`).join(", ")}; roots ${input.roots.join(", ")}`);
  if (input.spoofs !== undefined) t.step(`forged replies: ${input.spoofs.map((s) => `${s.kind} after query ${s.query + 1}`).join(", ")}`);
  return t.run<ResolveResult>("resolve", input);
}

/** Runs `input` and checks every lookup against `expected`, and every query against the contract. */
export async function expectResolve(t: TestContext, input: ResolveInput, expected: readonly LookupExpectation[]): Promise<void> {
  checkResolve(t, input, await resolveRun(t, input), expected);
}

export function checkResolve(t: TestContext, input: ResolveInput, result: ResolveResult, expected: readonly LookupExpectation[]): void {
  input.lookups.forEach((lookup, i) => {
    const got = result.lookups[i];
    const sent = result.queries.filter((q) => q.lookup === i);
    t.step(`lookup ${i + 1}: resolve("${lookup.name}", ${lookup.type}) at ${got?.startMs ?? lookup.atMs} ms`);
    for (const q of sent) t.step(`  ${q.atMs} ms: sent ${queryText(q)} (id ${q.id}, from port ${q.fromPort})`);
    t.step(`  answer: ${got === undefined ? "none" : `${rcodeText(got.rcode)} at ${got.doneMs} ms ${got.records.map(recordText).join(" | ")}`}`);
  });
  if (result.faults.length > 0) fail(`Your resolver did something no network can carry out:\n  ${result.faults.join("\n  ")}`);
  for (const q of result.queries) {
    if (q.rd || q.udpSize !== 1232) fail(`A query must have RD = 0 and an OPT record advertising 1232 bytes, but the one sent at ${q.atMs} ms has RD ${q.rd ? 1 : 0} and ${q.udpSize === null ? "no OPT record" : `UDP size ${q.udpSize}`}:\n  ${q.hex}`);
    if (q.fromPort < 1024) fail(`Source ports must be drawn from 1024 to 65535 (RFC 6056 §2.1, lab contract); the query at ${q.atMs} ms came from port ${q.fromPort}.`);
  }
  expected.forEach((want, i) => {
    const got = result.lookups[i]!;
    const sent = result.queries.filter((q) => q.lookup === i).map(queryText);
    const lookup = input.lookups[i]!;
    const what = `Lookup ${i + 1} (${lookup.name} ${typeText(lookup.type)})`;
    for (let k = 0; k < Math.max(sent.length, want.queries.length); k++) {
      if (sent[k] !== want.queries[k]) {
        fail(
          [
            `${what}: query ${k + 1} should be ${want.queries[k] ?? "none (the lookup should be over)"}, but your resolver sent ${sent[k] ?? "nothing more"}.`,
            `  expected queries: ${want.queries.length === 0 ? "none (the cache answers)" : want.queries.join(" → ")}`,
            `  sent:             ${sent.length === 0 ? "none" : sent.join(" → ")}`,
          ].join("\n"),
        );
      }
    }
    const times = result.queries.filter((q) => q.lookup === i).map((q) => q.atMs);
    if (want.at !== undefined && times.join() !== want.at.join()) {
      fail(`${what}: the queries must be sent at ${want.at.join(", ")} ms (a reply comes 20 ms after its query; a query times out once now - sentAt >= 1000, and onTimer runs every 100 ms), but yours went at ${times.join(", ")} ms.`);
    }
    if (got.rcode !== want.rcode) fail(`${what}: your resolver answered ${rcodeText(got.rcode)}, but must answer ${rcodeText(want.rcode)}.`);
    const records = got.records.map(recordText);
    if (records.join("\n") !== want.records.join("\n")) {
      fail(`${what}: the answer's records are\n  ${records.join("\n  ") || "(none)"}\nbut must be\n  ${want.records.join("\n  ") || "(none)"}`);
    }
  });
}

