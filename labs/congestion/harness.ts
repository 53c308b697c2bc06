/**
 * The congestion lab's harness: the only code that calls the learner's
 * CongestionController. `events` feeds it chosen events and reports its
 * state after each (the rules, one at a time); `bulk` puts it in charge of
 * a TCP-like sender over a bottleneck with a drop-tail queue (the rules
 * together: the sawtooth) and records the cwnd series and a ladder of every
 * packet; `demo` is `bulk` with a capture.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { defineHarness, describeValue, exportedClass, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { describeEvent } from "./ladder.ts";
import { ladderView, offsetsFromDropKeys } from "./ladder-view.ts";
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";
import { describeControllerEvent } from "./event-text.ts";
import type {
  BulkInput,
  BulkResult,
  CallRecord,
  ControllerEvent,
  ControllerOptions,
  ControllerState,
  EventsInput,
  EventsResult,
  InfoInput,
  LadderEvent,
  LadderPacket,
  WindowPoint,
} from "./scenarios.ts";
import { BulkReceiver, BulkSender, type CongestionPolicy, type TransferState } from "#runtime/transport/bulk.ts";
import { toBase64 as base64 } from "#labs/kit/base64.ts";

const SERIES_CAP = 8000;
const LOG_CAP = 400;
const LADDER_CAP = 4000;
const CALLS_CAP = 30_000;

export default defineHarness({
  events: (input: EventsInput, learner: LearnerModule): EventsResult => events(input, learner),
  bulk: (input: BulkInput, learner: LearnerModule): BulkResult => {
    const key: BulkInput = { ...input, calls: false, summary: false };
    const result = remembered(key, () => bulk(key, learner, false).result);
    const { calls, ...rest } = result;
    const view = input.summary === true ? { ...rest, ladder: [] } : rest;
    return input.calls === true && calls !== undefined ? { ...view, calls } : view;
  },
  demo: (input: DemoInput, learner: LearnerModule): DemoRun => demo(input, learner),
});

/**
 * Several tests judge one long transfer from different sides; a run is
 * deterministic (same code, same input, same result), so this sandbox, which
 * holds one submission, keeps the last few results rather than simulating
 * the same megabyte again.
 */
const memo = new Map<string, BulkResult>();
function remembered(input: BulkInput, run: () => BulkResult): BulkResult {
  const key = JSON.stringify(input);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const result = run();
  memo.set(key, result);
  if (memo.size > 2) memo.delete(memo.keys().next().value!);
  return result;
}

// ---------------------------------------------------------------------------
// The learner's controller, handled with care

type Controller = Record<string, unknown>;

function construct(learner: LearnerModule, options: ControllerOptions): Controller {
  const Class = exportedClass(learner, "CongestionController") as new (options: ControllerOptions) => unknown;
  const object = new Class({ ...options });
  if (object === null || typeof object !== "object") throw new TypeError(`new CongestionController() gave ${describeValue(object)}`);
  return object as Controller;
}

function call(controller: Controller, name: string, ...args: unknown[]): unknown {
  const method = controller[name];
  if (typeof method !== "function") throw new TypeError(`A CongestionController must have a method \`${name}\` (found ${describeValue(method)}).`);
  return Reflect.apply(method, controller, args);
}

/** A frozen copy of the info, so the learner cannot change what the sender said. */
function infoOf(info: InfoInput): TransferState {
  return Object.freeze({ flightSize: info.flightSize, ack: info.ack, highestSent: info.highestSent });
}

function retransmitOf(answer: unknown, method: string): boolean {
  if (answer === undefined) return false;
  if (answer === null || typeof answer !== "object") throw new TypeError(`${method} must return { retransmit: boolean }, but returned ${describeValue(answer)}`);
  const value = (answer as Record<string, unknown>)["retransmit"];
  if (typeof value !== "boolean") throw new TypeError(`${method} must return { retransmit: boolean }, but retransmit was ${describeValue(value)}`);
  return value;
}

/** "arbitrarily high" (RFC 5681 §3.1): infinite, or past anything a 32-bit sequence space could use. */
const HIGH = 2 ** 31;

