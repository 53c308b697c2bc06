import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { formatMs, s } from "../tcp-udp/svg.ts";
import { runMux, type MuxRun } from "./mux.ts";

function panel(run: MuxRun, endMs: number, compact: boolean): SVGElement {
  const width = compact ? 360 : 720;
  const labelW = compact ? 0 : 150;
  const rowH = 7;
  const top = compact ? 20 : 6;
  const height = top + run.fetches.length * rowH + 8;
  const plotW = width - labelW - 10;
  const x = (t: number) => labelW + (t / endMs) * plotW;
  const g = s("svg", { class: "sim-svg pt-mux", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `${run.name}: each resource's request and response as a bar over time; finished at ${formatMs(run.totalMs)}` });
  g.append(
    s("text", { x: compact ? 0 : labelW - 8, y: compact ? 13 : top + (run.fetches.length * rowH) / 2 - 2, "text-anchor": compact ? "start" : "end", class: "sim-small sim-state" }, run.name),
    s("text", { x: compact ? width : labelW - 8, y: compact ? 13 : top + (run.fetches.length * rowH) / 2 + 13, "text-anchor": "end", class: "sim-small" }, `done at ${formatMs(run.totalMs)}`),
  );
  const firstSent = Math.min(...run.fetches.map((f) => f.sentMs));
  g.append(s("rect", { x: x(0), y: top, width: x(firstSent) - x(0), height: run.fetches.length * rowH, class: "pt-handshake" }));
  run.fetches.forEach((f, i) => {
    g.append(
      s("rect", { x: x(f.sentMs), y: top + i * rowH + 1, width: Math.max(1.5, x(f.doneMs) - x(f.sentMs)), height: rowH - 2, rx: 1.5, class: `pt-bar pt-conn${f.connection % 6}` }, s("title", {}, `resource ${f.resource + 1} (${(f.bytes / 1000).toFixed(0)} kB) on connection ${f.connection + 1}: requested at ${formatMs(f.sentMs)}, complete at ${formatMs(f.doneMs)}`)),
    );
  });
  return g;
}

export function setUpMux(): void {
  setUpSimulations("mux", (values, compact) => {
    const result = runMux({ resources: num(values, "resources", 12), oneWayMs: num(values, "delay", 50), pool: num(values, "pool", 6), seed: num(values, "seed", 1) });
    const [one, pool, h2] = result.runs;
    const total = result.sizes.reduce((a, b) => a + b, 0);
    const summary =
      `${result.sizes.length} resources, ${(total / 1000).toFixed(0)} kB in all, over a 20 Mb/s link. One HTTP/1.1 connection finished in <strong>${formatMs(one!.totalMs)}</strong>, ` +
      `${pool!.connections} connections in <strong>${formatMs(pool!.totalMs)}</strong>, one HTTP/2 connection in <strong>${formatMs(h2!.totalMs)}</strong> ` +
      `(${pool!.connections} handshakes against 1).`;
    const endMs = Math.max(...result.runs.map((r) => r.totalMs));
    const drawing = document.createElement("div");
    for (const run of result.runs) drawing.append(panel(run, endMs, compact));
    const axis = s("svg", { class: "sim-svg", viewBox: `0 0 ${compact ? 360 : 720} 24`, "aria-hidden": "true" });
    const labelW = compact ? 0 : 150;
    const plotW = (compact ? 360 : 720) - labelW - 10;
    const step = endMs > 1500 ? 500 : endMs > 600 ? 200 : 100;
    axis.append(s("line", { x1: labelW, x2: labelW + plotW, y1: 2, y2: 2, class: "sim-axis" }));
    for (let t = 0; t <= endMs; t += step) {
      const xx = labelW + (t / endMs) * plotW;
      axis.append(s("text", { x: xx, y: 18, "text-anchor": t === 0 ? "start" : "middle", class: "sim-small" }, `${t} ms`));
    }
    drawing.append(axis);
    const legend = document.createElement("p");
    legend.className = "pt-legend";
    legend.textContent = "One bar per resource, from request to last byte; the colour is the connection that carried it. The shaded strip is the handshakes (TCP, then TLS 1.3: two round trips).";
    drawing.append(legend);
    return { summary, drawing };
  });
}
