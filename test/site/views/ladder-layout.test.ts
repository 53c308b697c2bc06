import { describe, expect, it } from "vitest";
import {
  defaultLadderWindow,
  DEFAULT_MAX_ITEMS,
  ELEMENTS_PER_ITEM,
  LABEL_LINE,
  ladderEndMs,
  ladderScale,
  ladderWindowChoices,
  layoutLadder,
  MAX_AUTO_HEIGHT,
  MAX_TICKS,
  timeToY,
} from "#site/workbench/views/ladder-layout.ts";
import { arqLadder, congestionLadder } from "./sample-data.ts";

describe("layoutLadder", () => {
  const view = arqLadder();
  const windowMs = ladderWindowChoices(view).at(-1)!;
  const layout = layoutLadder(view, { width: 640, windowMs, pxPerMs: ladderScale(view, windowMs) });

  it("draws every packet of a short run from its sender's line towards the other", () => {
    expect(layout.arrows).toHaveLength(view.packets.length);
    expect(layout.notDrawn.packets + layout.afterWindow.packets).toBe(0);
    for (const arrow of layout.arrows) {
      expect(arrow.x1).toBe(arrow.packet.from === "left" ? layout.leftX : layout.rightX);
      expect(arrow.y2).toBeGreaterThan(arrow.y1);
      if (!arrow.lost) expect(arrow.x2).toBe(arrow.packet.from === "left" ? layout.rightX : layout.leftX);
    }
    expect(layout.leftX).toBeLessThan(layout.rightX);
    expect(layout.rightX).toBeLessThanOrEqual(layout.width);
  });

  it("stops a lost packet strictly between the two lines, with the slope of the delivered ones", () => {
    const lost = layout.arrows.filter((a) => a.lost);
    expect(lost.map((a) => a.packet.label)).toEqual(["DATA 1"]);
    const [arrow] = lost;
    expect(arrow!.x2).toBeGreaterThan(layout.leftX + 10);
    expect(arrow!.x2).toBeLessThan(layout.rightX - 10);
    const delivered = layout.arrows.find((a) => a.packet.label === "DATA 0")!;
    const slope = (a: typeof arrow) => (a!.y2 - a!.y1) / (a!.x2 - a!.x1);
    expect(slope(arrow)).toBeCloseTo(slope(delivered), 6);
  });

  it("maps time to y monotonically, and ticks follow", () => {
    const ys = [0, 1, 2.5, 10, 41, 60].map((t) => timeToY(t, layout.pxPerMs));
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
    expect(layout.ticks[0]!.ms).toBe(0);
    for (let i = 1; i < layout.ticks.length; i++) {
      expect(layout.ticks[i]!.ms).toBeGreaterThan(layout.ticks[i - 1]!.ms);
      expect(layout.ticks[i]!.y - layout.ticks[i - 1]!.y).toBeGreaterThanOrEqual(40 - 1e-9);
    }
    for (const arrow of layout.arrows) expect(arrow.y1).toBeCloseTo(timeToY(arrow.packet.sentMs, layout.pxPerMs));
    expect(layout.height).toBeGreaterThanOrEqual(Math.max(...layout.arrows.map((a) => a.y2)));
  });

  it("never puts two labels in one margin closer than a line apart", () => {
    const labels = [...layout.arrows.map((a) => a.label), ...layout.marks.map((m) => m.label)].filter((l) => l !== null);
    for (const anchor of ["start", "end"] as const) {
      const ys = labels.filter((l) => l.anchor === anchor).map((l) => l.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(LABEL_LINE - 1e-9);
    }
    // Labels left out are counted, not silently lost; at the automatic scale a short run loses few.
    expect(labels.length + layout.hiddenLabels + layout.mergedLabels).toBe(view.packets.length + view.marks.length);
    expect(layout.hiddenLabels).toBe(0);
    // Things at one instant on one side share a line.
    expect(labels.map((l) => l.text)).toContain("ACK 2 · deliver 1");
  });

  it("shortens labels to fit a narrow margin", () => {
    const narrow = layoutLadder({ ...view, packets: [{ ...view.packets[0]!, label: "DATA 123456789 with a very long label" }] }, { width: 320, windowMs, pxPerMs: 5 });
    const label = narrow.arrows[0]!.label!;
    expect(label.text.endsWith("…")).toBe(true);
    expect(label.text.length * 6.7).toBeLessThanOrEqual(narrow.leftX - narrow.axisX);
  });
});

describe("an empty run", () => {
  it("lays out axes and nothing else", () => {
    const empty = { left: "a", right: "b", packets: [], marks: [] };
    const windowMs = defaultLadderWindow(empty);
    const layout = layoutLadder(empty, { width: 390, windowMs, pxPerMs: ladderScale(empty, windowMs) });
    expect(layout.arrows).toEqual([]);
    expect(layout.ticks.length).toBeGreaterThan(1);
    expect(Number.isFinite(layout.height)).toBe(true);
  });
});

describe("long runs", () => {
  const view = congestionLadder();

  it("starts with a window holding about the first 40 packets, not the whole run", () => {
    const end = ladderEndMs(view);
    expect(end).toBeGreaterThan(1900);
    const first = defaultLadderWindow(view);
    expect(first).toBeLessThan(end / 10);
    expect(view.packets.filter((p) => p.sentMs <= first).length).toBeGreaterThanOrEqual(40);
    const choices = ladderWindowChoices(view);
    expect(choices.at(-1)).toBe(Math.ceil(end));
    expect([...choices].sort((a, b) => a - b)).toEqual(choices);
  });

  it("caps the items drawn for the whole run and says how many are left out", () => {
    const windowMs = ladderWindowChoices(view).at(-1)!;
    const layout = layoutLadder(view, { width: 800, windowMs, pxPerMs: ladderScale(view, windowMs) });
    expect(layout.arrows.length + layout.marks.length).toBe(DEFAULT_MAX_ITEMS);
    expect(layout.notDrawn.packets + layout.arrows.length).toBe(view.packets.length);
    expect(layout.notDrawn.fromMs).toBeGreaterThan(0);
    expect(layout.ticks.length).toBeLessThanOrEqual(MAX_TICKS + 1);
    // The drawing's element budget: items, ticks (2 each) and about 20 fixed elements.
    expect(DEFAULT_MAX_ITEMS * ELEMENTS_PER_ITEM + (MAX_TICKS + 1) * 2 + 20).toBeLessThanOrEqual(1500);
    // The earliest items are the ones drawn.
    const lastDrawn = Math.max(...layout.arrows.map((a) => a.packet.sentMs));
    expect(lastDrawn).toBeLessThanOrEqual(layout.notDrawn.fromMs!);
  });

  it("keeps a sensible height: 320 to 1600 px at zoom 1", () => {
    for (const windowMs of ladderWindowChoices(view)) {
      const pxPerMs = ladderScale(view, windowMs);
      expect(windowMs * pxPerMs).toBeGreaterThanOrEqual(320 - 1e-6);
      expect(windowMs * pxPerMs).toBeLessThanOrEqual(MAX_AUTO_HEIGHT + 1e-6);
    }
    expect(ladderScale(view, 100, 2)).toBeCloseTo(2 * ladderScale(view, 100));
  });

  it("respects a smaller cap", () => {
    const layout = layoutLadder(view, { width: 800, windowMs: 500, pxPerMs: 1, maxItems: 10 });
    expect(layout.arrows.length + layout.marks.length).toBe(10);
  });
});
