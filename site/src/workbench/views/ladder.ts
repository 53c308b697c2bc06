/**
 * The ladder (time-sequence) diagram: two vertical lines, time going down,
 * one slanted arrow per packet. Packets the learner may drop are buttons:
 * clicking one (or Enter/Space on it) calls `onDropToggle(dropKey)` and the
 * workbench re-runs with that packet lost: "click a packet to kill it", as
 * in the Kurose & Ross applets. Geometry comes from `ladder-layout.ts`.
 */
import type { LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import { html, isActivation, svg, watchWidth, type ViewHandle } from "./dom.ts";
import {
  defaultLadderWindow,
  ladderScale,
  ladderWindowChoices,
  layoutLadder,
  type LadderArrow,
  type LadderLabel,
  type LadderLayout,
  type LadderMarkPlacement,
  timeToY,
} from "./ladder-layout.ts";
import { nearestArrow } from "./ladder-pick.ts";
import { msLabel } from "./scale.ts";

export interface LadderOptions {
  /** Called with a packet's `dropKey` when the learner clicks it; without it, packets are not clickable. */
  readonly onDropToggle?: (dropKey: string) => void;
  /** Keys of the packets the learner dropped for this run. */
  readonly dropped?: ReadonlySet<string>;
  /** Cap on packets + marks drawn (default 210, about 1500 SVG elements). */
  readonly maxItems?: number | undefined;
  /** The packet to focus once drawn (the one just dropped by keyboard), by `dropKey`. */
  readonly focusKey?: string | undefined;
  /** A moment to mark with a line across the diagram and scroll to (where a failing test's check failed), ms. */
  readonly momentMs?: number | undefined;
  /** The mark's label ("test failed here"). */
  readonly momentLabel?: string | undefined;
}

const ZOOMS = [0.25, 0.5, 1, 2, 4, 8];
const MAX_WIDTH = 820;
let nextId = 0;

/** Height of one row of a ladder drawn in order (LadderView.order), px at zoom 1. */
const ROW_PX = 30;
/** How far above its step's first row the moment of a ladder drawn in order is marked, in rows: clear of that row's label. */
const MOMENT_ABOVE_ROW = 0.3;

/** A time of `view` in words: "40.7 ms", or "step 3" for a ladder drawn in order (whose times are rows). */
export function ladderTime(view: LadderView, t: number): string {
  const steps = view.order?.steps;
  if (steps === undefined) return `${msLabel(t)} ms`;
  let step = 0;
  steps.forEach((row, i) => {
    if (row <= t) step = i + 1;
  });
  return `step ${step}`;
}

/**
 * Where `moment` is in `view`'s times: itself (ms), or for a ladder drawn
 * in order, just above the row where script step `moment` starts.
 */
export function momentRow(view: LadderView, moment: number | undefined): number | undefined {
  if (moment === undefined || view.order === undefined) return moment;
  const row = view.order.steps[moment - 1];
  return row === undefined ? undefined : row - MOMENT_ABOVE_ROW;
}

/** A moment in words: "130 ms", or "step 3" for a ladder drawn in order. */
export function momentText(view: LadderView, moment: number): string {
  return view.order === undefined ? `${msLabel(moment)} ms` : `step ${moment}`;
}

/** Draws `view` into `container`, replacing its content. */
export function renderLadder(container: HTMLElement, view: LadderView, options: LadderOptions = {}): ViewHandle {
  const id = `wl-ladder-${nextId++}`;
  const choices = ladderWindowChoices(view);
  const ordered = view.order !== undefined;
  // A moment to show must be inside the time shown. A ladder drawn in order is shown whole.
  const moment = momentRow(view, options.momentMs);
  let windowMs = ordered
    ? choices[choices.length - 1]!
    : moment === undefined
      ? defaultLadderWindow(view)
      : (choices.find((ms) => ms >= defaultLadderWindow(view) && ms > moment) ?? choices[choices.length - 1]!);
  let zoomIndex = ZOOMS.indexOf(1);
  const dropped = options.dropped ?? new Set<string>();
  let pendingFocus = options.focusKey;
  let scrolledToMoment = false;
  const interactive = options.onDropToggle !== undefined;

  const select = html("select", { "aria-label": "Time shown" });
  for (const ms of choices) {
    const last = ms === choices[choices.length - 1];
    const option = html("option", { value: ms }, last ? `all (${msLabel(ms)} ms)` : `first ${msLabel(ms)} ms`);
    option.selected = ms === windowMs;
    select.append(option);
  }
  const zoomOut = html("button", { type: "button", class: "wl-button", "aria-label": "Zoom out" }, "−");
  const zoomIn = html("button", { type: "button", class: "wl-button", "aria-label": "Zoom in" }, "+");
  const zoomText = html("span", { class: "wl-zoom", "aria-live": "polite" });
  const toolbar = html(
    "div",
    { class: "wl-toolbar" },
    // A ladder drawn in order is shown whole: no time span to choose.
    ordered ? null : html("label", {}, "Show ", select),
    html("span", { class: "wl-group", role: "group", "aria-label": "Zoom" }, zoomOut, zoomText, zoomIn),
  );
  // Which packet a click would take, before the click: the nearest line to the pointer. Until then, how to drop one.
  const hint =
    interactive && view.packets.some((p) => p.dropKey !== undefined)
      ? "Click a packet (or focus it, move with ↑ ↓, press Enter) to drop it in the next run."
      : "";
  const readout = html("p", { class: "wl-readout wl-pick", "data-hint": hint }, hint);
  const note = html("p", { class: "wl-note", role: "status" });
  const scroller = html("div", { class: "wl-scroll wl-ladder-scroll", tabindex: 0, "aria-label": `Ladder diagram, ${view.left} and ${view.right}` });
  container.replaceChildren(html("div", { class: "wl-view wl-ladder" }, toolbar, legend(), note, readout, scroller));

  const draw = () => {
    // Wider than this, the arrows get too flat and labels too far from them.
    // The scroller shrinks to the drawing, so measure the container (less the scroller's border).
    const width = Math.min(Math.max((container.clientWidth || 642) - 2, 300), MAX_WIDTH);
    const pxPerMs = ordered ? ROW_PX * ZOOMS[zoomIndex]! : ladderScale(view, windowMs, ZOOMS[zoomIndex]!);
    const layout = layoutLadder(view, { width, windowMs, pxPerMs, maxItems: options.maxItems });
    const focused = document.activeElement instanceof SVGElement && scroller.contains(document.activeElement) ? document.activeElement.dataset.dropKey : undefined;
    const drawing = drawLayout(layout, view, id, dropped, options.onDropToggle);
    scroller.replaceChildren(drawing);
    if (moment !== undefined && moment <= layout.windowMs) {
      const y = timeToY(moment, layout.pxPerMs);
      const line = svg("line", { x1: 0, y1: y, x2: layout.width, y2: y, class: "wl-moment", "data-moment": "" });
      drawing.append(line, svg("text", { x: (layout.leftX + layout.rightX) / 2, y: y - 5, "text-anchor": "middle", class: "wl-moment-label" }, `${options.momentLabel ?? "here"} (${momentText(view, options.momentMs!)})`));
      // Centred once (not again on every resize), so the packets just before and after it show too.
      if (!scrolledToMoment) centreInScrollers(line, scroller);
      scrolledToMoment = true;
    }
    if (interactive) pickNearest(drawing, layout, readout, options.onDropToggle!);
    const focusKey = focused ?? pendingFocus;
    pendingFocus = undefined;
    if (focusKey !== undefined) drawing.querySelector<SVGGElement>(`[data-drop-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: false });
    zoomText.textContent = `${ZOOMS[zoomIndex]}×`;
    zoomOut.disabled = zoomIndex === 0;
    zoomIn.disabled = zoomIndex === ZOOMS.length - 1;
    note.textContent = describeOmissions(layout, view);
    note.hidden = note.textContent === "";
  };
  select.addEventListener("change", () => {
    windowMs = Number(select.value);
    draw();
  });
  zoomOut.addEventListener("click", () => {
    zoomIndex = Math.max(0, zoomIndex - 1);
    draw();
  });
  zoomIn.addEventListener("click", () => {
    zoomIndex = Math.min(ZOOMS.length - 1, zoomIndex + 1);
    draw();
  });
  draw();
  const stop = watchWidth(container, draw);
  return { destroy: stop };
}

/**
 * Scrolls each scrolling box between `element` and the page, inner first,
 * to put `element` in its middle; unlike scrollIntoView it never scrolls
 * the page itself, which would push the workbench's toolbar out of view.
 */
function centreInScrollers(element: Element, from: HTMLElement): void {
  const page = document.scrollingElement;
  for (let box: HTMLElement | null = from; box !== null && box !== page && box !== document.body; box = box.parentElement) {
    if (box.scrollHeight <= box.clientHeight || !/auto|scroll/.test(getComputedStyle(box).overflowY)) continue;
    box.scrollTop += element.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 2;
  }
}

function describeOmissions(layout: LadderLayout, view: LadderView): string {
  const parts: string[] = [];
  const { notDrawn, afterWindow } = layout;
  if (notDrawn.packets + notDrawn.marks > 0) {
    parts.push(
      `Not drawn, to keep the page fast: ${notDrawn.packets} packets and ${notDrawn.marks} events from ${ladderTime(view, notDrawn.fromMs ?? 0)} on.${view.order === undefined ? " Choose a shorter time span to see them." : ""}`,
    );
  }
  if (afterWindow.packets + afterWindow.marks > 0) {
    parts.push(`${afterWindow.packets} packets and ${afterWindow.marks} events after ${msLabel(layout.windowMs)} ms are outside the time shown.`);
  }
  if (layout.hiddenLabels > 0) parts.push(`${layout.hiddenLabels} labels hidden where they would overlap: hover a packet or zoom in.`);
  if (view.truncatedAtMs !== undefined) parts.push(`The run recorded events only up to ${msLabel(view.truncatedAtMs)} ms.`);
  return parts.join(" ");
}

function legend(): HTMLElement {
  const item = (className: string, text: string, sample: SVGElement) =>
    html("li", { class: className }, svg("svg", { width: 34, height: 12, "aria-hidden": "true" }, sample), text);
  const line = (className: string) => svg("line", { x1: 2, y1: 6, x2: 32, y2: 6, class: className });
  return html(
    "ul",
    { class: "wl-legend", "aria-label": "Legend" },
    item("", "left → right", line("wl-arrow wl-from-left")),
    item("", "right → left", line("wl-arrow wl-from-right")),
    item("", "retransmission", line("wl-arrow wl-from-left wl-retx")),
    item("", "corrupted", line("wl-arrow wl-corrupt")),
    item("", "lost ✕", svg("path", { d: "M2 6H22M20 2l8 8M28 2l-8 8", class: "wl-arrow wl-lost-sample" })),
    item("", "dropped by you", svg("path", { d: "M2 6H22M20 2l8 8M28 2l-8 8", class: "wl-arrow wl-dropped" })),
    item("", "timeout", svg("path", { d: "M17 1l5 5-5 5-5-5z", class: "wl-mark-timeout" })),
    item("", "delivered", svg("circle", { cx: 17, cy: 6, r: 3.5, class: "wl-mark-deliver" })),
  );
}

function describePacket(packet: LadderPacketView, view: LadderView, isDropped: boolean, lostReason: string | undefined): string {
  const from = packet.from === "left" ? view.left : view.right;
  const to = packet.from === "left" ? view.right : view.left;
  if (view.order !== undefined) return [`${packet.label}: ${from} → ${to}, in ${ladderTime(view, packet.sentMs)}`, ...(packet.lost === undefined ? [] : [`lost (${packet.lost})`])].join(", ");
  const parts = [`${packet.label}: ${from} → ${to}, sent at ${msLabel(packet.sentMs)} ms`];
  if (packet.arrivedMs !== null) parts.push(`arrived at ${msLabel(packet.arrivedMs)} ms`);
  else parts.push(`lost (${lostReason ?? "lost"})`);
  if (packet.retransmission) parts.push("retransmission");
  if (packet.corrupted) parts.push("corrupted on the way");
  if (packet.dropKey !== undefined) parts.push(isDropped ? "dropped by you: activate to let it through" : "activate to drop it in the next run");
  return parts.join(", ");
}

function drawLayout(
  layout: LadderLayout,
  view: LadderView,
  id: string,
  dropped: ReadonlySet<string>,
  onDropToggle: ((key: string) => void) | undefined,
): SVGSVGElement {
  const head = (name: string) =>
    svg(
      "marker",
      { id: `${id}-${name}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
      svg("path", { d: "M0 0L10 5L0 10z", class: `wl-head wl-head-${name}` }),
    );
  const root = svg(
    "svg",
    {
      class: "wl-ladder-svg",
      width: layout.width,
      height: layout.height,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: "group",
      "aria-label": `Time-sequence diagram: ${view.left} on the left, ${view.right} on the right, time going down`,
    },
    svg("defs", {}, head("left"), head("right"), head("corrupt")),
  );
  // The two ends and the time axis.
  const bottom = layout.height - 8;
  root.append(
    svg("line", { x1: layout.leftX, y1: layout.top - 6, x2: layout.leftX, y2: bottom, class: "wl-end-line" }),
    svg("line", { x1: layout.rightX, y1: layout.top - 6, x2: layout.rightX, y2: bottom, class: "wl-end-line" }),
    svg("text", { x: layout.leftX, y: 16, "text-anchor": "middle", class: "wl-end-name" }, view.left),
    svg("text", { x: layout.rightX, y: 16, "text-anchor": "middle", class: "wl-end-name" }, view.right),
    svg("line", { x1: layout.axisX, y1: layout.top, x2: layout.axisX, y2: bottom, class: "wl-axis" }),
    svg("text", { x: layout.axisX - 5, y: layout.top - 14, "text-anchor": "end", class: "wl-tick-label" }, view.order === undefined ? "ms" : "step"),
  );
  for (const tick of layout.ticks) {
    root.append(
      svg("line", { x1: layout.axisX - 4, y1: tick.y, x2: layout.axisX, y2: tick.y, class: "wl-axis" }),
      svg("text", { x: layout.axisX - 6, y: tick.y + 3.5, "text-anchor": "end", class: "wl-tick-label" }, msLabel(tick.ms)),
    );
  }
  for (const arrow of layout.arrows) root.append(drawArrow(arrow, view, id, dropped, onDropToggle));
  for (const mark of layout.marks) root.append(drawMark(mark, view));
  return root;
}

function labelText(label: LadderLabel, className: string): SVGTextElement {
  return svg("text", { x: label.x, y: label.y, "text-anchor": label.anchor, class: className }, label.text);
}

function drawArrow(
  arrow: LadderArrow,
  view: LadderView,
  id: string,
  dropped: ReadonlySet<string>,
  onDropToggle: ((key: string) => void) | undefined,
): SVGGElement {
  const packet = arrow.packet;
  const key = packet.dropKey;
  const isDropped = key !== undefined && dropped.has(key);
  const lostReason = isDropped ? "dropped by you" : packet.lost;
  const classes = ["wl-packet", packet.from === "left" ? "wl-from-left" : "wl-from-right"];
  if (packet.retransmission) classes.push("wl-retx");
  if (packet.corrupted) classes.push("wl-corrupt");
  if (arrow.lost) classes.push("wl-lost");
  if (isDropped || lostReason === "dropped by you") classes.push("wl-dropped");
  const clickable = key !== undefined && onDropToggle !== undefined;
  if (clickable) classes.push("wl-droppable");
  const description = describePacket(packet, view, isDropped, lostReason);
  // A button's name holds its visible text (WCAG 2.5.3): the drawn label may be cut short or name packets drawn with it.
  const drawn = arrow.label?.text;
  const name = drawn === undefined || description.startsWith(drawn) ? description : `${drawn}: ${description}`;
  const group = svg("g", {
    class: classes.join(" "),
    "data-packet": packet.id,
    "data-drop-key": key,
    tabindex: clickable ? 0 : undefined,
    role: clickable ? "button" : undefined,
    "aria-pressed": clickable ? String(isDropped) : undefined,
    "aria-label": clickable ? name : undefined,
  });
  group.append(svg("title", {}, description));
  const head = arrow.lost ? undefined : `url(#${id}-${packet.corrupted ? "corrupt" : packet.from})`;
  group.append(
    svg("line", { x1: arrow.x1, y1: arrow.y1, x2: arrow.x2, y2: arrow.y2, class: "wl-hit" }),
    svg("line", { x1: arrow.x1, y1: arrow.y1, x2: arrow.x2, y2: arrow.y2, class: "wl-arrow", "marker-end": head }),
  );
  if (arrow.lost) {
    const r = 5;
    group.append(
      svg("path", {
        d: `M${arrow.x2 - r} ${arrow.y2 - r}L${arrow.x2 + r} ${arrow.y2 + r}M${arrow.x2 + r} ${arrow.y2 - r}L${arrow.x2 - r} ${arrow.y2 + r}`,
        class: "wl-cross",
      }),
    );
  }
  if (arrow.label) group.append(labelText(arrow.label, "wl-packet-label"));
  if (clickable) {
    // Clicks are the drawing's (pickNearest): overlapping lines must not go to the last one drawn.
    const toggle = () => onDropToggle(key);
    group.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        // Move between droppable packets in time order without tabbing through everything.
        const all = [...(group.ownerSVGElement?.querySelectorAll<SVGGElement>(".wl-droppable") ?? [])];
        const next = all[all.indexOf(group) + (event.key === "ArrowDown" ? 1 : -1)];
        if (next) {
          event.preventDefault();
          next.focus();
        }
        return;
      }
      if (!isActivation(event)) return;
      event.preventDefault();
      toggle();
    });
  }
  return group;
}

