/**
 * The congestion window plot: cwnd (solid) and ssthresh (dashed) in bytes
 * over time, as step lines, since both change at instants and hold between.
 * ssthresh null means "infinite" (slow start has not ended yet) and is not
 * drawn. Fast recovery is shaded and timeouts are red lines, as in the
 * chapter's sawtooth; a flat line marks what the path holds (bandwidth-delay
 * product plus queue), with a note when cwnd went above it. Hover or focus
 * the plot and use the arrow keys for a readout.
 */
import type { DemoResult } from "#labs/kit/demo.ts";
import { html, svg, watchWidth, type ViewHandle } from "./dom.ts";
import { formatBytes, msLabel, niceStep, ticks } from "./scale.ts";

export type WindowSeries = NonNullable<DemoResult["series"]>;
export type WindowPoint = WindowSeries[number];

/** What the plot draws besides the series: all optional, from the lab's demo (labs/kit/demo.ts). */
export interface WindowPlotOptions {
  /** When the run ended (the last sample by default). */
  readonly endMs?: number | undefined;
  readonly recoveries?: DemoResult["recoveries"];
  readonly timeoutsMs?: DemoResult["timeoutsMs"];
  readonly path?: DemoResult["path"];
}

const HEIGHT = 260;
let nextId = 0;
const PAD = { left: 54, right: 24, top: 14, bottom: 38 };

/** A linear map from a domain to a pixel range. */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
  return Object.assign(scale, { domain });
}

/**
 * An SVG path of a step line through `points` (each value holds until the
 * next point), ending at `endTime`. Where `value` is null the line breaks.
 */
