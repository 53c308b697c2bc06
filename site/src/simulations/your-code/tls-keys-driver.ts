/**
 * "Use my code" for the key schedule simulation (tls/KeyScheduleSim.astro):
 * the learner's keySchedule() on RFC 8448 §3's handshake, and the learner's
 * RecordKeys on each of RFC 8448's four traffic secrets, through the
 * tls-keys lab's `tree` scenario (labs/tls-keys/harness.ts). Each node of
 * the tree is marked as matching RFC 8448's printed value or not; the
 * chosen node shows both values and the first byte that differs. Only hex
 * strings are compared here: nothing is derived.
 */
import { RFC8448_ECDHE, RFC8448_MESSAGES, RFC8448_SECRETS } from "#labs/tls-keys/rfc8448.ts";
import type { RecordInput, TreeInput, TreeResult } from "#labs/tls-keys/scenarios.ts";
import { h } from "#site/simulations/tls/html.ts";
import { boxText, detailHead, differenceText, drawTree, fullText, hexRow, type NodeMark } from "#site/simulations/tls/key-schedule-view.ts";
import { compactHex, nodeById, readSeq, recorded, shortHex, spacedHex, TRACE, TREE, type TreeNode } from "#site/simulations/tls/key-schedule.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** The tree's key nodes, in the order of the scenario's records. */
export const KEY_NODES: readonly TreeNode[] = TREE.filter((n) => n.source.kind === "keys");
const SECRET_NODES = TREE.filter((n) => n.source.kind === "secret");
const FOLLOWS = "It follows Show and Record sequence number, on RFC 8448 §3's handshake.";

export const tlsKeysDriver: Driver = {
  input(values) {
    const selected = nodeById(values.node);
    const seq = readSeq(values.seq);
    const M = RFC8448_MESSAGES;
    const records: RecordInput[] = KEY_NODES.map((node) => ({
      suite: TRACE.suite,
      secret: RFC8448_SECRETS[node.source.kind === "keys" ? node.source.secret : "earlySecret"],
      // The chosen key node's RecordKeys gives records 0 … seq their nonces (RFC 8446 §5.3); the others only their key and iv.
      steps: node.id === selected.id ? Array.from({ length: seq + 1 }, () => "nonce" as const) : [],
    }));
    const input: TreeInput = {
      schedule: { suite: TRACE.suite, psk: null, ecdhe: RFC8448_ECDHE, clientHello: M.clientHello, serverHello: M.serverHello, serverMessages: [M.encryptedExtensions, M.certificate, M.certificateVerify] },
      records,
    };
    return { scenario: "tree", input };
  },

  view(value, values) {
    const result = value as TreeResult;
    const selected = nodeById(values.node);
    const seq = readSeq(values.seq);
    const marks = learnerMarks(result);
    const tree = drawTree(marks, selected.id, `Your code's TLS 1.3 key schedule on ${TRACE.title}, each value marked against RFC 8448; ${selected.title} selected`);
    const drawing = h("div", { class: "ks-drawing" }, tree, learnerDetail(result, selected, seq, marks));
    return { kind: "picture", summary: describeTree(result, marks), drawing };
  },
};

/** Each node's mark: an input as given, a step keySchedule() does not return, or the learner's value against RFC 8448's. */
export function learnerMarks(result: TreeResult): Map<string, NodeMark> {
  const marks = new Map<string, NodeMark>();
  for (const node of TREE) {
    const source = node.source;
    if (source.kind === "input") {
      const given = recorded(node);
      marks.set(node.id, { state: "given", text: boxText(given), full: fullText(given) });
    } else if (source.kind === "step") {
      marks.set(node.id, { state: "none", text: "inside keySchedule()", full: "not returned by keySchedule()" });
    } else if (source.kind === "secret") {
      const mine = result.schedule.secrets?.[source.name];
      if (mine === undefined) marks.set(node.id, { state: "none", text: "no value", full: "" });
      else marks.set(node.id, { state: compactHex(mine) === compactHex(RFC8448_SECRETS[source.name]) ? "right" : "wrong", text: shortHex(mine) || "(empty)", full: spacedHex(mine) || "(empty)" });
    } else {
      const start = result.records[KEY_NODES.indexOf(node)]?.views[0];
      const want = recorded(node) as { key: string; iv: string };
      if (start === undefined) marks.set(node.id, { state: "none", text: "no value", full: "" });
      else {
        const right = compactHex(start.key) === compactHex(want.key) && compactHex(start.iv) === compactHex(want.iv);
        marks.set(node.id, { state: right ? "right" : "wrong", text: boxText({ key: start.key || "-", iv: start.iv || "-" }), full: fullText(start) });
      }
    }
  }
  return marks;
}

