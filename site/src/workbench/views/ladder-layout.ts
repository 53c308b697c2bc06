/**
 * Where everything in a ladder (time-sequence) diagram goes, as plain
 * numbers: no DOM, so it is unit-tested in Node. `ladder.ts` draws it.
 *
 * Time runs down: y = top + t * pxPerMs. The left and right ends are
 * vertical lines; each packet is an arrow from its sender's line at
 * `sentMs` to the other line at `arrivedMs`. A lost packet's arrow has the
 * slope of the delivered ones and stops partway across (LOST_FRACTION), so
 * it visibly never reaches the far line. Labels sit in the margins beside
 * the sender's line, at the send time, and are hidden rather than drawn on
 * top of each other. At most `maxItems` packets and marks are drawn, so the
 * SVG stays below about 1500 elements whatever the run's length.
 */
import type { LadderMark, LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import { niceStep, ticks } from "./scale.ts";

/** How far across a lost packet's arrow goes before its ✕ (0 = sender, 1 = receiver). */
export const LOST_FRACTION = 0.55;
/** Packets and marks drawn at most; each costs at most {@link ELEMENTS_PER_ITEM} SVG elements. */
export const DEFAULT_MAX_ITEMS = 210;
/** SVG elements one packet or mark may take (group, title, line, hit line, ✕, label). */
export const ELEMENTS_PER_ITEM = 6;
/** Most time ticks drawn (each is a line and a label). */
export const MAX_TICKS = 80;
/** Vertical distance between two labels in the same margin, px. */
export const LABEL_LINE = 13;
/** How far a label may be pushed down to avoid the one above it, px. */
export const LABEL_SLACK = 9;
/** Width of one character of label text (11 px monospace), px. */
export const CHAR_WIDTH = 6.7;

const AXIS_WIDTH = 46;
const TOP = 40;
const BOTTOM = 24;
const RIGHT_PAD = 6;

export interface LadderLayoutOptions {
  /** Width of the drawing, px. */
  readonly width: number;
  /** The time shown: packets sent and marks after this are left out. */
  readonly windowMs: number;
  /** Vertical scale. */
  readonly pxPerMs: number;
  /** Cap on packets + marks drawn (default {@link DEFAULT_MAX_ITEMS}). */
  readonly maxItems?: number | undefined;
}

export interface LadderLabel {
  readonly x: number;
  readonly y: number;
  readonly anchor: "start" | "end";
  /** The text, shortened with "…" to fit the margin. */
  readonly text: string;
}

export interface LadderArrow {
  readonly packet: LadderPacketView;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** True when the arrow stops short with a ✕ (the packet was lost). */
  readonly lost: boolean;
  readonly label: LadderLabel | null;
}

export interface LadderMarkPlacement {
  readonly mark: LadderMark;
  readonly x: number;
  readonly y: number;
  readonly label: LadderLabel | null;
}

export interface LadderLayout {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  /** x of the time axis line (tick labels are to its left). */
  readonly axisX: number;
  readonly leftX: number;
  readonly rightX: number;
  readonly pxPerMs: number;
  readonly windowMs: number;
  readonly ticks: readonly { readonly ms: number; readonly y: number }[];
  readonly arrows: readonly LadderArrow[];
  readonly marks: readonly LadderMarkPlacement[];
  /** Labels left out because they would have overlapped (their text stays in the tooltip). */
  readonly hiddenLabels: number;
  /** Labels joined onto another one at the same instant and side. */
  readonly mergedLabels: number;
  /** Packets and marks inside the window that the element cap left out, and from when. */
  readonly notDrawn: { readonly packets: number; readonly marks: number; readonly fromMs: number | null };
  /** Packets and marks after the window. */
  readonly afterWindow: { readonly packets: number; readonly marks: number };
}

/** The y of a time. */
export function timeToY(ms: number, pxPerMs: number): number {
  return TOP + ms * pxPerMs;
}

/** When the run's last thing happens, ms. */
export function ladderEndMs(view: LadderView): number {
  const transit = typicalTransit(view.packets);
  let end = 0;
  for (const p of view.packets) end = Math.max(end, p.arrivedMs ?? p.sentMs + transit.overall);
  for (const m of view.marks) end = Math.max(end, m.t);
  return end;
}

const WINDOW_CHOICES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000];

