/**
 * "Use my code" for the HTTP/1.x exchange simulation (ExchangeSim.astro): the
 * learner's Parser, through the http1 lab's `parse` scenario
 * (labs/http1/harness.ts), reads both ends of the built-in run. As the
 * server it reads the three GET requests, as the browser the three
 * responses, each pushed the pieces in which the built-in run's TCP
 * delivered that connection's byte stream (in order, when it did), for the
 * same connection mode, round trip, loss and seed.
 *
 * The built-in model counts bytes only (exchange.ts: 300 per request, 200 of
 * header and the file per response). Here they are real HTTP/1.1 messages of
 * exactly those sizes, so each data segment of the built-in ladder carries
 * the same octets to the learner's parser: the pieces are the ladder's
 * segments (its labels name the messages each one carries), and the times
 * are its arrivals. No parsing happens on this page: only the learner's code
 * reads the octets.
 */
import type { Parsed, ParseCase, ParseInput, ParseOutcome } from "#labs/http1/scenarios.ts";
import { toHex } from "#labs/kit/hex.ts";
import { num, type Values } from "#site/components/sim-client.ts";
import { EXCHANGE_FILES } from "#site/simulations/http/exchange-controls.ts";
import { runExchangeView } from "#site/simulations/http/exchange.model.ts";
import type { ExchangeMode, ExchangeResult } from "#site/simulations/http/exchange.ts";
import type { Ladder, LadderMark } from "#site/simulations/tcp-udp/ladder.ts";
import { drawLadder, formatMs } from "#site/simulations/tcp-udp/svg.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** The sizes the built-in model sends (exchange.ts): a request, and a response's header block. */
export const REQUEST_BYTES = 300;
export const RESPONSE_HEADER_BYTES = 200;
/** The built-in transport's payload bytes per segment (transport.ts). */
export const MSS = 1400;

const HOST = "www.example.com";
const TYPES = ["text/html", "text/css", "image/svg+xml"] as const;
const FILLERS = ["<p>Wirelab</p>\n", "p { margin: 0 }\n", '<circle r="1"/>\n'] as const;

const latin1Hex = (text: string): string => toHex(Uint8Array.from(text, (c) => c.charCodeAt(0)));
/** Octets of a body given as the harness's hex ("61 62"). */
const octets = (hex: string): number => (hex.length === 0 ? 0 : (hex.length + 1) / 3);

/** `head` with a last field line `name: value` whose value is `fill` cut so the head (with its blank line) is `size` octets. */
function padded(head: string, name: string, fill: (n: number) => string, size: number): string {
  const room = size - head.length - name.length - 2 - 2 - 2;
  if (room < 1) throw new Error(`the header does not fit in ${size} octets`);
  return `${head}${name}: ${fill(room)}\r\n\r\n`;
}

const cycle = (text: string, n: number): string => text.repeat(Math.ceil(n / text.length)).slice(0, n);

/** GET request `tag` as the browser sends it: exactly {@link REQUEST_BYTES} octets (a cookie fills the rest). */
export function requestText(tag: number, mode: ExchangeMode): string {
  const close = mode === "close" ? "Connection: close\r\n" : "";
  return padded(`GET ${EXCHANGE_FILES[tag]!.path} HTTP/1.1\r\nHost: ${HOST}\r\nUser-Agent: wirelab\r\n${close}`, "Cookie", (n) => `id=${cycle("0123456789abcdef", n - 3)}`, REQUEST_BYTES);
}

/** The response to request `tag`: a {@link RESPONSE_HEADER_BYTES}-octet head (an ETag fills the rest) and the file as its Content-Length body. */
export function responseText(tag: number, mode: ExchangeMode): { head: string; body: string } {
  const file = EXCHANGE_FILES[tag]!;
  const close = mode === "close" ? "Connection: close\r\n" : "";
  const head = padded(`HTTP/1.1 200 OK\r\nContent-Type: ${TYPES[tag]}\r\nContent-Length: ${file.bytes}\r\n${close}`, "ETag", (n) => `"${cycle("abcdef0123456789", n - 2)}"`, RESPONSE_HEADER_BYTES);
  return { head, body: cycle(FILLERS[tag]!, file.bytes) };
}

