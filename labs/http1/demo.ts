/**
 * The workbench's demo for the http1 lab: a client pipelines three requests
 * (written by the learner's serialize) on one connection, cut into segments
 * at seeded places; the learner's request Parser reads them, and the
 * learner's response Parser reads the server's three answers (a HEAD
 * response, a chunked one with a trailer, a 304). The ladder shows each
 * segment and when each message came out of the parser.
 */
import { fromLatin1, latin1 } from "#runtime/wire/http1.ts";
import type { DemoInput, DemoResult, LadderMark, LadderPacketView } from "#labs/kit/demo.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import type { MessageView, ParseCase, ParseOutcome, Serialized } from "./scenarios.ts";

const REQUESTS: readonly MessageView[] = [
  { method: "HEAD", target: "/index.html", status: null, reason: null, version: "HTTP/1.1", fields: [["Host", "shop.example"]], body: "", trailers: [] },
  { method: "POST", target: "/cart", status: null, reason: null, version: "HTTP/1.1", fields: [["Host", "shop.example"], ["Content-Type", "text/plain"], ["Content-Length", "7"]], body: toHex(fromLatin1("apple=2")), trailers: [] },
  { method: "GET", target: "/logo.png", status: null, reason: null, version: "HTTP/1.1", fields: [["Host", "shop.example"], ["If-None-Match", '"v7"']], body: "", trailers: [] },
];

/** What a correct serialize() writes for REQUESTS: sent instead when the learner's throws. */
const WRITTEN = [
  "HEAD /index.html HTTP/1.1\r\nHost: shop.example\r\n\r\n",
  "POST /cart HTTP/1.1\r\nHost: shop.example\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\napple=2",
  'GET /logo.png HTTP/1.1\r\nHost: shop.example\r\nIf-None-Match: "v7"\r\n\r\n',
];

const RESPONSES =
  "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1234\r\n\r\n" +
  "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nTrailer: Server-Timing\r\n\r\n5;note=first\r\nadded\r\n9\r\n 2 apples\r\n0\r\nServer-Timing: db;dur=3\r\n\r\n" +
  'HTTP/1.1 304 Not Modified\r\nETag: "v7"\r\n\r\n';

/** A xorshift32 stream of unsigned 32-bit numbers from a nonzero `state` (the demo's and the tests' cut points). */
export function xorshift32(state: number): () => number {
  let x = state >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>>= 0));
}

/** Cuts `bytes` into 1-4 segments at places drawn from `seed` (xorshift32). */
function cut(bytes: Uint8Array, seed: number): Uint8Array[] {
  if (bytes.length < 2) return [bytes];
  const next = xorshift32(seed * 0x9e3779b1);
  const cuts = new Set<number>();
  const count = 2 + (next() % 4);
  for (let i = 0; i < count; i++) cuts.add(1 + (next() % (bytes.length - 1)));
  const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i]!, end));
}

function describe(m: MessageView): string {
  const start = m.method !== null ? `${m.method} ${m.target} ${m.version}` : `${m.version} ${m.status} ${m.reason}`;
  const trailers = m.trailers.length > 0 ? `, trailers ${m.trailers.map(([n, v]) => `${n}: ${v}`).join("; ")}` : "";
  const octets = fromHex(m.body).length;
  return `${start} (${m.fields.length} field${m.fields.length === 1 ? "" : "s"}, body ${octets} octet${octets === 1 ? "" : "s"}${trailers})`;
}

function outcomeLines(outcome: ParseOutcome): string[] {
  const lines = outcome.messages.map((m) => `  ${describe(m)} after ${m.at === "end" ? "end()" : `segment ${m.at + 1}`}`);
  if (outcome.error !== undefined) lines.push(`  error ${outcome.error.kind} after ${outcome.error.at === "end" ? "end()" : `segment ${outcome.error.at + 1}`}: ${outcome.error.message}`);
  return lines;
}

export function demo(input: DemoInput, parse: (c: ParseCase) => ParseOutcome, serialize: (m: MessageView) => Serialized): DemoResult {
  const written = REQUESTS.map(serialize);
  const stream = written.map((w, i) => w.hex ?? toHex(fromLatin1(WRITTEN[i]!))).join(" ");
  const requestSegments = cut(fromHex(stream), input.seed);
  const responseSegments = cut(fromLatin1(RESPONSES), input.seed + 1);
  const requests = parse({ role: "request", chunks: requestSegments.map((s) => toHex(s)) });
  const responses = parse({ role: "response", methods: REQUESTS.map((r) => r.method!), chunks: responseSegments.map((s) => toHex(s)), end: true });
  const summary = [
    "The client pipelines three requests on one connection, written by your serialize():",
    ...written.map((w, i) => (w.error !== undefined ? `  request ${i + 1}: serialize() threw ${w.error}; sending ${JSON.stringify(WRITTEN[i])} instead` : `  ${JSON.stringify(latin1(fromHex(w.hex!)))}`)),
    `TCP delivers them in ${requestSegments.length} segment(s) (seed ${input.seed}); your request Parser read:`,
    ...outcomeLines(requests),
    `The server answers in order, in ${responseSegments.length} segment(s); your response Parser (told HEAD, POST, GET) read:`,
    ...outcomeLines(responses),
  ];
  const packets: LadderPacketView[] = [];
  const marks: LadderMark[] = [];
  let id = 1;
  requestSegments.forEach((s, i) => packets.push({ id: id++, from: "left", label: `segment ${i + 1}: ${s.length} octets`, sentMs: i, arrivedMs: i + 5 }));
  responseSegments.forEach((s, i) => packets.push({ id: id++, from: "right", label: `segment ${i + 1}: ${s.length} octets`, sentMs: 10 + i, arrivedMs: 15 + i }));
  for (const m of requests.messages) if (m.at !== "end") marks.push({ t: m.at + 5, side: "right", kind: "deliver", label: `${m.method} ${m.target}` });
  for (const m of responses.messages) marks.push({ t: m.at === "end" ? 16 + responseSegments.length : 15 + m.at, side: "left", kind: "deliver", label: `${m.status} ${m.reason}` });
  return { summary, ladder: { left: "client", right: "server", packets, marks } };
}
