import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import { formatMs, s } from "./client.ts";
import type { PageLoadControls } from "./pageload-controls.ts";
import { unpack, type PageLoadView } from "./pageload-view.ts";
import { runPageLoadView } from "./pageload.model.ts";

function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** Two waterfalls, one per protocol, on one time axis. */
function drawWaterfalls(results: readonly { label: string; result: PageLoadView }[], compact: boolean): SVGElement {
  const width = compact ? 400 : 660;
  const left = compact ? 16 : 84;
  const right = 12;
  const rowH = compact ? 6 : 7;
  const plotW = width - left - right;
  const rows = results[0]!.result.resources.length;
  const tMax = Math.max(...results.map((r) => r.result.loadMs ?? Math.max(...r.result.resources.map((x) => x[5] ?? 0)))) * 1.04;
  const X = (t: number) => left + (Math.min(t, tMax) / tMax) * plotW;
  const chartH = rows * rowH + 30;
  const height = 20 + results.length * (chartH + 10) + 30;
  const title = "Waterfall charts: when each file was waiting, requested and received, for HTTP/1.1 and HTTP/2";
  const root = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "sim-svg http-waterfall", role: "img", "aria-label": title });
  root.append(s("title", {}, title));
  // Legend.
  const legend: [string, string][] = compact
    ? [
        ["wf-queued", "queued"],
        ["wf-wait", "awaiting response"],
        ["wf-recv", "receiving"],
      ]
    : [
        ["wf-queued", "waiting for a connection"],
        ["wf-wait", "request sent, no response yet"],
        ["wf-recv", "receiving"],
      ];
  let lx = left;
  for (const [cls, text] of legend) {
    root.append(s("rect", { x: lx, y: 6, width: 14, height: 8, class: cls }));
    root.append(s("text", { x: lx + 18, y: 14, class: "sim-small" }, text));
    lx += 26 + text.length * (compact ? 5.2 : 6);
  }
  let y0 = 24;
  const step = niceStep(tMax, compact ? 4 : 7);
  for (const { label, result } of results) {
    root.append(s("text", { x: left, y: y0 + 12, class: "sim-end" }, `${label}: ${result.loadMs === null ? "did not finish" : formatMs(result.loadMs)}`));
    const top = y0 + 20;
    for (let t = 0; t <= tMax; t += step) {
      root.append(s("line", { x1: X(t), x2: X(t), y1: top, y2: top + rows * rowH, class: "sim-grid" }));
    }
    result.resources.map(unpack).forEach((r, i) => {
      const y = top + i * rowH;
      const g = s("g", {});
      const tip = `${r.name} (${(r.bytes / 1000).toFixed(1)} kB)${r.connection !== null && result.connections > 1 ? `, connection ${r.connection + 1}` : ""}: requested ${r.requestMs === null ? "never" : formatMs(r.requestMs)}, first bytes ${r.firstByteMs === null ? "–" : formatMs(r.firstByteMs)}, done ${r.doneMs === null ? "–" : formatMs(r.doneMs)}`;
      g.append(s("title", {}, tip));
      if (Number.isFinite(r.discoveredMs) && r.requestMs !== null && r.requestMs > r.discoveredMs + 0.5) {
        g.append(s("rect", { x: X(r.discoveredMs), y: y + 1, width: Math.max(0.5, X(r.requestMs) - X(r.discoveredMs)), height: rowH - 2, class: "wf-queued" }));
      }
      if (r.requestMs !== null) {
        const firstByte = r.firstByteMs ?? r.doneMs ?? tMax;
        g.append(s("rect", { x: X(r.requestMs), y: y + 1, width: Math.max(0.5, X(firstByte) - X(r.requestMs)), height: rowH - 2, class: "wf-wait" }));
        if (r.firstByteMs !== null) {
          g.append(s("rect", { x: X(r.firstByteMs), y: y + 1, width: Math.max(1, X(r.doneMs ?? tMax) - X(r.firstByteMs)), height: rowH - 2, class: "wf-recv" }));
        }
      }
      if (!compact && (i === 0 || i % 5 === 0)) g.append(s("text", { x: left - 6, y: y + rowH - 0.5, class: "sim-small wf-name", "text-anchor": "end" }, r.name));
      root.append(g);
    });
    if (result.loadMs !== null) {
      root.append(s("line", { x1: X(result.loadMs), x2: X(result.loadMs), y1: top - 4, y2: top + rows * rowH + 2, class: "wf-load" }));
    }
    y0 = top + rows * rowH + 16;
  }
  // Time axis.
  root.append(s("line", { x1: left, x2: left + plotW, y1: y0, y2: y0, class: "sim-axis" }));
  for (let t = 0; t <= tMax; t += step) {
    root.append(s("text", { x: X(t), y: y0 + 14, class: "sim-small", "text-anchor": "middle" }, formatMs(t)));
  }
  return root;
}

const meanDone = (r: PageLoadView) => r.resources.reduce((sum, x) => sum + (x[5] ?? 0), 0) / r.resources.length;

export function setUpPageLoad(): void {
  setUpSimulations("page-load", (values, compact) => {
    const common = {
      resources: num(values, "files", 30),
      rttMs: num(values, "rtt", 100),
      rateMbps: num(values, "rate", 10),
      lossRate: num(values, "loss", 0),
      seed: num(values, "seed", 1),
    };
    const depth = num(values, "pipeline", 1);
    const run = (version: PageLoadControls["version"]) => runPageLoadView({ ...common, version, pipelineDepth: version === "http1" ? depth : 1 });
    const h1 = run("http1");
    const h2 = run("http2");
    const h3 = values.versions === "all" ? run("http3") : null;
    // The class edition's recordings arrive after the first draw (pageload.recorded.ts).
    if (h1 === undefined || h2 === undefined || h3 === undefined) return pendingView();
    const t = (r: PageLoadView) => (r.loadMs === null ? "did not finish" : formatMs(r.loadMs));
    const rows = [
      { label: `HTTP/1.1${depth > 1 ? ", pipelined" : ""}, ${h1.connections} connection${h1.connections === 1 ? "" : "s"}`, result: h1 },
      { label: "HTTP/2, one connection", result: h2 },
      ...(h3 === null ? [] : [{ label: "HTTP/3 (QUIC streams), one connection", result: h3 }]),
    ];
    const summary =
      `Page of ${common.resources + 1} files, whole page / average file: ` +
      rows.map(({ label, result }) => `${label.split(",")[0]} <strong>${t(result)}</strong> / ${formatMs(meanDone(result))}`).join("; ") +
      `. Retransmitted segments: ${rows.map((r) => r.result.retransmissions).join(", ")}. ` +
      `Segments that reached the browser but waited in TCP's buffer behind a lost one: ${h1.heldSegments} (HTTP/1.1, spread over ${h1.connections} connections) and <strong>${h2.heldSegments}</strong> (HTTP/2, blocking every stream)` +
      (h3 === null ? "." : "; HTTP/3 hands each stream its data as soon as that stream is complete.");
    return { summary, drawing: drawWaterfalls(rows, compact) };
  });
}
