import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { formatMs, s } from "../tcp-udp/svg.ts";
import { appendTimeAxis } from "#site/simulations/patterns/notify-axis.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { NotifyResult } from "./notify.ts";
import { TECHNIQUE_NAMES } from "./notify-controls.ts";
import { runNotify } from "./notify.model.ts";

const KEYS = { "short-polling": "sp", "long-polling": "lp", sse: "sse", websocket: "ws" } as const;

function kb(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} kB` : `${n.toLocaleString("en")} B`;
}

const SHORT_NAMES = { "short-polling": "Short poll", "long-polling": "Long poll", sse: "SSE", websocket: "WebSocket" } as const;

function table(result: NotifyResult, compact: boolean): HTMLElement {
  const wrap = scrollRegion("pt-table-wrap", "Results for each way of notifying");
  const rows = result.results
    .map(
      (r) =>
        `<tr><th scope="row"><span class="pt-swatch pt-${KEYS[r.technique]}"></span>${compact ? SHORT_NAMES[r.technique] : TECHNIQUE_NAMES[r.technique]}</th>` +
        `<td>${r.requests}</td>${compact ? "" : `<td>${r.messages}</td>`}<td>${kb(r.overheadBytes)}</td>${compact ? "" : `<td>${kb(r.payloadBytes)}</td>`}` +
        `<td>${formatMs(r.averageLatencyMs)}</td><td>${formatMs(r.maxLatencyMs)}</td></tr>`,
    )
    .join("");
  const caption = compact
    ? `Same ${result.events.length} events (${kb(result.results[0]!.payloadBytes)} of data) four ways. Overhead: every byte but the events' data.`
    : `Same ${result.events.length} events, four ways. Messages count both directions; overhead is every byte but the events' data (headers, SSE fields, chunk sizes, frame headers); latency runs from the server having an event to the client having it.`;
  wrap.innerHTML =
    `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>${caption}</caption>` +
    `<thead><tr><th scope="col">Technique</th><th scope="col">${compact ? "Req." : "Requests"}</th>${compact ? "" : '<th scope="col">Messages</th>'}` +
    `<th scope="col">Overhead</th>${compact ? "" : '<th scope="col">Event data</th>'}` +
    `<th scope="col">${compact ? "Avg" : "Average latency"}</th><th scope="col">${compact ? "Worst" : "Worst latency"}</th></tr></thead><tbody>${rows}</tbody></table>`;
  return wrap;
}

function timeline(result: NotifyResult, compact: boolean): SVGElement {
  const labelW = compact ? 0 : 130;
  const width = compact ? 360 : 720;
  const rowH = compact ? 46 : 40;
  const top = 10;
  const plotW = width - labelW - (compact ? 28 : 20);
  const endMs = Math.max(result.durationMs, ...result.results.flatMap((r) => r.deliveredAtMs.map((t) => t ?? 0)));
  const x = (t: number) => labelW + (compact ? 12 : 4) + (t / endMs) * plotW;
  const rows = [{ key: "ev", name: "Events generated" }, ...result.results.map((r) => ({ key: KEYS[r.technique], name: TECHNIQUE_NAMES[r.technique] }))];
  const height = top + rows.length * rowH + 30;
  const svg = s("svg", {
    class: "sim-svg pt-timeline",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Timeline over ${result.durationMs / 1000} s: when each event was generated and when each technique delivered it`,
  });
  rows.forEach((row, i) => {
    const y = top + i * rowH + (compact ? 28 : rowH / 2);
    svg.append(
      s("text", { x: compact ? 4 : labelW - 4, y: compact ? y - 14 : y + 4, "text-anchor": compact ? "start" : "end", class: "sim-small" }, row.name),
      s("line", { x1: x(0), x2: x(endMs), y1: y, y2: y, class: "sim-grid" }),
    );
    if (i === 0) {
      // Each generated event is a step of the timeline control (group e<k>): its tick here and its delivery in every row below.
      result.events.forEach((e, k) => {
        const tick = s("line", { x1: x(e.atMs), x2: x(e.atMs), y1: y - 8, y2: y + 8, class: "pt-event" });
        const waits = result.results.map((r) => {
          const at = r.deliveredAtMs[k];
          return `${SHORT_NAMES[r.technique]} ${at === null || at === undefined ? "never" : `+${formatMs(at - e.atMs)}`}`;
        });
        markEvent(tick, e.atMs, `generated at ${formatMs(e.atMs)}; reaches the client: ${waits.join(", ")}`, `e${k}`);
        svg.append(tick);
      });
      return;
    }
    const r = result.results[i - 1]!;
    for (const t of r.requestTimesMs) svg.append(s("line", { x1: x(t), x2: x(t), y1: y + 6, y2: y + 12, class: "pt-request" }));
    result.events.forEach((e, k) => {
      const at = r.deliveredAtMs[k];
      if (at === null || at === undefined) return;
      const delivery = s("g", {}, s("line", { x1: x(e.atMs), x2: x(at), y1: y, y2: y, class: `pt-wait pt-${row.key}` }), s("circle", { cx: x(at), cy: y, r: 3.2, class: `pt-dot pt-${row.key}` }));
      markEvent(delivery, e.atMs, null, `e${k}`);
      svg.append(delivery);
    });
  });
  const axisY = top + rows.length * rowH + 4;
  appendTimeAxis(svg, x, axisY, endMs, compact);
  return svg;
}

/** HTML-escapes `value` and marks its line endings: \r\n for HTTP's CRLF, \n for the LF of SSE lines. */
function escape(value: string): string {
  return value
    .replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\r\n/g, '<span class="pt-eol">\\r\\n</span>\r')
    .replace(/\n/g, '<span class="pt-eol">\\n</span>\n')
    .replace(/\r/g, "\n");
}

export function setUpNotify(): void {
  setUpSimulations("notify", (values, compact) => {
    const result = runNotify({
      pollIntervalMs: num(values, "interval", 2000),
      oneWayMs: num(values, "delay", 50),
      eventsPerMinute: num(values, "rate", 20),
      seed: num(values, "seed", 1),
    });
    if (result === undefined) return pendingView();
    const [sp, lp, sse, ws] = result.results;
    const summary =
      `${result.events.length} events in 60 s. Short polling sent <strong>${sp!.requests}</strong> requests to deliver them ` +
      `(average latency <strong>${formatMs(sp!.averageLatencyMs)}</strong>); long polling sent ${lp!.requests}; ` +
      `server-sent events and the WebSocket needed one request each and delivered in about <strong>${formatMs(ws!.averageLatencyMs)}</strong>, ` +
      `with ${kb(sse!.overheadBytes)} and ${kb(ws!.overheadBytes)} of overhead against short polling's ${kb(sp!.overheadBytes)}.`;
    const drawing = document.createElement("div");
    drawing.className = "pt-notify";
    const legend = document.createElement("p");
    legend.className = "pt-legend";
    legend.textContent = "Each dot is an event reaching the client; the line before it runs from the moment the server had the event. Ticks under a row are the client's requests.";
    const samples = document.createElement("details");
    samples.className = "pt-samples";
    samples.innerHTML =
      "<summary>The bytes: each technique's first request and first message carrying an event</summary>" +
      result.results
        .map((r) => `<h4>${TECHNIQUE_NAMES[r.technique]}</h4><pre>${escape(r.sample.request)}</pre><pre>${escape(r.sample.message)}</pre>`)
        .join("");
    drawing.append(table(result, compact), timeline(result, compact), legend, samples);
    return { summary, drawing };
  });
}
