/**
 * What every correct ARQ keeps, checked on one transfer (hidden tests only:
 * it uses the oracle). Each check names the first event that breaks its rule
 * and shows the ladder around it.
 */
import { fail, type TestContext } from "#labs/kit/index.ts";
import type { ArqOptions, TransferResult } from "../scenarios.ts";
import { expectExactlyOnce, expectNoOverflow, expectWellFormed, showLadder } from "./check.ts";
import { checkReceiver, checkSender, reorderedArrivals } from "./oracle.ts";

/** Slack for the retransmission bounds: packets whose fate is still open when the run ends, and the like. */
const SLACK = 2;

/** Fails unless the receiver sent the right ACK numbers and delivered what it had to, arrival by arrival. */
export function expectReceiverRules(t: TestContext, result: TransferResult, options: ArqOptions): void {
  const violation = checkReceiver(result, options);
  if (violation === null) return;
  showLadder(t, result, violation.at);
  fail(`the receiver broke the ${options.mode} rules at event ${violation.at + 1}: ${violation.message}`);
}

/** Fails unless the sender's timers and retransmissions followed the rules. */
export function expectSenderRules(t: TestContext, result: TransferResult, options: ArqOptions): void {
  const violation = checkSender(result, options);
  if (violation === null) return;
  showLadder(t, result, violation.at);
  fail(`the sender broke the ${options.mode} timer rules at event ${violation.at + 1}: ${violation.message}`);
}

/**
 * Fails when retransmissions exceed what the losses justify: Selective Repeat
 * one per lost or corrupted packet; Go-Back-N one timeout per lost,
 * corrupted or reordered packet, each resending at most a window.
 */
export function expectFrugal(t: TestContext, result: TransferResult, options: ArqOptions): void {
  const { retransmissions, impaired, timeouts } = result.counts;
  if (options.mode === "selective-repeat") {
    const bound = impaired + SLACK;
    t.step(`${impaired} packets lost or corrupted, ${retransmissions} retransmissions (at most ${bound} allowed)`);
    if (retransmissions <= bound) return;
    showLadder(t, result, result.ladder.findIndex((e) => e.kind === "send" && e.retransmission === true));
    fail(`${retransmissions} retransmissions for ${impaired} lost or corrupted packets: Selective Repeat resends each lost packet once`);
  }
  const reordered = reorderedArrivals(result.ladder);
  const bound = impaired + reordered + SLACK;
  t.step(`${impaired} packets lost or corrupted, ${reordered} DATA reordered, ${timeouts} timeouts (at most ${bound} allowed)`);
  if (timeouts <= bound) return;
  showLadder(t, result, result.ladder.findIndex((e) => e.kind === "timeout"));
  fail(`${timeouts} timeouts for ${impaired + reordered} lost, corrupted or reordered packets: a timer must only expire when something was lost`);
}

/** Every rule at once, in the order that gives the most direct message first. */
export function expectCorrectRun(t: TestContext, result: TransferResult, options: ArqOptions, count: number): void {
  expectWellFormed(t, result);
  expectReceiverRules(t, result, options);
  expectNoOverflow(t, result, options.window);
  expectSenderRules(t, result, options);
  expectExactlyOnce(t, result, count);
  expectFrugal(t, result, options);
}