/** A piece of a stream the built-in run delivered in one go: its octets and when. */
export interface Piece {
  readonly hex: string;
  readonly atMs: number;
}

/** One direction of one connection: the messages it carries and the pieces they arrived in. */
export interface Stream {
  readonly role: "request" | "response";
  /** The connection's index (close mode: one per file). */
  readonly conn: number;
  /** The files whose messages the stream carries, in order. */
  readonly tags: readonly number[];
  readonly pieces: readonly Piece[];
  /** Every octet arrived (false: the run ended first). */
  readonly complete: boolean;
}

interface Unit {
  readonly start: number;
  readonly end: number;
  readonly key: string;
}

/** The stream's segments and the label the built-in ladder gives each (exchange.ts's `label`, without the connection). */
function units(role: "request" | "response", tags: readonly number[], sizes: readonly number[]): Unit[] {
  const chunks: { start: number; end: number; tag: number }[] = [];
  let at = 0;
  tags.forEach((tag, i) => {
    chunks.push({ start: at, end: at + sizes[i]!, tag });
    at += sizes[i]!;
  });
  if (role === "request") return chunks.map((c) => ({ ...c, key: `GET ${EXCHANGE_FILES[c.tag]!.path}` }));
  // The response stream is cut every MSS octets: each response starts at a multiple of it, or is the last (2800, 1400, 1100 octets).
  const out: Unit[] = [];
  for (let start = 0; start < at; start += MSS) {
    const end = Math.min(at, start + MSS);
    const parts = chunks.filter((c) => c.start < end && start < c.end).map((c) => (c.start >= start ? `200 OK ${EXCHANGE_FILES[c.tag]!.path}` : `…${EXCHANGE_FILES[c.tag]!.path}`));
    out.push({ start, end, key: parts.join(" + ") });
  }
  return out;
}

/** The connections of the run: which files each carries. */
function connections(mode: ExchangeMode): number[][] {
  const tags = EXCHANGE_FILES.map((_, tag) => tag);
  return mode === "close" ? tags.map((tag) => [tag]) : [tags];
}

/**
 * Each stream of the built-in run, cut where its TCP delivered it in order:
 * a segment's octets arrive with its first copy to arrive, and move to the
 * application when everything before them has (the arrival that fills a
 * hole delivers what waited behind it in the same piece).
 */
export function streamsOf(result: ExchangeResult, mode: ExchangeMode): Stream[] | string {
  const multi = mode === "close";
  const streams: Stream[] = [];
  for (const [conn, tags] of connections(mode).entries()) {
    for (const role of ["request", "response"] as const) {
      const texts = tags.map((tag) => (role === "request" ? requestText(tag, mode) : Object.values(responseText(tag, mode)).join("")));
      const list = units(role, tags, texts.map((t) => t.length));
      const from = role === "request" ? "left" : "right";
      const suffix = multi ? ` [conn ${conn + 1}]` : "";
      // When each unit first arrived, and by which packet.
      const first = list.map(() => ({ atMs: Infinity, id: -1 }));
      for (const packet of result.ladder.packets) {
        if (packet.from !== from || !packet.label.endsWith(suffix) || packet.arrivedMs === null) continue;
        const label = multi ? packet.label.slice(0, -suffix.length) : packet.label;
        if (multi && label.includes("[conn")) continue;
        const parts = label.split(" + ");
        if (!parts.every((p) => p.startsWith("GET ") || p.startsWith("200 OK ") || p.startsWith("…"))) continue;
        // A request packet names whole requests; a response packet is one MSS segment of the stream.
        const covered = role === "request" ? parts.map((p) => list.findIndex((u) => u.key === p)) : [list.findIndex((u) => u.key === label)];
        if (covered.some((i) => i < 0)) return `the built-in run sent a segment this page cannot place (${label})`;
        for (const i of covered) if (packet.arrivedMs < first[i]!.atMs) first[i] = { atMs: packet.arrivedMs, id: packet.id };
      }
      const stream = texts.join("");
      const pieces: { start: number; end: number; atMs: number; by: number }[] = [];
      let delivered = 0;
      let complete = true;
      for (const [i, unit] of list.entries()) {
        const got = first[i]!;
        if (got.atMs === Infinity) {
          complete = false;
          break;
        }
        const last = pieces.at(-1);
        // Held behind a hole (or in the same packet as the one before): delivered with the piece that released it.
        if (last !== undefined && (got.atMs < delivered || got.id === last.by)) last.end = unit.end;
        else pieces.push({ start: unit.start, end: unit.end, atMs: got.atMs, by: got.id });
        delivered = Math.max(delivered, got.atMs);
      }
      if (pieces.length === 0) continue;
      streams.push({ role, conn, tags, complete, pieces: pieces.map((p) => ({ hex: latin1Hex(stream.slice(p.start, p.end)), atMs: p.atMs })) });
    }
  }
  return streams;
}