/** The time spans a learner can choose from: nice values below the run's end, then the whole run. */
export function ladderWindowChoices(view: LadderView): number[] {
  const end = Math.max(ladderEndMs(view), 1);
  const choices = WINDOW_CHOICES.filter((ms) => ms < end && ms >= Math.max(5, end / 500));
  choices.push(Math.ceil(end));
  return choices.slice(-8);
}

/** The span shown first: the smallest choice that holds the first `packets` packets (40 by default). */
export function defaultLadderWindow(view: LadderView, packets = 40): number {
  const choices = ladderWindowChoices(view);
  const sorted = [...view.packets].sort((a, b) => a.sentMs - b.sentMs);
  if (sorted.length <= packets) return choices[choices.length - 1]!;
  const transit = typicalTransit(view.packets);
  const nth = sorted[packets - 1]!;
  const needed = nth.arrivedMs ?? nth.sentMs + transit.overall;
  return choices.find((ms) => ms >= needed) ?? choices[choices.length - 1]!;
}

/** Tallest diagram the automatic scale makes (zoom can go beyond), px. */
export const MAX_AUTO_HEIGHT = 1600;

/**
 * The vertical scale for a span, times `zoom`: about 22 px per packet sent
 * in it (at least 320 px in all), more where sends are close together so
 * that most labels get a line of their own, and never taller than
 * {@link MAX_AUTO_HEIGHT} at zoom 1.
 */
export function ladderScale(view: LadderView, windowMs: number, zoom = 1): number {
  const span = Math.max(windowMs, 0.001);
  const count = view.packets.filter((p) => p.sentMs <= windowMs).length;
  const byCount = Math.min(1400, Math.max(320, count * 22)) / span;
  const gap = typicalLabelGap(view, windowMs);
  const byGap = gap === null ? 0 : (LABEL_LINE + 1) / gap;
  return Math.min(Math.max(byCount, byGap), MAX_AUTO_HEIGHT / span) * zoom;
}

/** The 25th percentile of the non-zero time gaps between labels in one margin, ms (null if none). */
function typicalLabelGap(view: LadderView, windowMs: number): number | null {
  const gaps: number[] = [];
  for (const side of ["left", "right"] as const) {
    const times = [
      ...view.packets.filter((p) => p.from === side && p.sentMs <= windowMs).map((p) => p.sentMs),
      ...view.marks.filter((m) => m.side === side && m.t <= windowMs).map((m) => m.t),
    ].sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) if (times[i]! > times[i - 1]!) gaps.push(times[i]! - times[i - 1]!);
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 4)]!;
}

interface Transit {
  left: number;
  right: number;
  overall: number;
}

/** Median one-way time of delivered packets, per direction: the slope given to lost packets. */
function typicalTransit(packets: readonly LadderPacketView[]): Transit {
  const median = (values: number[]): number | null => {
    if (values.length === 0) return null;
    values.sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  const delivered = packets.filter((p) => p.arrivedMs !== null);
  const all = median(delivered.map((p) => p.arrivedMs! - p.sentMs));
  const overall = all ?? 10;
  return {
    left: median(delivered.filter((p) => p.from === "left").map((p) => p.arrivedMs! - p.sentMs)) ?? overall,
    right: median(delivered.filter((p) => p.from === "right").map((p) => p.arrivedMs! - p.sentMs)) ?? overall,
    overall,
  };
}

/** `text` cut to `maxChars` characters, with "…" when it was cut. */
export function fitText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return "…";
  return `${text.slice(0, maxChars - 1)}…`;
}

interface LabelRequest {
  y: number;
  side: "left" | "right";
  text: string;
  assign: (label: LadderLabel | null) => void;
}

