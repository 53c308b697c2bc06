/**
 * "Use my code" for the notification simulation (NotifySim.astro): the
 * learner's websocket lab Connection as the WebSocket technique's server,
 * through the lab's `session` scenario (labs/websocket/harness.ts). As in the
 * built-in model (notify.ts), the client's first frame is a masked text
 * message subscribing to the notifications, cut where the seed says as TCP
 * may cut it; the server then sends each notification of the built-in run as
 * a text message, and at the end of the 60 s the client closes with 1001
 * "going away" (RFC 6455 §7.4.1), which the server must answer with a Close
 * (§5.5.1). The notifications come from the built-in run for the same
 * controls (notify.model.ts: the recorded run in the class edition), so no
 * frame is built here; the client's two frames are fixed bytes.
 */
import type { EventView, SessionInput, SessionResult, Step, StepResult } from "#labs/websocket/scenarios.ts";
import { num, scrollRegion, type Values } from "#site/components/sim-client.ts";
import type { NotifyEvent, NotifyResult } from "#site/simulations/patterns/notify.ts";
import { runNotify } from "#site/simulations/patterns/notify.model.ts";
import { formatMs, s } from "#site/simulations/tcp-udp/svg.ts";
import { appendTimeAxis } from "#site/simulations/patterns/notify-axis.ts";
import { Random } from "#runtime/core/random.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** The client's subscription, as the built-in client sends it (notify.ts). */
export const SUBSCRIBE_TEXT = '{"subscribe":"notifications"}';
/** The masking key of RFC 6455 §5.7's examples: the client's frames below are masked with it (§5.3). */
export const CLIENT_MASK_KEY = "37fa213d";
/** SUBSCRIBE_TEXT as a client's text frame: FIN and opcode 1, MASK and length 29, the key, the masked payload (RFC 6455 §5.2). */
export const SUBSCRIBE_FRAME = "819d37fa213d4cd852485589424f5e98441f0dd84f5243934754549b55545894521f4a";
/** The client's Close with status 1001, going away (RFC 6455 §7.4.1: a browser having navigated away from a page), masked. */
export const CLOSE_FRAME = "888237fa213d3413";
export const CLOSE_CODE = 1001;

/** Frames listed in the table under the drawing; the rest are counted. */
const LISTED = 6;

/** The built-in run for these controls: the notifications the learner's server sends (undefined while a recording loads). */
function builtIn(values: Values): NotifyResult | undefined {
  return runNotify({
    pollIntervalMs: num(values, "interval", 2000),
    oneWayMs: num(values, "delay", 50),
    eventsPerMinute: num(values, "rate", 20),
    seed: num(values, "seed", 1),
  });
}

/** The subscription frame cut into 1 to 3 pieces at seeded places, as the built-in side's byte streams cut their bytes. */
export function subscribeChunks(seed: number): string[] {
  const random = new Random(seed).fork("your-code:websocket-subscribe");
  const length = SUBSCRIBE_FRAME.length / 2;
  const cuts = new Set<number>();
  const count = random.int(0, 2);
  for (let i = 0; i < count; i++) cuts.add(random.int(1, length - 1));
  const at = [0, ...[...cuts].sort((a, b) => a - b), length];
  return at.slice(1).map((end, i) => SUBSCRIBE_FRAME.slice(2 * at[i]!, 2 * end));
}

export function sessionSteps(events: readonly NotifyEvent[], seed: number): Step[] {
  return [{ receive: subscribeChunks(seed) }, ...events.map((event) => ({ sendText: event.json })), { receive: [CLOSE_FRAME] }];
}

export const websocketDriver: Driver = {
  input(values) {
    const run = builtIn(values);
    if (run === undefined) return { message: "The built-in run's notifications are still loading; your code runs once they are here." };
    const seed = num(values, "seed", 1);
    const input: SessionInput = { role: "server", maskSeed: seed, steps: sessionSteps(run.events, seed) };
    return { scenario: "session", input };
  },

  view(value, values, compact) {
    const run = builtIn(values);
    if (run === undefined) return { kind: "message", summary: "The built-in run's notifications are still loading." };
    const read = readSession(value as SessionResult, run.events);
    const summary = `${describeSession(read, run.events.length, subscribeChunks(num(values, "seed", 1)).length)} ${FOLLOWS}`;
    if (read.frames.every((f) => f.hex === "") && read.subscribe.events.length === 0 && read.close.events.length === 0) return { kind: "message", summary };
    const drawing = document.createElement("div");
    drawing.className = "pt-notify";
    drawing.append(timeline(read, run, compact), frameTable(read, run.events, compact));
    return { kind: "picture", summary, drawing };
  },
};

/** Which controls the learner's run follows. */
const FOLLOWS =
  "It follows <em>Events per minute</em> and <em>Seed</em> (the same notifications, and where the client's subscription is cut). " +
  "The delay and the poll interval change only the built-in side: the lab's session has no clock, so each frame is drawn when the server had its notification.";

