/**
 * The key schedule simulation (site/src/simulations/tls/key-schedule.ts) and
 * its "Use my code" driver (your-code/tls-keys-driver.ts): the controls
 * become the tls-keys lab's `tree` scenario, run here with the lab's
 * reference solution and starter in the Node sandbox, through the lab's
 * harness only. The built-in side holds RFC 8448 §3's recorded values and
 * derives none.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import { RFC8448_KEYS, RFC8448_SECRETS } from "#labs/tls-keys/rfc8448.ts";
import type { TreeInput, TreeResult } from "#labs/tls-keys/scenarios.ts";
import { firstDifference, nodeById, readSeq, recorded, TREE } from "#site/simulations/tls/key-schedule.ts";
import { describeTree, KEY_NODES, learnerMarks, tlsKeysDriver } from "#site/simulations/your-code/tls-keys-driver.ts";

type File = "solution" | "starter";

async function run(file: File, values: Record<string, string>): Promise<TreeResult> {
  const lab = findLab("tls-keys");
  const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const plan = tlsKeysDriver.input(values);
    if ("message" in plan) throw new Error(plan.message);
    const outcome = await sandbox.run(plan.scenario, plan.input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value as TreeResult;
  } finally {
    await sandbox.close();
  }
}

describe("the key schedule simulation", () => {
  it("holds RFC 8448's recorded value for every node, and reads its controls", () => {
    expect(recorded(nodeById("handshake"))).toEqual({ hex: RFC8448_SECRETS.handshakeSecret });
    expect(recorded(nodeById("s-ap-keys"))).toEqual(RFC8448_KEYS.serverApplication);
    expect(nodeById("nonsense").id).toBe("handshake");
    expect(new Set(TREE.map((n) => `${n.col},${n.row}`)).size).toBe(TREE.length);
    for (const node of TREE) for (const parent of node.from) expect(TREE.some((n) => n.id === parent)).toBe(true);
    expect([readSeq("7"), readSeq("-3"), readSeq("5000"), readSeq("x")]).toEqual([7, 0, 1000, 0]);
    expect(firstDifference("aa bb cc", "aabbcc")).toBeUndefined();
    expect(firstDifference("aa bb cc", "aa bd cc")).toMatchObject({ index: 1, mine: "bb", theirs: "bd" });
    expect(firstDifference("", "aa")).toMatchObject({ index: 0, mine: undefined, theirs: "aa", mineBytes: 0 });
  });

  it("maps the controls to the tree scenario: RFC 8448 §3's handshake, and nonces 0 … seq for the chosen keys only", () => {
    const plan = tlsKeysDriver.input({ node: "c-ap-keys", seq: "3" }) as { scenario: string; input: TreeInput };
    expect(plan.scenario).toBe("tree");
    expect(plan.input.schedule).toMatchObject({ suite: "TLS_AES_128_GCM_SHA256", psk: null });
    expect(plan.input.schedule.serverMessages).toHaveLength(3);
    expect(plan.input.records.map((r) => r.secret)).toEqual([
      RFC8448_SECRETS.clientHandshakeTrafficSecret,
      RFC8448_SECRETS.serverHandshakeTrafficSecret,
      RFC8448_SECRETS.clientApplicationTrafficSecret,
      RFC8448_SECRETS.serverApplicationTrafficSecret,
    ]);
    expect(plan.input.records.map((r) => r.steps.length)).toEqual([0, 0, 4, 0]);
    const secret = tlsKeysDriver.input({ node: "master", seq: "3" }) as { input: TreeInput };
    expect(secret.input.records.every((r) => r.steps.length === 0)).toBe(true);
  });

  it("marks every node of the reference's run as matching RFC 8448, and gives record 0's nonce as the iv", async () => {
    const result = await run("solution", { node: "s-hs-keys", seq: "0" });
    const marks = learnerMarks(result);
    expect(TREE.filter((n) => n.source.kind === "secret" || n.source.kind === "keys").map((n) => [n.id, marks.get(n.id)?.state])).toEqual(
      TREE.filter((n) => n.source.kind === "secret" || n.source.kind === "keys").map((n) => [n.id, "right"]),
    );
    expect(marks.get("derived-early")?.state).toBe("none");
    expect(describeTree(result, marks)).toMatch(/^Your keySchedule\(\) on RFC 8448 §3's handshake matches RFC 8448 for <strong>11 of 11<\/strong> secrets\. Your RecordKeys, given RFC 8448's traffic secrets, gives its key and iv for <strong>4 of 4<\/strong>\. It follows Show/);
    const views = result.records[KEY_NODES.findIndex((n) => n.id === "s-hs-keys")]!.views;
    expect(views.map((v) => v.step)).toEqual(["start", "nonce"]);
    expect(views[1]!.nonce!.replace(/\s/g, "")).toBe(RFC8448_KEYS.serverHandshake.iv.replace(/\s/g, ""));
  });

  it("marks the starter's nodes as not matching, from the top", async () => {
    const result = await run("starter", { node: "handshake", seq: "0" });
    const marks = learnerMarks(result);
    expect(marks.get("early")?.state === "wrong" || marks.get("early")?.state === "none").toBe(true);
    expect([...marks.values()].some((m) => m.state === "right")).toBe(false);
    const summary = describeTree(result, marks);
    expect(summary).not.toContain("11 of 11");
    expect(summary).toMatch(/It follows Show and Record sequence number/);
  });
});
