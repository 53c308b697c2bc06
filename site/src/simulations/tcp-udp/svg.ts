/**
 * The chapter's small SVG drawing kit: a ladder diagram and a line chart.
 * Colours come from Starlight's CSS variables through classes in
 * SimShell.astro, so both themes work.
 */
import { markEvent } from "#site/components/sim-timeline.ts";
import type { Ladder, LadderPacket } from "./ladder.ts";

const NS = "http://www.w3.org/2000/svg";

type Attrs = Record<string, string | number>;

/** An SVG element with attributes and children (strings become text). */
export function s(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): SVGElement {
  const element = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  for (const child of children) {
    if (child === null) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** Milliseconds for people, the simulations' one way of writing a time: "4.5 ms", "87 ms", "1 s", "1.24 s", "12.5 s". */
export function formatMs(value: number): string {
  // Number() drops trailing zeros: an RTO of 1000 ms reads "1 s", not "1.00 s".
  if (value >= 1000) return `${Number((value / 1000).toFixed(value >= 10_000 ? 1 : 2))} s`;
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/**
 * Maps virtual time to a y position, squeezing long quiet gaps (a 1 s
 * timeout between 50 ms exchanges) so that everything stays readable. The
 * squeezed gaps are reported so the drawing can mark them.
 */
export function timeScale(times: readonly number[], pxPerMs: number, maxGapPx: number) {
  const sorted = [...new Set(times.map((t) => Math.round(t * 1000) / 1000))].sort((a, b) => a - b);
  const ys: number[] = [];
  const breaks: { y: number; gapMs: number }[] = [];
  let y = 0;
  sorted.forEach((t, i) => {
    if (i > 0) {
      const gap = t - sorted[i - 1]!;
      const px = gap * pxPerMs;
      if (px > maxGapPx) {
        breaks.push({ y: y + maxGapPx / 2, gapMs: gap });
        y += maxGapPx;
      } else y += px;
    }
    ys.push(y);
  });
  const at = (t: number): number => {
    if (sorted.length === 0) return 0;
    if (t <= sorted[0]!) return 0;
    for (let i = 1; i < sorted.length; i++) {
      if (t <= sorted[i]!) {
        const t0 = sorted[i - 1]!;
        const f = (t - t0) / (sorted[i]! - t0);
        return ys[i - 1]! + f * (ys[i]! - ys[i - 1]!);
      }
    }
    return ys[ys.length - 1]! + (t - sorted[sorted.length - 1]!) * pxPerMs;
  };
  return { at, breaks, height: y };
}

export interface LadderDrawOptions {
  /** Milliseconds per pixel scale before gap squeezing. */
  readonly pxPerMs: number;
  readonly maxGapPx?: number;
  /** Leave out marks of this kind. */
  readonly hideStates?: boolean;
  /** Draw nothing after this time (e.g. a long TIME-WAIT); a note says so. */
  readonly cutAfterMs?: number;
  readonly cutNote?: string;
  readonly title: string;
  /** A narrow layout for phones. */
  readonly compact?: boolean;
}

/** A ladder diagram as an SVG element. */
export function drawLadder(ladder: Ladder, options: LadderDrawOptions): SVGElement {
  const compact = options.compact === true;
  const width = compact ? 420 : 640;
  const xL = compact ? 108 : 150;
  const xR = compact ? 330 : 490;
  const top = 40;
  const cut = options.cutAfterMs ?? Infinity;
  const packets = ladder.packets.filter((p) => p.sentMs <= cut);
  const marks = ladder.marks.filter((m) => m.t <= cut);
  const flights = packets.filter((p) => p.arrivedMs !== null).map((p) => p.arrivedMs! - p.sentMs);
  const oneWay = flights.length > 0 ? flights.sort((a, b) => a - b)[Math.floor(flights.length / 2)]! : 50;
  const times: number[] = [0];
  for (const p of packets) times.push(p.sentMs, p.arrivedMs ?? p.sentMs + oneWay * 0.6);
  for (const m of marks) times.push(m.t);
  const scale = timeScale(times, options.pxPerMs, options.maxGapPx ?? 40);
  const y = (t: number) => top + scale.at(t);
  const height = top + scale.height + (options.cutAfterMs !== undefined ? 60 : 30);
  const root = s("svg", { viewBox: `0 0 ${width} ${height}`, class: `sim-svg${compact ? " sim-compact" : ""}`, role: "img", "aria-label": options.title });
  root.append(s("title", {}, options.title));
  root.append(s("text", { x: xL, y: 18, class: "sim-end", "text-anchor": "middle" }, ladder.left));
  root.append(s("text", { x: xR, y: 18, class: "sim-end", "text-anchor": "middle" }, ladder.right));
  root.append(s("line", { x1: xL, x2: xL, y1: 26, y2: height - 10, class: "sim-axis" }));
  root.append(s("line", { x1: xR, x2: xR, y1: 26, y2: height - 10, class: "sim-axis" }));
  for (const gap of scale.breaks) {
    const yy = top + gap.y;
    for (const x of [xL, xR]) root.append(s("path", { d: `M${x - 8},${yy - 3} l16,-4 M${x - 8},${yy + 4} l16,-4`, class: "sim-break" }));
    root.append(s("text", { x: 4, y: yy + 4, class: "sim-small sim-muted" }, `⋯ ${formatMs(gap.gapMs)}`));
  }
  // Labels of packets sent at the same moment from the same side are spread along their arrows.
  const groups: LadderPacket[][] = [];
  for (const p of packets) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group !== undefined && first !== undefined && first.from === p.from && Math.abs(first.sentMs - p.sentMs) < 0.5) group.push(p);
    else groups.push([p]);
  }
  const place = new Map<LadderPacket, number>();
  const below = new Set<LadderPacket>();
  for (const group of groups) {
    group.forEach((p, i) => {
      place.set(p, group.length === 1 ? 0.4 : group.length === 2 ? [0.27, 0.73][i]! : 0.2 + (0.6 * i) / (group.length - 1));
      if (i % 2 === 1) below.add(p); // alternate sides of the arrows so neighbouring labels do not collide
    });
  }
  for (const p of packets) {
    const x1 = p.from === "left" ? xL : xR;
    const x2 = p.from === "left" ? xR : xL;
    const y1 = y(p.sentMs);
    const lost = p.arrivedMs === null;
    const fraction = lost ? 0.6 : 1;
    const xEnd = x1 + (x2 - x1) * fraction;
    const yEnd = lost ? y(p.sentMs + oneWay * 0.6) : y(p.arrivedMs!);
    const cls = `sim-packet${lost ? " sim-lost" : ""}${p.retransmission === true ? " sim-retx" : ""}`;
    const group = s("g", { class: cls });
    group.append(s("title", {}, `${p.label}: sent at ${formatMs(p.sentMs)}, ${lost ? `lost (${p.lost ?? "loss"})` : `arrived at ${formatMs(p.arrivedMs!)}`}${p.retransmission === true ? " (retransmission)" : ""}`));
    group.append(s("line", { x1, y1, x2: xEnd, y2: yEnd, "marker-end": lost ? "" : "url(#sim-arrow)" }));
    if (lost) group.append(s("path", { d: `M${xEnd - 5},${yEnd - 5} l10,10 M${xEnd - 5},${yEnd + 5} l10,-10`, class: "sim-cross" }));
    const f = place.get(p)! * (lost ? 0.6 : 1);
    const lx = x1 + (x2 - x1) * f;
    const ly = y1 + (yEnd - y1) * (f / fraction);
    const angle = (Math.atan2(yEnd - y1, xEnd - x1) * 180) / Math.PI;
    const upright = p.from === "left" ? angle : angle + 180;
    group.append(s("text", { x: lx, y: below.has(p) ? ly + 12 : ly - 4, class: "sim-label", "text-anchor": "middle", transform: `rotate(${upright.toFixed(1)} ${lx.toFixed(1)} ${ly.toFixed(1)})` }, p.label));
    const [from, to] = p.from === "left" ? [ladder.left, ladder.right] : [ladder.right, ladder.left];
    const fate = lost ? `lost (${p.lost ?? "loss"})` : `arrives at ${formatMs(p.arrivedMs!)}`;
    markEvent(group, p.sentMs, `${p.label}${p.retransmission === true ? " (retransmission)" : ""}, ${from} → ${to}, sent at ${formatMs(p.sentMs)}, ${fate}`);
    root.append(group);
  }
  // Marks at one side are stacked so that two at the same moment do not overprint.
  const nextFree = { left: -Infinity, right: -Infinity };
  for (const m of marks) {
    if (options.hideStates === true && m.kind === "state") continue;
    const left = m.side === "left";
    const x = left ? xL - 8 : xR + 8;
    const withTime = m.kind === "state" || m.kind === "timeout";
    const ly = Math.max(y(m.t) + 4, nextFree[m.side]);
    nextFree[m.side] = ly + (withTime ? 25 : 13);
    const mark = s("g", { class: "sim-marks" });
    mark.append(s("circle", { cx: left ? xL : xR, cy: y(m.t), r: 2.5, class: `sim-dot sim-${m.kind}` }));
    mark.append(s("text", { x, y: ly, class: `sim-mark sim-${m.kind}`, "text-anchor": left ? "end" : "start" }, m.label));
    if (withTime) mark.append(s("text", { x, y: ly + 11, class: "sim-small sim-muted", "text-anchor": left ? "end" : "start" }, formatMs(m.t)));
    markEvent(mark, m.t, `${left ? ladder.left : ladder.right}: ${m.label} at ${formatMs(m.t)}`);
    root.append(mark);
  }
  if (options.cutAfterMs !== undefined && options.cutNote !== undefined) {
    root.append(s("text", { x: width / 2, y: height - 16, class: "sim-small sim-muted", "text-anchor": "middle" }, options.cutNote));
  }
  root.prepend(
    s("defs", {}, s("marker", { id: "sim-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: "sim-arrowhead" }))),
  );
  return root;
}

export interface Series {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number | null }[];
  /** CSS class for colour and dash. */
  readonly className: string;
  /** Draw as steps (value holds until the next point). */
  readonly step?: boolean;
}

export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly xMax: number;
  readonly yMax: number;
  /** Shaded x ranges (e.g. fast recovery). */
  readonly bands?: readonly { readonly from: number; readonly to: number; readonly className: string }[];
  /** Dots to highlight. */
  readonly dots?: readonly { readonly x: number; readonly y: number; readonly className: string; readonly label?: string }[];
  /** Vertical markers. */
  readonly markers?: readonly { readonly x: number; readonly className: string; readonly label: string }[];
  readonly formatX?: (x: number) => string;
  readonly formatY?: (y: number) => string;
  /** A narrow layout for phones. */
  readonly compact?: boolean;
}

function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** A line chart with axes, a legend, shaded bands and markers. */
export function drawChart(options: ChartOptions): SVGElement {
  const compact = options.compact === true;
  const width = compact ? 400 : 640;
  const height = compact ? 280 : 300;
  const left = compact ? 44 : 56;
  const right = 16;
  const top = 30;
  const bottom = 44;
  const w = width - left - right;
  const h = height - top - bottom;
  const X = (x: number) => left + (Math.min(x, options.xMax) / options.xMax) * w;
  const Y = (v: number) => top + h - (Math.min(v, options.yMax) / options.yMax) * h;
  const fx = options.formatX ?? ((x: number) => String(x));
  const fy = options.formatY ?? ((v: number) => String(v));
  const root = s("svg", { viewBox: `0 0 ${width} ${height}`, class: `sim-svg${compact ? " sim-compact" : ""}`, role: "img", "aria-label": options.title });
  root.append(s("title", {}, options.title));
  for (const band of options.bands ?? []) {
    root.append(s("rect", { x: X(band.from), y: top, width: Math.max(1, X(band.to) - X(band.from)), height: h, class: band.className }));
  }
  const xStep = niceStep(options.xMax, compact ? 4 : 6);
  for (let x = 0; x <= options.xMax + 1e-9; x += xStep) {
    root.append(s("line", { x1: X(x), x2: X(x), y1: top, y2: top + h, class: "sim-grid" }));
    root.append(s("text", { x: X(x), y: top + h + 16, class: "sim-small", "text-anchor": "middle" }, fx(x)));
  }
  const yStep = niceStep(options.yMax, 5);
  for (let v = 0; v <= options.yMax + 1e-9; v += yStep) {
    root.append(s("line", { x1: left, x2: left + w, y1: Y(v), y2: Y(v), class: "sim-grid" }));
    root.append(s("text", { x: left - 6, y: Y(v) + 4, class: "sim-small", "text-anchor": "end" }, fy(v)));
  }
  root.append(s("line", { x1: left, x2: left + w, y1: top + h, y2: top + h, class: "sim-axis" }));
  root.append(s("line", { x1: left, x2: left, y1: top, y2: top + h, class: "sim-axis" }));
  root.append(s("text", { x: left + w / 2, y: height - 6, class: "sim-small", "text-anchor": "middle" }, options.xLabel));
  root.append(s("text", { x: 12, y: top + h / 2, class: "sim-small", "text-anchor": "middle", transform: `rotate(-90 12 ${top + h / 2})` }, options.yLabel));
  for (const marker of options.markers ?? []) {
    root.append(s("line", { x1: X(marker.x), x2: X(marker.x), y1: top, y2: top + h, class: marker.className }, s("title", {}, marker.label)));
  }
  for (const series of options.series) {
    let d = "";
    let pen = false;
    let lastY: number | null = null;
    for (const p of series.points) {
      if (p.y === null) {
        pen = false;
        lastY = null;
        continue;
      }
      const px = X(p.x).toFixed(1);
      const py = Y(p.y).toFixed(1);
      if (!pen) d += `M${px},${py}`;
      else if (series.step === true && lastY !== null) d += `H${px}V${py}`;
      else d += `L${px},${py}`;
      pen = true;
      lastY = p.y;
    }
    root.append(s("path", { d, class: `sim-line ${series.className}` }));
  }
  for (const dot of options.dots ?? []) {
    root.append(s("circle", { cx: X(dot.x), cy: Y(dot.y), r: 5, class: dot.className }, dot.label === undefined ? null : s("title", {}, dot.label)));
  }
  let lx = left + 8;
  for (const series of options.series) {
    root.append(s("line", { x1: lx, x2: lx + 18, y1: 14, y2: 14, class: `sim-line ${series.className}` }));
    const text = s("text", { x: lx + 22, y: 18, class: "sim-small" }, series.name);
    root.append(text);
    lx += 30 + series.name.length * (compact ? 5.4 : 6.2);
  }
  return root;
}