/** The built-in run for these controls (undefined while the class edition's recording loads). */
function builtIn(values: Values): { mode: ExchangeMode; result: ExchangeResult | undefined } {
  const mode = (values.mode ?? "keep-alive") as ExchangeMode;
  return { mode, result: runExchangeView({ mode, rttMs: num(values, "rtt", 50), lossRate: num(values, "loss", 0), seed: num(values, "seed", 1) }) };
}

export function parseCases(streams: readonly Stream[]): ParseCase[] {
  return streams.map((s) => ({ role: s.role, ...(s.role === "response" ? { methods: s.tags.map(() => "GET") } : {}), chunks: s.pieces.map((p) => p.hex) }));
}

export const http1Driver: Driver = {
  input(values) {
    const { mode, result } = builtIn(values);
    if (result === undefined) return { message: "The built-in run for these controls is still loading: your code runs as soon as it is here." };
    const streams = streamsOf(result, mode);
    if (typeof streams === "string") return { message: `Your code cannot run on this run: ${streams}.` };
    const input: ParseInput = { cases: parseCases(streams) };
    return { scenario: "parse", input };
  },

  view(value, values, compact) {
    const { mode, result } = builtIn(values);
    const streams = result === undefined ? "the built-in run is not here" : streamsOf(result, mode);
    if (result === undefined || typeof streams === "string") return { kind: "message", summary: escapeHtml(`Your code's run cannot be drawn: ${String(streams)}.`) };
    const outcomes = value as readonly ParseOutcome[];
    const summary = `${describeExchange(streams, outcomes, result, mode)} ${FOLLOWS}`;
    const marks = parserMarks(streams, outcomes, compact);
    if (marks.length === 0) return { kind: "message", summary };
    const ladder: Ladder = { left: result.ladder.left, right: result.ladder.right, packets: result.ladder.packets.map((p) => ({ ...p })), marks };
    const rttMs = num(values, "rtt", 50);
    const drawing = drawLadder(ladder, { pxPerMs: 2.4 * (50 / rttMs), maxGapPx: 80, title: "Ladder diagram: the built-in run's segments, and when your Parser returned each message", compact });
    return { kind: "picture", summary, drawing };
  },
};

const FOLLOWS =
  "It follows the connection mode, round trip, packet loss and seed: your Parser is pushed the built-in run's segments as its TCP delivered them, in order and when (a segment held behind a lost one comes with the retransmission that fills the hole). " +
  `The messages are HTTP/1.1 of the built-in sizes: ${REQUEST_BYTES}-octet GETs, and responses with a ${RESPONSE_HEADER_BYTES}-octet head and a Content-Length body (with <code>Connection: close</code> on a connection per request, RFC 9112 §9.6).`;

/** Where a parsed message came out: the time of the piece that completed it. */
function doneAt(stream: Stream, message: Parsed): number {
  return message.at === "end" ? stream.pieces.at(-1)!.atMs : stream.pieces[message.at]!.atMs;
}

/** Marks on the ladder: each message the learner's Parser returned (at the arrival that completed it), and any error; `compact`: shorter words, for the narrow drawing. */
export function parserMarks(streams: readonly Stream[], outcomes: readonly ParseOutcome[], compact = false): LadderMark[] {
  const marks: LadderMark[] = [];
  streams.forEach((stream, i) => {
    const outcome = outcomes[i];
    if (outcome === undefined) return;
    const side = stream.role === "request" ? "right" : "left";
    for (const m of outcome.messages) {
      const text = stream.role === "request" ? `${m.method ?? "?"} ${m.target ?? "?"}` : `${m.status ?? "?"} ${m.reason ?? ""}${compact ? "" : ","} ${octets(m.body)} B`;
      const label = compact ? text : `parsed ${text}`;
      marks.push({ t: doneAt(stream, m), side, kind: "deliver", label });
    }
    if (outcome.error !== undefined) {
      const at = outcome.error.at === "end" ? stream.pieces.at(-1)!.atMs : stream.pieces[outcome.error.at]!.atMs;
      marks.push({ t: at, side, kind: "note", label: `threw ${outcome.error.kind}` });
    }
  });
  return marks.sort((a, b) => a.t - b.t);
}