/** One notification's frame from the learner's server. */
export interface FrameRead {
  /** The frame's bytes, hex without spaces ("" when none). */
  readonly hex: string;
  /** Bytes before the notification's own bytes (the frame header), when the frame ends with them unmasked. */
  readonly header: number | null;
  readonly error?: string;
}

/** What the learner's server did with the client's frame(s) of one receive step. */
export interface Received {
  readonly events: readonly EventView[];
  /** Everything it wrote back, hex without spaces. */
  readonly sent: string;
  readonly errors: readonly string[];
}

export interface SessionRead {
  readonly subscribe: Received;
  readonly frames: readonly FrameRead[];
  readonly close: Received;
  readonly changedLater: readonly string[];
}

const bare = (hex: string) => hex.replace(/\s/g, "");

function received(step: StepResult | undefined): Received {
  const calls = step?.calls ?? [];
  return {
    events: calls.flatMap((c) => c.events),
    sent: calls.map((c) => bare(c.sent)).join(""),
    errors: calls.flatMap((c) => (c.error === undefined ? [] : [c.error])),
  };
}

/** The harness's steps as the subscription, one frame per notification, and the close. */
export function readSession(result: SessionResult, events: readonly NotifyEvent[]): SessionRead {
  const frames = events.map((event, i): FrameRead => {
    const call = result.steps[i + 1]?.calls[0];
    const hex = bare(call?.sent ?? "");
    const payload = utf8Hex(event.json);
    const header = hex.length > payload.length && hex.endsWith(payload) ? (hex.length - payload.length) / 2 : null;
    return call?.error === undefined ? { hex, header } : { hex, header, error: call.error };
  });
  return { subscribe: received(result.steps[0]), frames, close: received(result.steps[events.length + 1]), changedLater: result.changedLater };
}

