/**
 * The behavioural leak probe's own faults (issue 17): a candidate that only
 * throws must not score on a hidden test that checks only that a call
 * throws, and a candidate that exhausts memory must fail alone at the lab's
 * memory limit while the probe goes on to the next module.
 */
import { expect, it } from "vitest";
import { probeLab } from "./behaviour-probe.ts";

const FIXTURE = "test/e2e/fixtures/probe-candidates.ts";
const SOLUTION = "labs/tls-keys/solution.ts";

it("scores neither a throwing nor a memory-hungry candidate, and still finds the solution after them", async () => {
  const probe = await probeLab("tls-keys", [FIXTURE, SOLUTION], 900_000, SOLUTION);
  expect(probe.findings.filter((finding) => finding.module === FIXTURE)).toEqual([]);
  // hoard is offered wherever two parameters fit (recordNonce, keySchedule): each run out of memory alone.
  expect(probe.undecided).toContain(`${FIXTURE} {"recordNonce":"hoard"} (out of memory)`);
  expect(probe.undecided.filter((entry) => !entry.includes('"hoard"} (out of memory)'))).toEqual([]);
  // The probe went on past the candidate that ran out of memory: the lab's solution still scores.
  expect(probe.findings.filter((finding) => finding.module === SOLUTION).length).toBe(1);
}, 900_000);

it("finds each of the solution's functions and classes alone, though a candidate runs only the tests that read its name", async () => {
  // The solution offered as any module: every lab name alone, with the starter's for the rest (the unfiltered probe found the same).
  const probe = await probeLab("tls-keys", [SOLUTION], 900_000);
  const alone = probe.findings.map((finding) => Object.keys(finding.offered).join()).filter((name) => name !== "*");
  expect(alone.sort()).toEqual(probe.slots.map((slot) => slot.name).sort());
  expect(probe.findings.find((finding) => finding.offered["*"] === "*")?.points).toBe(53);
}, 900_000);
