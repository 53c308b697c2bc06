/**
 * Checks a learner's controller against the model (model.ts), event by
 * event: for chosen or random event sequences (the `events` scenario) and for
 * the calls a bulk run made. A failure names the first event whose result
 * leaves what the RFCs allow, and shows the events around it (and, for a bulk
 * run, the packets around it), not the start of the run.
 */
import { fail, type TestContext } from "#labs/kit/index.ts";
import { describeControllerEvent, describeControllerState } from "#labs/congestion/event-text.ts";
import { describeEvent as describeLadderEvent } from "#labs/congestion/ladder.ts";
import type { BulkInput, BulkResult, CallRecord, ControllerEvent, ControllerOptions, ControllerState } from "#labs/congestion/scenarios.ts";
import { bulkRun } from "../check.ts";
import { RfcModel, type Divergence } from "./model.ts";

/** The first divergence of `states` (initial state, then one per event) from the model, or null. */
export function firstDivergence(options: ControllerOptions, events: readonly ControllerEvent[], states: readonly ControllerState[]): Divergence | null {
  const model = new RfcModel(options);
  const initial = states[0];
  if (initial === undefined) return null;
  const first = model.checkInitial(initial);
  if (first !== null) return first;
  for (let k = 0; k < events.length; k++) {
    const state = states[k + 1];
    if (state === undefined || state.error !== undefined) return null; // a throw is reported by the caller
    const divergence = model.step(k, events[k]!, state);
    if (divergence !== null) return divergence;
  }
  return null;
}

/** The divergence in words: what, where, expected, got, the rule. */
export function explain(divergence: Divergence, event: ControllerEvent | undefined): string[] {
  const where = event === undefined ? "before any event" : `after event #${divergence.index + 1}, ${describeControllerEvent(event)}`;
  return [
    `${where}: ${divergence.what} is ${divergence.got}, expected ${divergence.expected}`,
    `  rule: ${divergence.rule}`,
    `  the RFC model before this event: ${divergence.context}`,
  ];
}

/** Fails with the first divergence of an `events` run, listing the events up to it. */
export function expectConforms(options: ControllerOptions, events: readonly ControllerEvent[], states: readonly ControllerState[], hint: string): void {
  const thrown = states.find((s) => s.error !== undefined);
  const divergence = firstDivergence(options, events, states);
  if (divergence === null && thrown === undefined) return;
  const end = divergence === null ? states.length - 1 : divergence.index + 1;
  const lines = divergence === null ? [`your controller threw ${thrown!.error}`] : explain(divergence, events[divergence.index]);
  lines.push("", `the events (new CongestionController(${JSON.stringify(options)}), then each call and your state after it):`);
  lines.push(`   #0  constructed:${describeControllerState(states[0]!)}`);
  for (let k = 0; k < end && k < events.length; k++) {
    lines.push(`  ${k + 1 === end ? "▶" : " "}#${k + 1}  ${describeControllerEvent(events[k]!)}:${describeControllerState(states[k + 1]!)}`);
  }
  lines.push("", `hint: ${hint}`);
  fail(lines.join("\n"));
}

/** The first divergence in a bulk run's calls, as lines showing the calls and packets around it; null when every call conforms. */
export function diagnoseRun(input: BulkInput, result: BulkResult): string[] | null {
  const calls = result.calls ?? [];
  const divergence = firstDivergence(
    { smss: input.smss },
    calls.map((c) => c.event),
    [result.initial, ...calls.map((c) => c.state)],
  );
  if (divergence === null) return null;
  const at = divergence.index;
  const call = calls[at];
  const lines = [`the first decision that leaves what the RFCs allow, at ${call === undefined ? "the start" : `${call.t.toFixed(3)} ms`}:`];
  lines.push(...explain(divergence, call?.event).map((line) => `  ${line}`));
  const from = Math.max(0, at - 10);
  lines.push(`  the calls around it (${at - from} before it; replay them with the events scenario):`);
  for (let k = from; k <= Math.min(at + 2, calls.length - 1); k++) lines.push(`  ${k === at ? "▶" : " "} ${describeCall(calls[k]!)}`);
  const t0 = calls[from]?.t ?? 0;
  const t1 = call?.t ?? 0;
  const packets = result.ladder.filter((e) => e.t >= t0 && e.t <= t1 && (e.kind !== "arrive" || e.dir === "ack"));
  if (packets.length > 0) {
    lines.push(`  the packets in that time${packets.length > 14 ? ` (the last 14 of ${packets.length})` : ""}:`);
    for (const e of packets.slice(-14)) lines.push(`    ${describeLadderEvent(e)}`);
  }
  return lines;
}

/**
 * A bulk run judged by `check` (outcome checks). If one fails, the run's
 * calls are fetched (the same run, remembered by the harness) and checked
 * against the model: the failure gains the first divergence, the most
 * likely cause, with the calls and packets around it; or says that every
 * call was one the RFCs allow.
 */
export async function modelRun(t: TestContext, input: BulkInput, check: (result: BulkResult) => void): Promise<BulkResult> {
  const result = await bulkRun(t, input);
  try {
    check(result);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const full = result.calls === undefined ? await t.run<BulkResult>("bulk", { ...input, calls: true, summary: false }) : result;
    const diagnosis = diagnoseRun(input, full);
    error.message = [
      error.message,
      "",
      ...(diagnosis ?? ["every call to your controller in this run gave what the RFC model allows (checked event by event): look at the counts above, not at one decision"]),
    ].join("\n");
    throw error;
  }
  return result;
}

/** Fails when some call of a bulk run leaves the model. */
export function expectRunConforms(input: BulkInput, result: BulkResult, hint: string): void {
  const diagnosis = diagnoseRun(input, result);
  if (diagnosis !== null) fail([...diagnosis, "", `hint: ${hint}`].join("\n"));
}

/** Timeouts in a run, each with the RTO that armed it and whether the model agrees: "a correct-looking timeout says so". */
export function timeoutLines(input: BulkInput, result: BulkResult): string[] {
  const model = new RfcModel({ smss: input.smss });
  const lines: string[] = [];
  let previous: CallRecord | undefined;
  for (const [k, call] of (result.calls ?? []).entries()) {
    if (call.event.kind === "timeout") {
      const armed = (previous ?? { state: result.initial }).state.rto;
      const verdict =
        typeof armed === "number" && Math.abs(armed - model.rto) < 1e-6
          ? `RTO ${armed} ms, as the RFC model gives: a correct timeout (a loss that fast retransmit could not repair)`
          : `RTO ${String(armed)} ms, but the RFC model gives ${model.rto} ms`;
      lines.push(`  ${call.t.toFixed(3)} ms timeout #${lines.length + 1} (oldest unacknowledged offset ${call.event.info.ack}): ${verdict}`);
    }
    if (model.step(k, call.event, call.state) !== null) break; // judged elsewhere; past a divergence the model says no more
    previous = call;
  }
  return lines;
}

function describeCall(call: CallRecord): string {
  return `${call.t.toFixed(3).padStart(10)} ms ${describeControllerEvent(call.event)}:${describeControllerState(call.state)}`;
}