/** The run in a sentence: how many secrets and key sets match, and the first node (top to bottom) that does not. */
export function describeTree(result: TreeResult, marks: ReadonlyMap<string, NodeMark>): string {
  const parts: string[] = [];
  const error = result.schedule.error;
  const secretsRight = SECRET_NODES.filter((n) => marks.get(n.id)?.state === "right").length;
  if (error !== undefined) parts.push(`Your keySchedule() threw on RFC 8448 §3's handshake: ${escapeHtml(error)}.`);
  else parts.push(`Your keySchedule() on RFC 8448 §3's handshake matches RFC 8448 for <strong>${secretsRight} of ${SECRET_NODES.length}</strong> secrets.`);
  if (result.schedule.changed !== undefined) parts.push(`It changed an argument it was given: ${escapeHtml(result.schedule.changed)}.`);
  const keysRight = KEY_NODES.filter((n) => marks.get(n.id)?.state === "right").length;
  const recordError = result.records.find((r) => r.error !== undefined && r.views.length === 0)?.error;
  if (recordError !== undefined) parts.push(`Your RecordKeys threw: ${escapeHtml(recordError)}.`);
  else parts.push(`Your RecordKeys, given RFC 8448's traffic secrets, gives its key and iv for <strong>${keysRight} of ${KEY_NODES.length}</strong>.`);
  const first = TREE.find((n) => marks.get(n.id)?.state === "wrong");
  if (first !== undefined) parts.push(`The first value that differs, from the top: <strong>${escapeHtml(first.title)}</strong> (${escapeHtml(first.section)}).`);
  parts.push(FOLLOWS);
  return parts.join(" ");
}

function learnerDetail(result: TreeResult, node: TreeNode, seq: number, marks: ReadonlyMap<string, NodeMark>): HTMLElement {
  const detail = h("div", { class: "ks-detail" }, ...detailHead(node));
  const list = h("dl", { class: "ks-values" });
  const source = node.source;
  const compare = (name: string, mine: string | undefined, theirs: string) => {
    hexRow(list, `${name} (yours)`, mine);
    hexRow(list, `${name} (RFC 8448)`, theirs);
    if (mine !== undefined) {
      const difference = differenceText(mine, theirs);
      list.append(h("dt", {}, ""), h("dd", { class: difference === undefined ? "ks-good" : "ks-bad" }, difference === undefined ? "✓ the same" : `✗ ${difference}`));
    }
  };
  if (source.kind === "input") {
    hexRow(list, "Given", (recorded(node) as { hex: string }).hex, "(the same for your code)");
  } else if (source.kind === "step") {
    hexRow(list, "RFC 8448", source.hex, "(keySchedule() does not return this step: the secret below it shows whether yours was right)");
  } else if (source.kind === "secret") {
    compare("value", result.schedule.secrets?.[source.name], RFC8448_SECRETS[source.name]);
    if (result.schedule.error !== undefined) list.append(h("dt", {}, ""), h("dd", { class: "ks-bad" }, `keySchedule() threw: ${result.schedule.error}`));
  } else {
    const record = result.records[KEY_NODES.indexOf(node)];
    const start = record?.views[0];
    const want = recorded(node) as { key: string; iv: string };
    compare("key", start?.key, want.key);
    compare("iv", start?.iv, want.iv);
    const nonce = record?.views.filter((v) => v.step === "nonce")[seq]?.nonce;
    if (nonce === undefined) {
      hexRow(list, `record ${seq}'s nonce (yours)`, undefined, record?.error === undefined ? "" : `(RecordKeys threw: ${record.error})`);
    } else if (seq === 0) {
      compare("record 0's nonce, the iv itself", nonce, want.iv);
    } else {
      hexRow(list, `record ${seq}'s nonce (yours)`, nonce, "(RFC 8448 prints no nonce for this record: nothing to compare with; RFC 8446 §5.3 gives the rule)");
    }
  }
  detail.append(list);
  if (marks.get(node.id)?.state === "none" && source.kind === "secret") detail.append(h("p", {}, "Your code returned no value for this node."));
  return detail;
}