function utf8Hex(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const spaced = (hex: string) => hex.replace(/(..)(?!$)/g, "$1 ");

/** The learner's run in a sentence: the subscription it read, the frames it sent, how it answered the Close. */
export function describeSession(read: SessionRead, count: number, pieces: number): string {
  const parts: string[] = [];
  const subscribed = read.subscribe.events.some((e) => e.type === "text" && e.text === SUBSCRIBE_TEXT);
  if (subscribed) parts.push(`read the client's masked subscription${pieces > 1 ? `, which arrived in ${pieces} pieces` : ""}`);
  else parts.push(`did not read the client's subscription as the text ${escapeHtml(SUBSCRIBE_TEXT)}${eventsText(read.subscribe)}`);

  const sent = read.frames.filter((f) => f.hex !== "");
  const good = read.frames.filter((f) => f.header !== null);
  const bytes = sent.reduce((sum, f) => sum + f.hex.length / 2, 0);
  const headers = good.reduce((sum, f) => sum + f.header!, 0);
  const threw = read.frames.findIndex((f) => f.error !== undefined);
  if (good.length === count) {
    parts.push(`sent <strong>${count}</strong> frame${count === 1 ? "" : "s"} for the ${count} notification${count === 1 ? "" : "s"}, ${bytes} bytes of which <strong>${headers}</strong> are frame headers`);
  } else {
    const wrong = read.frames.findIndex((f) => f.header === null);
    const what =
      threw >= 0
        ? `its send() threw on notification ${threw + 1}: ${escapeHtml(read.frames[threw]!.error!)}`
        : read.frames[wrong]!.hex === ""
          ? `its send() returned no bytes for notification ${wrong + 1}`
          : `the frame for notification ${wrong + 1} does not end with the notification's own bytes (a server does not mask, RFC 6455 §5.1)`;
    parts.push(`sent <strong>${good.length} of ${count}</strong> notifications as frames that carry them: ${what}`);
  }

  const closed = read.close.events.find((e) => e.type === "close");
  if (closed !== undefined && closed.type === "close" && closed.code === CLOSE_CODE) {
    parts.push(read.close.sent === "" ? `read the client's Close ${CLOSE_CODE} but sent no Close back (RFC 6455 §5.5.1 says it must)` : `answered the client's Close ${CLOSE_CODE} with <code>${spaced(read.close.sent)}</code>`);
  } else parts.push(`did not report the client's Close ${CLOSE_CODE}${eventsText(read.close)}`);
  if (read.changedLater.length > 0) parts.push(`changed bytes it had returned before (${escapeHtml(read.changedLater[0]!)})`);
  return `Your server ${parts.join("; ")}.`;
}

function eventsText(r: Received): string {
  if (r.errors.length > 0) return ` (receive() threw: ${escapeHtml(r.errors[0]!)})`;
  const fail = r.events.find((e) => e.type === "fail");
  if (fail !== undefined && fail.type === "fail") return ` (it failed the connection with ${fail.code})`;
  if (r.events.length === 0) return " (receive() reported no event)";
  return ` (it reported ${escapeHtml(r.events.map((e) => e.type).join(", "))})`;
}

/** Three rows over the built-in side's 60 s: the notifications, your server's frames, and the client's two frames with your answers. */
function timeline(read: SessionRead, run: NotifyResult, compact: boolean): SVGElement {
  const labelW = compact ? 0 : 130;
  const width = compact ? 360 : 520;
  const rowH = compact ? 46 : 40;
  const top = 10;
  const plotW = width - labelW - (compact ? 28 : 20);
  const endMs = run.durationMs;
  const x = (t: number) => labelW + (compact ? 12 : 4) + (Math.min(t, endMs) / endMs) * plotW;
  const rows = ["Notifications", "Your server's frames", "Client's frames"];
  // Narrow: the row names sit over the rows, so the client's frames are labelled under theirs, with room before the axis.
  const axisY = top + rows.length * rowH + (compact ? 10 : 4);
  const height = axisY + 26;
  const svg = s("svg", {
    class: "sim-svg pt-timeline",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Timeline over ${endMs / 1000} s: each notification, the frame your server sent for it, and the client's subscription and Close`,
  });
  const rowY = (i: number) => top + i * rowH + (compact ? 28 : rowH / 2);
  rows.forEach((name, i) => {
    const y = rowY(i);
    svg.append(
      s("text", { x: compact ? 4 : labelW - 4, y: compact ? y - 14 : y + 4, "text-anchor": compact ? "start" : "end", class: "sim-small" }, name),
      s("line", { x1: x(0), x2: x(endMs), y1: y, y2: y, class: "sim-grid" }),
    );
  });
  run.events.forEach((event, k) => {
    svg.append(s("line", { x1: x(event.atMs), x2: x(event.atMs), y1: rowY(0) - 8, y2: rowY(0) + 8, class: "pt-event" }, s("title", {}, `Notification ${k + 1} at ${formatMs(event.atMs)}`)));
    const frame = read.frames[k]!;
    const title =
      frame.header !== null
        ? `Notification ${k + 1}: a ${frame.hex.length / 2}-byte frame, header ${spaced(frame.hex.slice(0, 2 * frame.header))}`
        : `Notification ${k + 1}: ${frame.error !== undefined ? `send() threw: ${frame.error}` : frame.hex === "" ? "no bytes" : "a frame that does not carry it"}`;
    const mark = frame.header !== null ? s("circle", { cx: x(event.atMs), cy: rowY(1), r: 3.2, class: "pt-dot pt-ws" }) : s("circle", { cx: x(event.atMs), cy: rowY(1), r: 4, class: "pt-cell pt-lost" });
    mark.append(s("title", {}, title));
    svg.append(mark);
  });
  const subscribed = read.subscribe.events.some((e) => e.type === "text" && e.text === SUBSCRIBE_TEXT);
  const closed = read.close.events.some((e) => e.type === "close");
  const y = rowY(2);
  const labelY = compact ? y + 15 : y - 7;
  svg.append(
    s("circle", { cx: x(0), cy: y, r: 4, class: subscribed ? "pt-dot pt-ws" : "pt-cell pt-lost" }, s("title", {}, subscribed ? "The subscription: read" : "The subscription: not read")),
    s("text", { x: x(0) + (compact ? 0 : 8), y: labelY, class: "sim-small" }, subscribed ? "subscribe ✓" : "subscribe ✗"),
    s("circle", { cx: x(endMs), cy: y, r: 4, class: closed && read.close.sent !== "" ? "pt-dot pt-ws" : "pt-cell pt-lost" }, s("title", {}, `Close ${CLOSE_CODE}`)),
    s("text", { x: x(endMs) - (compact ? 0 : 8), y: labelY, "text-anchor": "end", class: "sim-small" }, closed ? (read.close.sent === "" ? `Close ${CLOSE_CODE}: no answer` : `Close ${CLOSE_CODE} → ${spaced(read.close.sent.slice(0, 16))}`) : `Close ${CLOSE_CODE} ✗`),
  );
  appendTimeAxis(svg, x, axisY, endMs, compact);
  return svg;
}

/** The first frames: when, the header bytes, the frame's size. */
function frameTable(read: SessionRead, events: readonly NotifyEvent[], compact: boolean): HTMLElement {
  const wrap = scrollRegion("pt-table-wrap", "Your server's first frames");
  const rows = read.frames
    .slice(0, LISTED)
    .map((frame, k) => {
      const at = formatMs(events[k]!.atMs);
      const header = frame.header !== null ? `<code>${spaced(frame.hex.slice(0, 2 * frame.header))}</code>` : frame.error !== undefined ? "threw" : frame.hex === "" ? "no bytes" : "does not carry it";
      return `<tr><th scope="row">${k + 1}</th><td>${at}</td><td>${header}</td><td>${frame.hex.length / 2}</td></tr>`;
    })
    .join("");
  const more = read.frames.length > LISTED ? ` The first ${LISTED} of ${read.frames.length}.` : "";
  wrap.innerHTML =
    `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>Your server's frames: the header before each notification's JSON, and the frame's bytes.${more}</caption>` +
    `<thead><tr><th scope="col">#</th><th scope="col">Sent at</th><th scope="col">Header</th><th scope="col">Bytes</th></tr></thead><tbody>${rows}</tbody></table>`;
  return wrap;
}
