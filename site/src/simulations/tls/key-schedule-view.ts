/**
 * Drawing the key schedule tree (key-schedule.ts) and the detail of one
 * node, for the built-in side (recorded RFC 8448 values) and for the
 * learner's run (your-code/tls-keys-driver.ts: each node marked as matching
 * RFC 8448 or not). Only drawing: no value is derived here.
 */
import { scrollRegion } from "#site/components/sim-client.ts";
import { s } from "#site/simulations/tcp-udp/svg.ts";
import { h } from "./html.ts";
import { firstDifference, shortHex, spacedHex, TREE, type TreeNode } from "./key-schedule.ts";

/** What a node shows: its second line, and for the learner's run whether it matches RFC 8448. */
export interface NodeMark {
  /** "given": an input (the same on both sides); "none": no value to compare (a step inside keySchedule(), or the run threw). */
  readonly state: "recorded" | "given" | "right" | "wrong" | "none";
  readonly text: string;
  /** The full value, for the box's tooltip. */
  readonly full: string;
}

const COL_X = [0, 128, 306, 484] as const;
const COL_W = [100, 150, 150, 156] as const;
const ROW_H = 40;
const BOX_H = 32;
const TOP = 6;
const WIDTH = COL_X[3] + COL_W[3] + 2;

const boxOf = (node: TreeNode) => ({ x: COL_X[node.col]!, y: TOP + node.row * ROW_H, w: COL_W[node.col]! });

/** The tree as an SVG in a focusable, named scroll region (wide for a phone). */
export function drawTree(marks: ReadonlyMap<string, NodeMark>, selected: string, label: string): HTMLElement {
  const rows = Math.max(...TREE.map((n) => n.row)) + 1;
  const height = TOP + rows * ROW_H;
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "sim-svg ks-svg", role: "img", "aria-label": label });
  svg.append(s("title", {}, label));
  const edges = s("g", { class: "ks-edges" });
  for (const node of TREE) {
    const c = boxOf(node);
    for (const id of node.from) {
      const parent = TREE.find((n) => n.id === id)!;
      const p = boxOf(parent);
      if (parent.col === node.col) {
        const x = c.x + c.w / 2;
        edges.append(s("path", { d: `M ${x} ${p.y + BOX_H} V ${c.y - 5}`, class: "ks-edge" }), s("path", { d: `M ${x - 4} ${c.y - 6} L ${x} ${c.y} L ${x + 4} ${c.y - 6} Z`, class: "ks-arrow" }));
      } else {
        const mid = c.x - 12;
        const y0 = p.y + BOX_H / 2;
        const y1 = c.y + BOX_H / 2;
        edges.append(s("path", { d: `M ${p.x + p.w} ${y0} H ${mid} V ${y1} H ${c.x - 5}`, class: "ks-edge" }), s("path", { d: `M ${c.x - 6} ${y1 - 4} L ${c.x} ${y1} L ${c.x - 6} ${y1 + 4} Z`, class: "ks-arrow" }));
      }
    }
  }
  svg.append(edges);
  for (const node of TREE) {
    const b = boxOf(node);
    const mark = marks.get(node.id) ?? { state: "none", text: "", full: "" };
    const sign = mark.state === "right" ? "✓ " : mark.state === "wrong" ? "✗ " : "";
    const classes = ["ks-node", `ks-${mark.state}`, `ks-kind-${node.source.kind}`, node.id === selected ? "ks-selected" : ""].filter(Boolean).join(" ");
    svg.append(
      s(
        "g",
        { class: classes, "data-node": node.id },
        s("title", {}, `${node.title}: ${mark.full || "no value"}`),
        s("rect", { x: b.x, y: b.y, width: b.w, height: BOX_H, rx: 4 }),
        s("text", { x: b.x + 6, y: b.y + 13, class: "ks-label" }, `${sign}${node.label}`),
        s("text", { x: b.x + 6, y: b.y + 26, class: "ks-hex" }, fit(mark.text, b.w)),
      ),
    );
  }
  const region = scrollRegion("ks-scroll", label);
  region.append(svg);
  return region;
}

/** Monospace text cut to fit a box `width` px wide (10px monospace: about 6 px a character), the full value staying in the tooltip and the detail. */
function fit(text: string, width: number): string {
  const room = Math.floor((width - 12) / 6.1);
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}

/** A node's second line: the first bytes of its value (a key and an IV: both, shorter). */
export function boxText(value: { hex: string } | { key: string; iv: string }): string {
  return "hex" in value ? shortHex(value.hex) : `${shortHex(value.key, 4)} / ${shortHex(value.iv, 4)}`;
}

export function fullText(value: { hex: string } | { key: string; iv: string }): string {
  return "hex" in value ? spacedHex(value.hex) : `key ${spacedHex(value.key)}, iv ${spacedHex(value.iv)}`;
}

/** One "name: value" row of the detail, the value as wrapped hex. */
export function hexRow(list: HTMLElement, name: string, hex: string | undefined, note?: string): void {
  const value = hex === undefined ? h("span", { class: "ks-none" }, "no value") : hex === "" ? h("span", { class: "ks-none" }, "(empty)") : h("code", { class: "ks-full" }, spacedHex(hex));
  list.append(h("dt", {}, name), h("dd", {}, value, note === undefined ? null : h("span", { class: "ks-note" }, ` ${note}`)));
}

/** "first difference at byte 5 of 32: yours 3a, RFC 8448 c2", or undefined when equal. */
export function differenceText(mine: string, theirs: string): string | undefined {
  const d = firstDifference(mine, theirs);
  if (d === undefined) return undefined;
  if (d.mine === undefined) return `yours is ${d.mineBytes} bytes, RFC 8448's ${d.theirBytes}: it ends before byte ${d.index + 1}`;
  if (d.theirs === undefined) return `yours is ${d.mineBytes} bytes, RFC 8448's ${d.theirBytes}: it goes on after byte ${d.index}`;
  return `first difference at byte ${d.index + 1} of ${d.theirBytes}: yours ${d.mine}, RFC 8448 ${d.theirs}`;
}

/** The detail's heading and formula. */
export function detailHead(node: TreeNode): HTMLElement[] {
  return [h("p", { class: "ks-detail-title" }, h("strong", {}, node.title), ` · ${node.section}`), h("p", { class: "ks-formula" }, h("code", {}, node.formula))];
}