function ssthreshOf(value: unknown): number | null | string {
  if (typeof value !== "number" || Number.isNaN(value)) return describeValue(value);
  return value >= HIGH ? null : value;
}

function numberOf(value: unknown): number | string {
  return typeof value === "number" && Number.isFinite(value) ? value : describeValue(value);
}

// ---------------------------------------------------------------------------
// events

function events(input: EventsInput, learner: LearnerModule): EventsResult {
  const states: ControllerState[] = [];
  const controller = construct(learner, input.options);
  const state = (retransmit: boolean | null, error?: string): ControllerState => {
    let rto: number | string;
    try {
      rto = numberOf(call(controller, "rto"));
    } catch (thrown) {
      rto = `threw ${thrownMessage(thrown)}`;
    }
    return {
      cwnd: numberOf(controller["cwnd"]),
      ssthresh: ssthreshOf(controller["ssthresh"]),
      rto,
      retransmit,
      ...(error === undefined ? {} : { error }),
    };
  };
  states.push(state(null));
  for (const event of input.events) {
    let retransmit: boolean | null = null;
    try {
      switch (event.kind) {
        case "set":
          if (event.cwnd !== undefined) controller["cwnd"] = event.cwnd;
          if (event.ssthresh !== undefined) controller["ssthresh"] = event.ssthresh;
          break;
        case "newAck":
          retransmit = retransmitOf(call(controller, "onNewAck", event.bytes, infoOf(event.info)), "onNewAck");
          break;
        case "dupAck":
          retransmit = retransmitOf(call(controller, "onDuplicateAck", event.count, infoOf(event.info)), "onDuplicateAck");
          break;
        case "timeout":
          call(controller, "onTimeout", infoOf(event.info));
          break;
        case "rtt":
          call(controller, "onRttSample", event.ms, Object.freeze({ retransmitted: event.retransmitted === true }));
          break;
      }
    } catch (thrown) {
      states.push(state(null, thrownMessage(thrown)));
      break;
    }
    states.push(state(retransmit));
  }
  return states;
}

// ---------------------------------------------------------------------------
// bulk

/** When the sender was in fast recovery, and when its timer fired: the shading and red lines of the workbench's plot. */
interface RecoveryMoments {
  readonly recoveries: { fromMs: number; toMs: number }[];
  readonly timeoutsMs: number[];
}