/** Lays out a ladder. Pure: same view and options, same numbers. */
export function layoutLadder(view: LadderView, options: LadderLayoutOptions): LadderLayout {
  const { windowMs, pxPerMs } = options;
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const width = Math.max(options.width, 280);
  const axisX = AXIS_WIDTH;
  const margin = Math.round(Math.min(150, Math.max(72, (width - AXIS_WIDTH) * 0.25)));
  const leftX = axisX + margin;
  const rightX = width - RIGHT_PAD - margin;
  const labelChars = Math.max(3, Math.floor((margin - 12) / CHAR_WIDTH));
  const transit = typicalTransit(view.packets);
  const y = (ms: number) => timeToY(ms, pxPerMs);

  // Everything in the window, in time order; the cap keeps the earliest.
  type Item = { t: number; packet?: LadderPacketView; mark?: LadderMark };
  const items: Item[] = [];
  let packetsAfter = 0;
  let marksAfter = 0;
  for (const packet of view.packets) {
    if (packet.sentMs <= windowMs) items.push({ t: packet.sentMs, packet });
    else packetsAfter++;
  }
  for (const mark of view.marks) {
    if (mark.t <= windowMs) items.push({ t: mark.t, mark });
    else marksAfter++;
  }
  items.sort((a, b) => a.t - b.t);
  const drawn = items.slice(0, Math.max(0, maxItems));
  const skipped = items.slice(drawn.length);

  const arrows: LadderArrow[] = [];
  const marks: LadderMarkPlacement[] = [];
  const labels: LabelRequest[] = [];
  let bottomMs = windowMs;
  for (const item of drawn) {
    if (item.packet) {
      const packet = item.packet;
      const fromX = packet.from === "left" ? leftX : rightX;
      const toX = packet.from === "left" ? rightX : leftX;
      const lost = packet.arrivedMs === null;
      const endMs = lost
        ? packet.sentMs + LOST_FRACTION * (packet.from === "left" ? transit.left : transit.right)
        : packet.arrivedMs!;
      const x2 = lost ? fromX + (toX - fromX) * LOST_FRACTION : toX;
      bottomMs = Math.max(bottomMs, endMs);
      const arrow = { packet, x1: fromX, y1: y(packet.sentMs), x2, y2: y(endMs), lost, label: null as LadderLabel | null };
      arrows.push(arrow);
      labels.push({ y: arrow.y1, side: packet.from, text: packet.label, assign: (label) => (arrow.label = label) });
    } else if (item.mark) {
      const mark = item.mark;
      const placement = { mark, x: mark.side === "left" ? leftX : rightX, y: y(mark.t), label: null as LadderLabel | null };
      marks.push(placement);
      labels.push({ y: placement.y, side: mark.side, text: mark.label, assign: (label) => (placement.label = label) });
    }
  }

  // Margin labels: one column per side, top to bottom. Labels at the same
  // instant share one line ("ACK 2 · deliver 1"); a label that would overlap
  // the one above is nudged down a little, or hidden if that is not enough.
  let hiddenLabels = 0;
  let mergedLabels = 0;
  for (const side of ["left", "right"] as const) {
    let lastY = -Infinity;
    const column = labels.filter((l) => l.side === side).sort((a, b) => a.y - b.y);
    for (let i = 0; i < column.length; ) {
      let j = i + 1;
      while (j < column.length && column[j]!.y - column[i]!.y < 0.5) j++;
      const group = column.slice(i, j);
      i = j;
      const [first, ...rest] = group;
      for (const other of rest) other.assign(null);
      mergedLabels += rest.length;
      const at = Math.max(first!.y + 4, lastY + LABEL_LINE);
      if (at - (first!.y + 4) > LABEL_SLACK) {
        first!.assign(null);
        hiddenLabels++;
        continue;
      }
      lastY = at;
      first!.assign({
        x: side === "left" ? leftX - 7 : rightX + 7,
        y: at,
        anchor: side === "left" ? "end" : "start",
        text: fitText(group.map((l) => l.text).join(" · "), labelChars),
      });
    }
  }

  const height = Math.ceil(y(bottomMs) + BOTTOM);
  const lastMs = bottomMs;
  // A ladder drawn in order (its times are rows) has its script's steps on the axis.
  const stepMs = niceStep(Math.max(40 / pxPerMs, lastMs / MAX_TICKS));
  const tickList =
    view.order === undefined
      ? ticks(0, lastMs, stepMs).map((ms) => ({ ms, y: y(ms) }))
      : view.order.steps.flatMap((row, i) => (row <= lastMs ? [{ ms: i + 1, y: y(row) }] : []));

  return {
    width,
    height,
    top: TOP,
    axisX,
    leftX,
    rightX,
    pxPerMs,
    windowMs,
    ticks: tickList,
    arrows,
    marks,
    hiddenLabels,
    mergedLabels,
    notDrawn: {
      packets: skipped.filter((i) => i.packet).length,
      marks: skipped.filter((i) => i.mark).length,
      fromMs: skipped.length > 0 ? skipped[0]!.t : null,
    },
    afterWindow: { packets: packetsAfter, marks: marksAfter },
  };
}