/** The learner's parse of one stream against what was sent: "" when every message came out as sent. */
function problems(stream: Stream, outcome: ParseOutcome | undefined, mode: ExchangeMode): string[] {
  const who = stream.role === "request" ? "request" : "response";
  if (outcome === undefined) return [`no result for ${who}s`];
  const out: string[] = [];
  stream.tags.forEach((tag, i) => {
    const m = outcome.messages[i];
    const name = `the ${who} for ${EXCHANGE_FILES[tag]!.path}`;
    if (m === undefined) {
      if (stream.complete) out.push(`${name} never came out`);
      return;
    }
    const sent = stream.role === "request" ? requestText(tag, mode) : responseText(tag, mode);
    const body = typeof sent === "string" ? "" : latin1Hex(sent.body);
    if (stream.role === "request" && (m.method !== "GET" || m.target !== EXCHANGE_FILES[tag]!.path)) out.push(`${name} came out as ${escapeHtml(`${m.method} ${m.target}`)}`);
    if (stream.role === "response" && (m.status !== 200 || m.reason !== "OK")) out.push(`${name} came out as ${escapeHtml(`${m.status} ${m.reason}`)}`);
    if (m.body !== body) out.push(`${name} has a ${octets(m.body)}-octet body, not the ${octets(body)} octets sent`);
  });
  if (outcome.messages.length > stream.tags.length) out.push(`${outcome.messages.length - stream.tags.length} more ${who}s than were sent came out`);
  if (outcome.error !== undefined) out.push(`your ${who} Parser threw ${escapeHtml(outcome.error.kind)}: ${escapeHtml(outcome.error.message)}`);
  return out;
}

/** The learner's run in a sentence: what each end's Parser returned and when, against the built-in run. */
export function describeExchange(streams: readonly Stream[], outcomes: readonly ParseOutcome[], result: ExchangeResult, mode: ExchangeMode): string {
  const responses = streams.map((s, i) => ({ s, o: outcomes[i] })).filter(({ s }) => s.role === "response");
  const requests = streams.map((s, i) => ({ s, o: outcomes[i] })).filter(({ s }) => s.role === "request");
  const got = (list: typeof responses) => list.reduce((n, { o }) => n + (o?.messages.length ?? 0), 0);
  const pieces = streams.reduce((n, s) => n + s.pieces.length, 0);
  const found = [...requests, ...responses].flatMap(({ s, o }) => problems(s, o, mode));
  const files = EXCHANGE_FILES.length;
  if (got(responses) === 0 && got(requests) === 0) {
    return `Your Parser returned no message from the ${pieces} pieces it was pushed${found.length > 0 ? `: ${found.slice(0, 3).join("; ")}` : ""}.`;
  }
  const last = responses.flatMap(({ s, o }) => (o?.messages ?? []).map((m) => doneAt(s, m)));
  const builtInDone = result.doneMs === null ? "" : ` (the built-in browser: ${formatMs(result.doneMs)})`;
  const bodies = EXCHANGE_FILES.map((f) => f.bytes).join(", ");
  if (found.length === 0 && got(responses) === files && got(requests) === files) {
    return `Your Parser read all ${files} responses (200 OK, bodies of ${bodies} octets), the last complete at <strong>${formatMs(Math.max(...last))}</strong>${builtInDone}, and as the server all ${files} requests, from <strong>${pieces}</strong> pieces.`;
  }
  return `Your Parser read <strong>${got(responses)} of ${files}</strong> responses and ${got(requests)} of ${files} requests from ${pieces} pieces: ${found.slice(0, 4).join("; ") || "the run ended first"}.`;
}