function bulk(input: BulkInput, learner: LearnerModule, capture: boolean): { result: BulkResult; net: Network; moments: RecoveryMoments } {
  const net = new Network({ seed: input.seed, trace: { record: false, capture } });
  const senderHost = net.host("sender", "10.0.0.1");
  const receiverHost = net.host("receiver", "10.0.0.2");
  const link = { rate: input.rate, delay: ms(input.delayMs), queueBytes: input.queueBytes };
  // ACKs have a queue big enough never to drop: the lab is about the data direction.
  const { forward } = net.connect(senderHost, receiverHost, link, { ...link, queueBytes: 1_000_000 });
  const now = () => toMs(net.now);

  const counts = { segments: 0, retransmissions: 0, fastRetransmits: 0, partialRetransmits: 0, timeouts: 0, queueDrops: 0, scriptedDrops: 0 };
  const series: WindowPoint[] = [];
  let truncated = false;
  const log: string[] = [];
  const note = (text: string) => {
    if (log.length < LOG_CAP) log.push(`${now().toFixed(1)} ms ${text}`);
  };

  // The ladder. A send is recorded when the sender (or receiver) is about to
  // send; the link's trace then gives its packet id, which joins the send to
  // its arrival or drop.
  const ladder: LadderEvent[] = [];
  let ladderTruncated = false;
  const mark = (event: LadderEvent) => {
    if (ladder.length < LADDER_CAP) ladder.push(event);
    else ladderTruncated = true;
  };
  const carried = new Map<number, LadderPacket>();
  let pending: { readonly event: { packet: number }; readonly what: LadderPacket } | null = null;
  const sending = (what: LadderPacket, retransmission?: boolean) => {
    const event = { kind: "send" as const, t: now(), packet: 0, ...(retransmission === undefined ? {} : { retransmission }), ...what };
    mark(event);
    pending = { event, what };
  };
  net.trace.listen((event) => {
    if (event.kind === "send" && pending !== null) {
      pending.event.packet = event.packet;
      carried.set(event.packet, pending.what);
      pending = null;
    } else if (event.kind === "arrive" || event.kind === "drop") {
      const what = carried.get(event.packet);
      if (what === undefined) return;
      carried.delete(event.packet);
      const t = toMs(event.time);
      mark(event.kind === "arrive" ? { kind: "arrive", t, packet: event.packet, ...what } : { kind: "drop", t, packet: event.packet, reason: event.reason, ...what });
      if (event.kind === "drop" && event.reason === "queue-full" && event.where === forward.name) {
        counts.queueDrops++;
        note(`queue full: data packet ${event.packet} dropped`);
      }
    }
  });
  const scripted = new Set(input.drop ?? []);
  const resent = new Map<number, number>();
  for (const offset of input.dropResent ?? []) resent.set(offset, (resent.get(offset) ?? 0) + 1);
  const blackouts = input.blackouts ?? [];
  const lose = (offset: number, _length: number, retransmission: boolean): boolean => {
    const t = now();
    const reason = blackouts.some((b) => t >= b.fromMs && t < b.toMs)
      ? "blackout"
      : !retransmission && scripted.has(offset)
        ? "scripted"
        : retransmission && (resent.get(offset) ?? 0) > 0
          ? "scripted"
          : null;
    if (reason === null) return false;
    if (retransmission && reason === "scripted") resent.set(offset, resent.get(offset)! - 1);
    counts.scriptedDrops++;
    if (pending !== null) {
      pending.event.packet = -1;
      mark({ kind: "drop", t, packet: -1, reason, ...pending.what });
      pending = null;
    }
    note(`${reason}: ${retransmission ? "retransmission" : "segment"} at offset ${offset} dropped`);
    return true;
  };

  const controller = construct(learner, { smss: input.smss });
  let maxCwnd = 0;
  let reductions = 0;
  let lastCwnd = NaN;
  let lastSsthresh: number | null | undefined;
  const calls: CallRecord[] = [];
  let callsTruncated = false;
  /** What the controller was last asked, so a broken cwnd names the event that broke it. */
  let lastEvent = "new CongestionController()";
  const readCwnd = (): number => {
    const value = controller["cwnd"];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`cwnd must be a finite number of bytes >= 0, but it is ${describeValue(value)} after ${lastEvent}`);
    }
    return value;
  };
  const record = () => {
    const cwnd = readCwnd();
    const raw = ssthreshOf(controller["ssthresh"]);
    if (typeof raw === "string") throw new TypeError(`ssthresh must be a number of bytes, but it is ${raw} after ${lastEvent}`);
    if (cwnd === lastCwnd && raw === lastSsthresh) return;
    maxCwnd = Math.max(maxCwnd, cwnd);
    lastCwnd = cwnd;
    lastSsthresh = raw;
    if (series.length < SERIES_CAP) series.push({ timeMs: now(), cwnd, ssthresh: raw });
    else truncated = true;
  };
  record();
  const initial: ControllerState = { cwnd: lastCwnd, ssthresh: lastSsthresh ?? null, rto: numberOf(call(controller, "rto")), retransmit: null };
  /** Makes one call to the controller, records it with the state after it, and checks cwnd. */
  const ask = <T>(event: ControllerEvent, invoke: () => T, answer: (value: T) => boolean | null): T => {
    lastEvent = `${describeControllerEvent(event)} at ${now().toFixed(3)} ms`;
    const value = invoke();
    record();
    if (calls.length < CALLS_CAP) {
      const rto = numberOf(call(controller, "rto"));
      calls.push({ t: now(), event, state: { cwnd: lastCwnd, ssthresh: lastSsthresh ?? null, rto, retransmit: answer(value) } });
    } else callsTruncated = true;
    return value;
  };
  /** Runs a loss response and counts it when it cut cwnd (a multiplicative decrease). */
  const cut = <T>(respond: () => T): T => {
    const before = readCwnd();
    const value = respond();
    if (readCwnd() < 0.8 * before) reductions++;
    return value;
  };
  const plain = (i: TransferState): InfoInput => ({ flightSize: i.flightSize, ack: i.ack, highestSent: i.highestSent });
  const tenths: (number | null)[] = Array.from({ length: 10 }, () => null);
  const progress = (ack: number) => {
    for (let k = 0; k < 10; k++) if (tenths[k] === null && ack * 10 >= input.totalBytes * (k + 1)) tenths[k] = now();
  };
  const policy: CongestionPolicy = {
    cwnd: readCwnd,
    onNewAck: (acked, info) => {
      progress(info.ack);
      return ask({ kind: "newAck", bytes: acked, info: plain(info) }, () => retransmitOf(call(controller, "onNewAck", acked, info), "onNewAck"), (r) => r);
    },
    onDuplicateAck: (count, info) =>
      cut(() => ask({ kind: "dupAck", count, info: plain(info) }, () => retransmitOf(call(controller, "onDuplicateAck", count, info), "onDuplicateAck"), (r) => r)),
    onTimeout: (info) => cut(() => ask({ kind: "timeout", info: plain(info) }, () => void call(controller, "onTimeout", info), () => null)),
    onRttSample: (rtt, sample) =>
      ask(
        { kind: "rtt", ms: rtt, retransmitted: sample.retransmitted },
        () => void call(controller, "onRttSample", rtt, Object.freeze({ retransmitted: sample.retransmitted })),
        () => null,
      ),
    rtoMs: () => {
      const value = call(controller, "rto");
      if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
        throw new TypeError(`rto() must return a finite number of ms > 0, but returned ${describeValue(value)} after ${lastEvent}`);
      }
      return value;
    },
  };

  // Fast recovery runs from the fast retransmit until an ACK covers `recover`, the highest offset sent
  // when it began (RFC 6582 §3.2 steps 2 and 3), or until a timeout ends it.
  const moments: RecoveryMoments = { recoveries: [], timeoutsMs: [] };
  let recovery: { fromMs: number; recover: number } | null = null;
  const endRecovery = () => {
    if (recovery !== null) moments.recoveries.push({ fromMs: recovery.fromMs, toMs: now() });
    recovery = null;
  };

  let maxQueueBytes = 0;
  // A sender that sends far more than the data needs (a window out of control) is cut off.
  const budget = Math.ceil(input.totalBytes / input.smss) * 20 + 1000;
  const observer = {
    sent(offset: number, length: number, retransmission: boolean) {
      counts.segments++;
      if (retransmission) counts.retransmissions++;
      if (counts.segments > budget) throw new RangeError(`the sender sent over ${budget} segments for ${input.totalBytes} bytes: the window is out of control`);
      maxQueueBytes = Math.max(maxQueueBytes, forward.queuedBytes);
      if (retransmission) note(`resend offset ${offset} (${length} bytes)`);
      sending({ dir: "data", offset, length }, retransmission);
    },
    event(kind: string, detail: string) {
      if (kind === "fast-retransmit") {
        counts.fastRetransmits++;
        if (recovery === null) recovery = { fromMs: now(), recover: sender.highestSent };
      }
      if (kind === "new-ack" && recovery !== null && sender.una >= recovery.recover) endRecovery();
      if (kind === "partial-retransmit") counts.partialRetransmits++;
      if (kind === "timeout") {
        counts.timeouts++;
        mark({ kind: "timeout", t: now(), una: sender.una });
        endRecovery();
        moments.timeoutsMs.push(now());
      }
      if (kind !== "new-ack") note(`${kind}: ${detail}, cwnd ${lastCwnd}`);
    },
  };
  const sender: BulkSender = new BulkSender({ now, from: senderHost, to: receiverHost, total: input.totalBytes, smss: input.smss, policy, observer, lose });
  new BulkReceiver(receiverHost, senderHost, { acked: (ack) => sending({ dir: "ack", ack }) });
  sender.start();
  net.run({ until: ms(input.untilMs), maxEvents: 2_000_000 });

  const end = sender.finishedAt ?? now();
  endRecovery();
  const result: BulkResult = {
    finishedAtMs: sender.finishedAt,
    ackedBytes: sender.una,
    goodput: end > 0 ? (sender.una * 8) / (end / 1000) / input.rate : 0,
    counts,
    reductions,
    maxQueueBytes: Math.max(maxQueueBytes, 0),
    maxCwnd,
    series,
    truncated,
    log,
    ladder,
    ladderTruncated,
    calls,
    callsTruncated,
    initial,
    tenths,
  };
  return { result, net, moments };
}

