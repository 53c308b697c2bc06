/**
 * The arq and congestion ladders as the workbench draws them: built from a
 * real run of each lab's reference solution through its harness, then
 * replayed with a packet dropped by its key, as a click in the diagram does.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import { compileSubmission } from "#grader/compile.ts";
import type { DemoResult, LadderView } from "#labs/kit/demo.ts";
import { killFromDropKeys } from "#labs/arq/ladder-view.ts";
import { offsetsFromDropKeys } from "#labs/congestion/ladder-view.ts";

async function demo(labId: string, input: object): Promise<DemoResult> {
  const lab = findLab(labId);
  const compiled = compileSubmission(readFileSync(lab.files.solution, "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run("demo", input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value as DemoResult;
  } finally {
    await sandbox.close();
  }
}

function checkShape(view: LadderView): void {
  expect(view.packets.length).toBeGreaterThan(10);
  for (const packet of view.packets) {
    if (packet.arrivedMs !== null) expect(packet.arrivedMs).toBeGreaterThanOrEqual(packet.sentMs);
    else expect(packet.lost).toBeTruthy();
  }
}

describe("ladder views for the workbench", () => {
  it("arq: every packet arrives or says why not, and dropping a key loses exactly that packet", async () => {
    const first = await demo("arq", { seed: 3 });
    checkShape(first.ladder!);
    const target = first.ladder!.packets.find((p) => p.dropKey?.startsWith("data:") && p.arrivedMs !== null)!;
    const replay = await demo("arq", { seed: 3, drop: [target.dropKey!] });
    const dropped = replay.ladder!.packets.filter((p) => p.lost === "dropped by you");
    expect(dropped.map((p) => p.label)).toEqual([target.label]);
    expect(replay.ladder!.packets.some((p) => p.retransmission === true && p.label === target.label)).toBe(true);
  }, 60_000);

  it("congestion: a dropped segment is resent, and the cwnd series comes along", async () => {
    const first = await demo("congestion", { seed: 1 });
    checkShape(first.ladder!);
    expect(first.series!.length).toBeGreaterThan(10);
    const target = first.ladder!.packets.find((p) => p.dropKey !== undefined && p.sentMs > 100)!;
    const replay = await demo("congestion", { seed: 1, drop: [target.dropKey!] });
    expect(replay.ladder!.packets.filter((p) => p.lost === "dropped by you").map((p) => p.label)).toEqual([target.label]);
    expect(replay.ladder!.packets.some((p) => p.retransmission === true && p.label === target.label)).toBe(true);
  }, 60_000);

  it("turns drop keys back into the scenarios' inputs and ignores others", () => {
    expect(killFromDropKeys(["data:3", "ack:0", "seg:100", "data:x"])).toEqual({ data: [3], acks: [0] });
    expect(offsetsFromDropKeys(["seg:1000", "data:1", "seg:"])).toEqual([1000]);
  });
});
