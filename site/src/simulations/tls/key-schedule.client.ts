/** The key schedule simulation's built-in side: RFC 8448 §3's recorded values on RFC 8446 §7.1's tree (key-schedule.ts). */
import { setUpSimulations, type Values } from "#site/components/sim-client.ts";
import { h } from "./html.ts";
import { boxText, detailHead, drawTree, fullText, hexRow, type NodeMark } from "./key-schedule-view.ts";
import { nodeById, readSeq, recorded, TRACE, TREE } from "./key-schedule.ts";

export function setUpKeySchedule(): void {
  setUpSimulations("key-schedule", (values) => renderBuiltIn(values));
}

function renderBuiltIn(values: Values): { summary: string; drawing: Element } {
  const node = nodeById(values.node);
  const seq = readSeq(values.seq);
  const marks = new Map<string, NodeMark>();
  for (const n of TREE) {
    const value = recorded(n);
    marks.set(n.id, { state: n.source.kind === "input" ? "given" : "recorded", text: boxText(value), full: fullText(value) });
  }
  const tree = drawTree(marks, node.id, `The TLS 1.3 key schedule of ${TRACE.title}, with the values RFC 8448 prints; ${node.title} selected`);
  const detail = h("div", { class: "ks-detail" }, ...detailHead(node));
  const list = h("dl", { class: "ks-values" });
  const value = recorded(node);
  if ("hex" in value) {
    hexRow(list, node.source.kind === "input" ? "Given" : "RFC 8448", value.hex);
  } else {
    hexRow(list, "key (RFC 8448)", value.key);
    hexRow(list, "iv (RFC 8448)", value.iv);
  }
  detail.append(list);
  if (node.source.kind === "keys") detail.append(h("p", { class: "ks-nonce" }, nonceText(seq)));
  const drawing = h("div", { class: "ks-drawing" }, h("p", { class: "tls-caption" }, `${TRACE.title}: ${TRACE.detail}`), tree, detail);
  const what = node.source.kind === "input" ? "given to the schedule" : node.source.kind === "step" ? "printed by RFC 8448 along the way (keySchedule() does not return it)" : "as RFC 8448 prints it";
  const summary = `<strong>${escape(node.title)}</strong>, ${what}: ${escape(boxText(value))} (${escape(node.section)}). Choose another node to see its value and how it is made.`;
  return { summary, drawing };
}

/** What the built-in side says of a record's nonce: the rule, and why it shows no value past record 0. */
function nonceText(seq: number): string {
  const rule = `Record ${seq} under these keys: its nonce is the 64-bit sequence number ${seq}, padded on the left with zeros to the iv's 12 bytes, XORed with the iv (RFC 8446 §5.3); the sequence number starts at 0 for every new key.`;
  return seq === 0
    ? `${rule} For record 0 that is the iv itself.`
    : `${rule} RFC 8448 prints no per-record nonce, so no recorded value is shown here; with Use my code, your RecordKeys gives it.`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