function drawMark(placement: LadderMarkPlacement, view: LadderView): SVGGElement {
  const { mark, x, y } = placement;
  const group = svg("g", { class: `wl-mark wl-mark-${mark.kind}` }, svg("title", {}, `${mark.label} (${ladderTime(view, mark.t)})`));
  if (mark.kind === "timeout") group.append(svg("path", { d: `M${x} ${y - 5}l5 5-5 5-5-5z`, class: "wl-mark-timeout" }));
  else if (mark.kind === "deliver") group.append(svg("circle", { cx: x, cy: y, r: 3.5, class: "wl-mark-deliver" }));
  else group.append(svg("circle", { cx: x, cy: y, r: 2.5, class: "wl-mark-note" }));
  if (placement.label) group.append(labelText(placement.label, "wl-mark-label"));
  return group;
}

/**
 * Pointer picking for the whole drawing: the packet whose line is nearest
 * to the pointer is highlighted and named before the click, and the click
 * takes that one (ladder-pick.ts), whatever was drawn last.
 */
function pickNearest(drawing: SVGSVGElement, layout: LadderLayout, readout: HTMLElement, onDropToggle: (key: string) => void): void {
  const groups = new Map<string, SVGGElement>();
  for (const group of drawing.querySelectorAll<SVGGElement>(".wl-droppable")) groups.set(group.dataset.dropKey!, group);
  let hovered: SVGGElement | undefined;
  const at = (event: MouseEvent) => {
    const box = drawing.getBoundingClientRect();
    const x = ((event.clientX - box.left) * layout.width) / box.width;
    const y = ((event.clientY - box.top) * layout.height) / box.height;
    return nearestArrow(layout.arrows, x, y, (arrow) => arrow.packet.dropKey !== undefined && groups.has(arrow.packet.dropKey));
  };
  const hover = (arrow: LadderArrow | undefined) => {
    const group = arrow === undefined ? undefined : groups.get(arrow.packet.dropKey!);
    if (group === hovered) return;
    hovered?.classList.remove("wl-hover");
    hovered = group;
    group?.classList.add("wl-hover");
    drawing.classList.toggle("wl-picking", group !== undefined);
    readout.textContent =
      arrow === undefined
        ? (readout.dataset.hint ?? "")
        : `${arrow.packet.label}, sent at ${msLabel(arrow.packet.sentMs)} ms: click to ${group?.getAttribute("aria-pressed") === "true" ? "let it through again" : "drop it in the next run"}`;
  };
  drawing.addEventListener("pointermove", (event) => hover(at(event)));
  drawing.addEventListener("pointerleave", () => hover(undefined));
  drawing.addEventListener("click", (event) => {
    const arrow = at(event);
    if (arrow?.packet.dropKey === undefined) return;
    event.preventDefault();
    onDropToggle(arrow.packet.dropKey);
  });
}
