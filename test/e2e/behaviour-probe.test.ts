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