export function stepPath(
  points: readonly WindowPoint[],
  value: (p: WindowPoint) => number | null,
  x: (t: number) => number,
  y: (v: number) => number,
  endTime: number,
): string {
  const parts: string[] = [];
  let open = false;
  for (let i = 0; i < points.length; i++) {
    const v = value(points[i]!);
    const px = round(x(points[i]!.timeMs));
    if (v === null) {
      if (open) parts.push(`H${px}`);
      open = false;
      continue;
    }
    const py = round(y(v));
    parts.push(open ? `H${px}V${py}` : `M${px} ${py}`);
    open = true;
  }
  if (open) parts.push(`H${round(x(endTime))}`);
  return parts.join("");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The index of the last point at or before `t` (0 if none). */
export function pointAt(points: readonly WindowPoint[], t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid]!.timeMs <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The y-axis top: cwnd's maximum, and ssthresh's up to twice that (a huge initial ssthresh is clipped). */
export function valueCeiling(points: readonly WindowPoint[], floor = 0): number {
  let cwnd = 0;
  let ssthresh = 0;
  for (const p of points) {
    cwnd = Math.max(cwnd, p.cwnd);
    if (p.ssthresh !== null) ssthresh = Math.max(ssthresh, p.ssthresh);
  }
  return Math.max(cwnd, Math.min(ssthresh, cwnd * 2), floor, 1) * 1.05;
}

/**
 * The samples outside fast recovery. Inside it cwnd is inflated by one
 * segment per duplicate ACK (RFC 5681 §3.2 step 4), segments that have
 * left the network, so it does not say how much is in flight: the axis
 * and the note go by the rest, as the chapter's sawtooth does.
 */
export function outsideRecovery(points: readonly WindowPoint[], recoveries: WindowPlotOptions["recoveries"]): WindowPoint[] {
  const spans = recoveries ?? [];
  return points.filter((p) => !spans.some((r) => p.timeMs > r.fromMs && p.timeMs < r.toMs));
}

/** The note under the plot when cwnd (outside fast recovery) went above what the path holds, or "" (the excess overflows the queue). */
export function overPathNote(points: readonly WindowPoint[], path: WindowPlotOptions["path"]): string {
  if (path === undefined) return "";
  const holds = path.bdpBytes + path.queueBytes;
  const over = points.find((p) => p.cwnd > holds);
  if (over === undefined) return "";
  const peak = Math.max(...points.map((p) => p.cwnd));
  return (
    `cwnd went above what the path holds from ${msLabel(over.timeMs)} ms on (peak ${peak} bytes). ` +
    `The path holds ${holds} bytes: ${path.bdpBytes} in flight on the wire (bandwidth × round-trip time) ` +
    `plus ${path.queueBytes} waiting in the bottleneck queue. Beyond that the queue overflows and drops segments.`
  );
}

/** Draws `series` into `container`, replacing its content; `endMs` is when the run ended (the last sample by default). */
export function renderWindowPlot(container: HTMLElement, series: WindowSeries, options: WindowPlotOptions = {}): ViewHandle {
  const points = [...series].sort((a, b) => a.timeMs - b.timeMs);
  const readout = html("p", { class: "wl-readout", "aria-live": "polite" });
  const frame = html("div", { class: "wl-plot-frame" });
  const legend = html(
    "ul",
    { class: "wl-legend", "aria-label": "Legend" },
    html("li", {}, svg("svg", { width: 34, height: 12, "aria-hidden": "true" }, svg("line", { x1: 2, y1: 6, x2: 32, y2: 6, class: "wl-cwnd" })), "cwnd"),
    html("li", {}, svg("svg", { width: 34, height: 12, "aria-hidden": "true" }, svg("line", { x1: 2, y1: 6, x2: 32, y2: 6, class: "wl-ssthresh" })), "ssthresh (not drawn while infinite)"),
    (options.recoveries?.length ?? 0) > 0 &&
      html("li", {}, svg("svg", { width: 34, height: 12, "aria-hidden": "true" }, svg("rect", { x: 2, y: 0, width: 30, height: 12, class: "wl-recovery" })), "fast recovery"),
    (options.timeoutsMs?.length ?? 0) > 0 &&
      html("li", {}, svg("svg", { width: 34, height: 12, "aria-hidden": "true" }, svg("line", { x1: 17, y1: 0, x2: 17, y2: 12, class: "wl-timeout" })), "timeout"),
    options.path !== undefined &&
      html("li", {}, svg("svg", { width: 34, height: 12, "aria-hidden": "true" }, svg("line", { x1: 2, y1: 6, x2: 32, y2: 6, class: "wl-path" })), "what the path holds"),
  );
  const calm = outsideRecovery(points, options.recoveries);
  const overNote = overPathNote(calm, options.path);
  const note = html("p", { class: "wl-note wl-over-path", "data-over-path": "", hidden: overNote === "" }, overNote);
  container.replaceChildren(html("div", { class: "wl-view wl-window-plot" }, legend, frame, note, readout));
  if (points.length === 0) {
    frame.append(html("p", { class: "wl-note" }, "No congestion window samples in this run."));
    return { destroy() {} };
  }
  let cursor = -1;
  const plotId = nextId++;

  const draw = () => {
    const width = Math.max(frame.clientWidth || container.clientWidth || 640, 300);
    // The time axis spans the whole transfer (options.endMs), not just the samples: a cwnd that stops changing early still shows where the transfer ended.
    const endTime = Math.max(points[points.length - 1]!.timeMs, points[0]!.timeMs + 1, options.endMs ?? 0);
    const x = linearScale([0, endTime], [PAD.left, width - PAD.right]);
    const holds = options.path === undefined ? undefined : options.path.bdpBytes + options.path.queueBytes;
    // Inflated values in recovery go above the top (clipped); the readout still gives them.
    const yTop = valueCeiling(calm.length > 0 ? calm : points, holds);
    const y = linearScale([0, yTop], [HEIGHT - PAD.bottom, PAD.top]);
    const plotWidth = width - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const clipId = `wl-plot-clip-${plotId}`;
    const root = svg("svg", {
      class: "wl-plot-svg",
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      tabindex: 0,
      role: "group",
      "aria-label": `cwnd and ssthresh in bytes over ${msLabel(endTime)} ms, ${points.length} samples. Use the left and right arrow keys to read values.`,
    });
    root.append(
      svg("defs", {}, svg("clipPath", { id: clipId }, svg("rect", { x: PAD.left, y: PAD.top - 2, width: plotWidth, height: plotHeight + 2 }))),
    );
    // Under the grid and lines: the shaded recoveries.
    for (const r of options.recoveries ?? []) {
      const x0 = x(Math.max(0, r.fromMs));
      root.append(
        svg("rect", { x: x0, y: PAD.top, width: Math.max(1.5, x(Math.min(r.toMs, endTime)) - x0), height: plotHeight, class: "wl-recovery", "data-recovery": "" }, svg("title", {}, `fast recovery, ${msLabel(r.fromMs)}–${msLabel(r.toMs)} ms`)),
      );
    }
    const xStep = niceStep((endTime / plotWidth) * 70);
    for (const t of ticks(0, endTime, xStep)) {
      root.append(
        svg("line", { x1: x(t), y1: PAD.top, x2: x(t), y2: HEIGHT - PAD.bottom + 4, class: "wl-grid" }),
        svg("text", { x: x(t), y: HEIGHT - PAD.bottom + 16, "text-anchor": "middle", class: "wl-tick-label" }, msLabel(t)),
      );
    }
    const yStep = niceStep((yTop / plotHeight) * 36);
    for (const v of ticks(0, yTop, yStep)) {
      root.append(
        svg("line", { x1: PAD.left - 4, y1: y(v), x2: width - PAD.right, y2: y(v), class: "wl-grid" }),
        svg("text", { x: PAD.left - 7, y: y(v) + 3.5, "text-anchor": "end", class: "wl-tick-label" }, formatBytes(v)),
      );
    }
    root.append(
      svg("line", { x1: PAD.left, y1: HEIGHT - PAD.bottom, x2: width - PAD.right, y2: HEIGHT - PAD.bottom, class: "wl-axis" }),
      svg("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: HEIGHT - PAD.bottom, class: "wl-axis" }),
      svg("text", { x: PAD.left + plotWidth / 2, y: HEIGHT - 4, "text-anchor": "middle", class: "wl-axis-title" }, "time (ms)"),
      svg("text", { x: 12, y: PAD.top + plotHeight / 2, "text-anchor": "middle", class: "wl-axis-title", transform: `rotate(-90 12 ${PAD.top + plotHeight / 2})` }, "bytes"),
      svg("path", { d: stepPath(points, (p) => p.ssthresh, x, y, endTime), class: "wl-ssthresh", "clip-path": `url(#${clipId})` }),
      svg("path", { d: stepPath(points, (p) => p.cwnd, x, y, endTime), class: "wl-cwnd", "clip-path": `url(#${clipId})` }),
    );
    for (const t of options.timeoutsMs ?? []) {
      root.append(svg("line", { x1: x(t), y1: PAD.top, x2: x(t), y2: HEIGHT - PAD.bottom, class: "wl-timeout", "data-timeout": "" }, svg("title", {}, `timeout at ${msLabel(t)} ms`)));
    }
    if (holds !== undefined) {
      root.append(
        svg("line", { x1: PAD.left, y1: y(holds), x2: width - PAD.right, y2: y(holds), class: "wl-path", "data-path": "" }),
        svg("text", { x: width - PAD.right - 4, y: y(holds) - 4, "text-anchor": "end", class: "wl-tick-label" }, `path holds ${formatBytes(holds)} B`),
      );
    }
    const cursorLine = svg("line", { y1: PAD.top, y2: HEIGHT - PAD.bottom, class: "wl-cursor", visibility: "hidden" });
    const cursorDot = svg("circle", { r: 3.5, class: "wl-cursor-dot", visibility: "hidden" });
    const overlay = svg("rect", { x: PAD.left, y: PAD.top, width: plotWidth, height: plotHeight, class: "wl-overlay" });
    root.append(cursorLine, cursorDot, overlay);

    const show = (index: number) => {
      cursor = Math.max(0, Math.min(points.length - 1, index));
      const p = points[cursor]!;
      for (const el of [cursorLine, cursorDot]) el.setAttribute("visibility", "visible");
      cursorLine.setAttribute("x1", String(x(p.timeMs)));
      cursorLine.setAttribute("x2", String(x(p.timeMs)));
      cursorDot.setAttribute("cx", String(x(p.timeMs)));
      cursorDot.setAttribute("cy", String(y(Math.min(p.cwnd, yTop))));
      readout.textContent = `t = ${msLabel(p.timeMs)} ms: cwnd ${p.cwnd} bytes, ssthresh ${p.ssthresh === null ? "∞" : `${p.ssthresh} bytes`}`;
    };
    overlay.addEventListener("pointermove", (event) => {
      const box = root.getBoundingClientRect();
      const t = ((event.clientX - box.left - PAD.left) / plotWidth) * endTime;
      show(pointAt(points, t));
    });
    root.addEventListener("keydown", (event) => {
      const moves: Record<string, number> = {
        ArrowRight: cursor + 1,
        ArrowLeft: cursor - 1,
        PageDown: cursor + 10,
        PageUp: cursor - 10,
        Home: 0,
        End: points.length - 1,
      };
      const next = moves[event.key];
      if (next === undefined) return;
      event.preventDefault();
      show(next);
    });
    root.addEventListener("focus", () => {
      if (cursor < 0) show(0);
    });
    frame.replaceChildren(root);
    if (cursor >= 0) show(cursor);
  };
  readout.textContent = "Hover the plot, or focus it and use the arrow keys, to read values.";
  draw();
  return { destroy: watchWidth(frame, draw) };
}