// ---------------------------------------------------------------------------
// Demo

/** The common demo shape (labs/kit/demo.ts), with the cwnd series this lab always has. */
interface DemoRun extends DemoResult {
  readonly summary: string[];
  readonly pcap: string;
  readonly series: readonly WindowPoint[];
}

/** The bulk transfer with the segments the learner clicked dropped (the bottleneck is fixed: `profile` does not apply). */
function demo({ seed, drop }: DemoInput, learner: LearnerModule): DemoRun {
  const scripted = offsetsFromDropKeys(drop ?? []);
  const input: BulkInput = {
    seed,
    smss: 1000,
    totalBytes: 300_000,
    rate: 2e6,
    delayMs: 20,
    queueBytes: 8000,
    untilMs: 30_000,
    ...(scripted.length > 0 ? { drop: scripted } : {}),
  };
  const { result, net, moments } = bulk(input, learner, true);
  const c = result.counts;
  const summary = [
    `Bulk transfer of ${input.totalBytes} bytes, SMSS ${input.smss}, over ${input.rate / 1e6} Mb/s, ${input.delayMs} ms each way, ` +
      `a ${input.queueBytes}-byte drop-tail queue (seed ${seed})`,
    `  finished: ${result.finishedAtMs === null ? "no" : `${result.finishedAtMs.toFixed(1)} ms`}, goodput ${(result.goodput * 100).toFixed(0)}% of the link`,
    `  ${c.segments} segments (${c.retransmissions} resent), ${c.queueDrops} queue drops, ${c.fastRetransmits} fast retransmits, ` +
      `${c.partialRetransmits} partial-ACK retransmits, ${c.timeouts} timeouts`,
    `  cwnd cut ${result.reductions} times by a loss; largest cwnd ${result.maxCwnd} bytes`,
    "  cwnd over time (one row per 100 ms, # = 1000 bytes):",
    ...plot(result.series, result.finishedAtMs ?? input.untilMs),
    "  ladder (first 40 events):",
    ...result.ladder.slice(0, 40).map((event) => `    ${describeEvent(event)}`),
  ];
  return {
    summary,
    pcap: base64(net.trace.toPcapng()),
    series: result.series,
    endMs: result.finishedAtMs ?? input.untilMs,
    recoveries: moments.recoveries,
    timeoutsMs: moments.timeoutsMs,
    // One round trip's worth of bytes at the bottleneck's rate: the bandwidth-delay product (RFC 7323 §1.1).
    path: { bdpBytes: Math.round(((input.rate / 8) * 2 * input.delayMs) / 1000), queueBytes: input.queueBytes },
    ladder: ladderView(result.ladder, result.ladderTruncated),
  };
}

function plot(series: readonly WindowPoint[], endMs: number): string[] {
  const rows: string[] = [];
  let index = 0;
  for (let t = 0; t <= endMs && rows.length < 60; t += 100) {
    while (index + 1 < series.length && series[index + 1]!.timeMs <= t) index++;
    const point = series[index];
    if (point === undefined) break;
    rows.push(`    ${String(t).padStart(5)} ms ${"#".repeat(Math.min(80, Math.round(point.cwnd / 1000)))} ${point.cwnd}`);
  }
  return rows;
}

