/**
 * The ARQ lab's harness: it runs inside the sandbox next to the learner's
 * module and is the only code that calls it. A transfer puts the learner's
 * Sender and Receiver on two simulated hosts, joined by a link whose faults
 * the test chooses, carries their packets in UDP without a checksum (so
 * corruption reaches them), drives their timers in virtual time and
 * records a ladder of everything that happened (shapes in scenarios.ts).
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import type { LinkSpec } from "#runtime/net/profiles.ts";
import { copyBytes, defineHarness, describeValue, exportedClass, exportedFunction, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import type {
  ArqOptions,
  ChecksumInput,
  ChecksumResult,
  ConstructInput,
  ConstructResult,
  LadderEvent,
  LinkInput,
  OptionsInput,
  ScriptEvent,
  ScriptInput,
  ScriptResult,
  ScriptStepResult,
  TransferInput,
  TransferResult,
} from "./scenarios.ts";
import { describeEvent } from "./ladder.ts";
import { killFromDropKeys, ladderView } from "./ladder-view.ts";
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";
import { checksumOf, makeMessages, parseHeader, scriptMessage } from "./wire.ts";
import { toBase64 as base64 } from "#labs/kit/base64.ts";

const DATA = 1;
const ACK = 2;
const LADDER_CAP = 3000;
const SENDER_PORT = 5000;
const RECEIVER_PORT = 6000;
/** More live timers than this is a leak, not a protocol. */
const MAX_TIMERS = 100_000;

export default defineHarness({
  transfer: (input: TransferInput, learner: LearnerModule): TransferResult => transfer(input, learner, false).result,
  construct: (input: ConstructInput, learner: LearnerModule): ConstructResult => construct(input, learner),
  checksum: (input: ChecksumInput, learner: LearnerModule): ChecksumResult => checksums(input, learner),
  script: (input: ScriptInput, learner: LearnerModule): ScriptResult => script(input, learner),
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => demo(input, learner),
});

// ---------------------------------------------------------------------------
// Transfer

interface Timer {
  cancel(): void;
}

function transfer(input: TransferInput, learner: LearnerModule, capture: boolean): { result: TransferResult; net: Network } {
  const { options, messages: spec } = input;
  const space = 2 ** options.seqBits;
  const messages = makeMessages(input.seed, spec.count, spec.minBytes, spec.maxBytes, spec.sizes);
  const net = new Network({ seed: input.seed, trace: { record: false, capture } });
  const senderHost = net.host("sender", "10.0.0.1");
  const receiverHost = net.host("receiver", "10.0.0.2");
  const { forward } = net.connect(senderHost, receiverHost, linkSpec(input.data), linkSpec(input.acks ?? input.data));
  const senderSocket = senderHost.udp(SENDER_PORT, { checksum: false });
  const receiverSocket = receiverHost.udp(RECEIVER_PORT, { checksum: false });

  const ladder: LadderEvent[] = [];
  let truncated = false;
  const note = (event: LadderEvent) => {
    if (input.ladder === false) return;
    if (ladder.length < LADDER_CAP) ladder.push(event);
    else truncated = true;
  };
  const now = () => toMs(net.now);
  const counts = { dataSent: 0, acksSent: 0, retransmissions: 0, impaired: 0, timeouts: 0 };
  let malformed: TransferResult["malformed"] = null;

  net.trace.listen((event) => {
    const t = toMs(event.time);
    if (event.kind === "drop") {
      counts.impaired++;
      const dir = event.where === "sender->receiver" || event.where === "receiver" ? "data" : "ack";
      note({ kind: "lost", t, dir, packet: event.packet, reason: event.reason });
    } else if (event.kind === "corrupt") {
      counts.impaired++;
      note({ kind: "corrupted", t, dir: direction(event.link), packet: event.packet });
    } else if (event.kind === "duplicate") {
      note({ kind: "duplicated", t, dir: direction(event.link), packet: event.packet, copy: event.copy });
    }
  });

  // What the harness knows of the sender's window, from the packets themselves.
  const sentBefore = new Set<number>();
  let highestSent = -1;
  let ackBase = 0;
  const selectiveAcked = new Set<number>();
  let maxOutstanding = 0;
  let maxOutstandingAt: number | null = null;
  let overflowAt: number | null = null;
  const killData = new Set(input.kill?.data ?? []);
  const killDataSends = new Set(input.kill?.dataSends ?? []);
  const killAcks = new Set(input.kill?.acks ?? []);
  let dataSendsSeen = 0;
  /** Which of the sender's methods is running (sends are attributed to it). */
  let cause: "offer" | "packet" | "timer" = "offer";
  /** While the receiver handles a DATA packet: the ACK numbers it sends and what it delivers. */
  let replies: (number | null)[] | null = null;
  let deliveredInCall = 0;

  const checkFormat = (dir: "data" | "ack", bytes: Uint8Array) => {
    const problem = formatProblem(bytes, dir === "data" ? DATA : ACK, space);
    if (problem !== null && malformed === null) malformed = { t: now(), dir, problem, hex: toHex(bytes.subarray(0, 32)) };
    return problem;
  };

  // A packet storm (say, retransmitting on every duplicate ACK) would take the run's whole time limit: cut it off.
  const packetBudget = 30 * messages.length + 2000;
  let packetsSent = 0;
  let overBudget = false;
  const withinBudget = () => {
    if (++packetsSent <= packetBudget) return true;
    overBudget = true;
    return false;
  };

  const sendData = (value: unknown) => {
    const bytes = copyBytes(value, "the packet passed to send()");
    if (!withinBudget()) return;
    const problem = checkFormat("data", bytes);
    const header = parseHeader(bytes);
    const message = identifySent(bytes.subarray(5), header?.seq ?? -1);
    const retransmission = message >= 0 && sentBefore.has(message);
    counts.dataSent++;
    if (retransmission) counts.retransmissions++;
    if (message >= 0) {
      sentBefore.add(message);
      highestSent = Math.max(highestSent, message);
      if (highestSent + 1 - ackBase > maxOutstanding) {
        maxOutstanding = highestSent + 1 - ackBase;
        maxOutstandingAt = ladder.length;
      }
      if (overflowAt === null && highestSent + 1 - ackBase > options.window && input.ladder !== false) overflowAt = ladder.length;
    }
    const event = {
      kind: "send" as const,
      t: now(),
      dir: "data" as const,
      packet: 0,
      type: header?.type ?? null,
      seq: header?.seq ?? null,
      message,
      retransmission,
      ...(problem === null ? {} : { malformed: problem }),
      cause,
    };
    note(event);
    if (killDataSends.has(dataSendsSeen++) || (message >= 0 && !retransmission && killData.has(message))) {
      counts.impaired++;
      note({ kind: "lost", t: now(), dir: "data", packet: -1, reason: "killed" });
      event.packet = -1;
      return;
    }
    event.packet = senderSocket.send(receiverSocket.local, bytes);
  };

  let acksSeen = 0;
  const sendAck = (value: unknown) => {
    const bytes = copyBytes(value, "the packet passed to send()");
    if (!withinBudget()) return;
    const problem = checkFormat("ack", bytes);
    const header = parseHeader(bytes);
    counts.acksSent++;
    replies?.push(problem === null ? header!.seq : null);
    const event = {
      kind: "send" as const,
      t: now(),
      dir: "ack" as const,
      packet: 0,
      type: header?.type ?? null,
      seq: header?.seq ?? null,
      ...(problem === null ? {} : { malformed: problem }),
    };
    note(event);
    if (killAcks.has(acksSeen++)) {
      counts.impaired++;
      note({ kind: "lost", t: now(), dir: "ack", packet: -1, reason: "killed" });
      event.packet = -1;
      return;
    }
    event.packet = receiverSocket.send(senderSocket.local, bytes);
  };

  /** The message a DATA payload carries: by its index prefix, or (under 4 bytes) by its number within the window. */
  const identifySent = (payload: Uint8Array, seq: number): number => {
    if (payload.length >= 4 || seq < 0) return identify(payload, messages);
    const index = ackBase + ((seq - (ackBase % space) + space) % space);
    return sameBytes(payload, messages[index]) ? index : -1;
  };

  /** Moves the harness's view of the window when an intact ACK reaches the sender. */
  const noteAck = (bytes: Uint8Array) => {
    if (formatProblem(bytes, ACK, space) !== null) return;
    const seq = parseHeader(bytes)!.seq;
    const n = ackBase + ((seq - (ackBase % space) + space) % space);
    if (options.mode === "selective-repeat") {
      if (n > highestSent) return;
      selectiveAcked.add(n);
      while (selectiveAcked.has(ackBase)) ackBase++;
    } else if (n <= highestSent + 1) {
      ackBase = n;
    }
  };

  // The learner's objects.
  const timers = new Map<number, Timer>();
  let nextOffer = 0;
  const SenderClass = exportedClass(learner, "Sender") as new (options: ArqOptions, context: unknown) => unknown;
  const ReceiverClass = exportedClass(learner, "Receiver") as new (options: ArqOptions, context: unknown) => unknown;
  const pump = () => {
    cause = "offer";
    while (nextOffer < messages.length) {
      const accepted = lent(messages[nextOffer]!, (view) => sender.call("offer", view));
      if (accepted !== true) break;
      nextOffer++;
    }
  };
  const senderContext = Object.freeze({
    now,
    send: (packet: unknown) => sendData(packet),
    setTimer: (key: unknown, delayMs: unknown) => {
      if (typeof key !== "number" || !Number.isFinite(key)) throw new TypeError(`setTimer: key must be a number, got ${describeValue(key)}`);
      if (typeof delayMs !== "number" || !(delayMs >= 0) || !Number.isFinite(delayMs)) {
        throw new TypeError(`setTimer: delayMs must be a finite number >= 0, got ${describeValue(delayMs)}`);
      }
      timers.get(key)?.cancel();
      if (timers.size >= MAX_TIMERS) throw new RangeError(`more than ${MAX_TIMERS} timers running at once`);
      timers.set(
        key,
        senderHost.timer(ms(delayMs), `timer ${key}`, () => {
          timers.delete(key);
          counts.timeouts++;
          const event = { kind: "timeout" as const, t: now(), key, resent: 0 };
          note(event);
          const before = counts.dataSent;
          cause = "timer";
          sender.call("onTimer", key);
          event.resent = counts.dataSent - before;
          pump();
        }),
      );
    },
    cancelTimer: (key: unknown) => {
      if (typeof key !== "number") return;
      timers.get(key)?.cancel();
      timers.delete(key);
    },
  });
  const delivered: number[] = [];
  const deliveredOnce = new Set<number>();
  let deliveredBytes = 0;
  let lastDelivery: number | null = null;
  const receiverContext = Object.freeze({
    send: (packet: unknown) => sendAck(packet),
    deliver: (value: unknown) => {
      const bytes = copyBytes(value, "the message passed to deliver()");
      // The message due next, if these are its bytes (short messages have no index to read).
      const message = sameBytes(bytes, messages[delivered.length]) ? delivered.length : identifyDelivered(bytes, messages);
      delivered.push(message);
      deliveredInCall++;
      if (message >= 0 && !deliveredOnce.has(message)) {
        deliveredOnce.add(message);
        deliveredBytes += bytes.length;
      }
      lastDelivery = net.now;
      note({ kind: "deliver", t: now(), message });
    },
  });
  // Declared after the contexts that mention it: they only call it later, from events.
  const sender = methods(new SenderClass({ ...options }, senderContext), "Sender");
  const receiver = methods(new ReceiverClass({ ...options }, receiverContext), "Receiver");

  const arrival = (dir: "data" | "ack", packet: number, bytes: Uint8Array): LadderEvent => {
    const header = parseHeader(bytes);
    const intact = header !== null && header.checksum === checksumOf(bytes);
    return { kind: "arrive", t: now(), dir, packet, type: header?.type ?? null, seq: header?.seq ?? null, intact };
  };
  receiverSocket.onDatagram = (datagram) => {
    const event = arrival("data", datagram.packet, datagram.payload);
    note(event);
    replies = [];
    deliveredInCall = 0;
    lent(datagram.payload, (view) => receiver.call("onPacket", view));
    Object.assign(event, { replies, delivered: deliveredInCall });
    replies = null;
  };
  senderSocket.onDatagram = (datagram) => {
    const event = arrival("ack", datagram.packet, datagram.payload);
    note(event);
    noteAck(datagram.payload);
    Object.assign(event, { acked: ackBase });
    cause = "packet";
    lent(datagram.payload, (view) => sender.call("onPacket", view));
    pump();
  };

  pump();
  net.run({ until: ms(input.untilMs), maxEvents: input.maxEvents });

  const finished = nextOffer === messages.length && sender.call("done") === true;
  // A run cut short by its time budget is measured up to the cut, so a bulk transfer can be timed over a fixed span.
  const allDelivered = deliveredOnce.size === messages.length;
  const seconds = (allDelivered && lastDelivery !== null ? lastDelivery : net.now) / 1e9;
  const goodput = seconds > 0 ? (deliveredBytes * 8) / seconds / forward.config.rate : 0;
  const result: TransferResult = {
    delivered,
    offered: nextOffer,
    finished,
    lastDeliveryMs: lastDelivery === null ? null : toMs(lastDelivery),
    endMs: now(),
    counts,
    goodput,
    overBudget,
    maxOutstanding,
    maxOutstandingAt: input.ladder === false ? null : maxOutstandingAt,
    overflowAt,
    malformed,
    ladder,
    truncated,
  };
  return { result, net };
}

function direction(link: string): "data" | "ack" {
  return link === "sender->receiver" ? "data" : "ack";
}

/** What is wrong with a packet the learner sent, or null. */
function formatProblem(bytes: Uint8Array, type: number, space: number): string | null {
  const header = parseHeader(bytes);
  if (header === null) return `only ${bytes.length} bytes: a packet has a 5-byte header`;
  if (header.type !== type) return `byte 0 (type) is ${header.type}, expected ${type} (${type === DATA ? "DATA" : "ACK"})`;
  if (header.seq >= space) return `sequence number ${header.seq} is outside 0..${space - 1}`;
  const expected = checksumOf(bytes);
  if (header.checksum !== expected) {
    return `checksum field (bytes 3-4) is ${hex4(header.checksum)}, but the RFC 1071 checksum of the packet is ${hex4(expected)}`;
  }
  if (type === ACK && bytes.length !== 5) return `an ACK has no payload, but this one is ${bytes.length} bytes long`;
  return null;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}

/**
 * Calls `use` with a copy of `bytes` that is a view into a larger buffer (at
 * a non-zero byteOffset), then overwrites that buffer: the contract lends
 * these arrays for the call only, so code that keeps one must copy it.
 */
function lent<T>(bytes: Uint8Array, use: (view: Uint8Array) => T): T {
  const buffer = new Uint8Array(bytes.length + 6).fill(0x5a);
  buffer.set(bytes, 3);
  try {
    return use(buffer.subarray(3, 3 + bytes.length));
  } finally {
    buffer.fill(0xa5);
  }
}

function sameBytes(bytes: Uint8Array, message: Uint8Array | undefined): boolean {
  if (message === undefined || message.length !== bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== message[i]) return false;
  return true;
}

/** A delivery that is not the message due next: which message it repeats or skips to, or -1. */
function identifyDelivered(bytes: Uint8Array, messages: readonly Uint8Array[]): number {
  if (bytes.length >= 4) return identify(bytes, messages);
  return messages.findIndex((message) => sameBytes(bytes, message));
}

/** The index of the offered message equal to `bytes`, or -1. */
function identify(bytes: Uint8Array, messages: readonly Uint8Array[]): number {
  if (bytes.length < 4) return -1;
  const index = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const message = messages[index];
  if (message === undefined || message.length !== bytes.length) return -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== message[i]) return -1;
  return index;
}

function linkSpec(input: LinkInput): LinkSpec {
  if (typeof input === "string") return input as LinkSpec;
  const spec: Record<string, unknown> = {};
  if (input.profile !== undefined) spec["profile"] = input.profile;
  if (input.rate !== undefined) spec["rate"] = input.rate;
  if (input.delayMs !== undefined) spec["delay"] = ms(input.delayMs);
  if (input.jitterMs !== undefined) spec["jitter"] = ms(input.jitterMs);
  if (input.queueBytes !== undefined) spec["queueBytes"] = input.queueBytes;
  if (input.loss !== undefined) spec["loss"] = { model: "bernoulli", rate: input.loss };
  if (input.duplicate !== undefined) spec["duplicate"] = input.duplicate;
  if (input.reorder !== undefined) spec["reorder"] = input.reorder;
  if (input.reorderDelayMs !== undefined) spec["reorderDelay"] = ms(input.reorderDelayMs);
  if (input.corrupt !== undefined) spec["corrupt"] = input.corrupt;
  return spec as LinkSpec;
}

// ---------------------------------------------------------------------------
// The learner's objects, handled with care

interface Methods {
  call(name: string, ...args: unknown[]): unknown;
}

function methods(object: unknown, className: string): Methods {
  return {
    call(name, ...args) {
      const value = object === null || typeof object !== "object" ? undefined : (object as Record<string, unknown>)[name];
      if (typeof value !== "function") {
        throw new TypeError(`A ${className} must have a method \`${name}\` (found ${describeValue(value)}).`);
      }
      return Reflect.apply(value, object, args);
    },
  };
}

function construct(input: ConstructInput, learner: LearnerModule): ConstructResult {
  const SenderClass = exportedClass(learner, "Sender") as new (options: ArqOptions, context: unknown) => unknown;
  const ReceiverClass = exportedClass(learner, "Receiver") as new (options: ArqOptions, context: unknown) => unknown;
  const idle = Object.freeze({ now: () => 0, send: () => {}, setTimer: () => {}, cancelTimer: () => {}, deliver: () => {} });
  const attempt = (make: () => unknown): string => {
    try {
      make();
      return "ok";
    } catch (error) {
      return thrownMessage(error);
    }
  };
  return input.cases.map((options) => ({
    sender: attempt(() => new SenderClass(decodeOptions(options), idle)),
    receiver: attempt(() => new ReceiverClass(decodeOptions(options), idle)),
  }));
}

/** Options from JSON: "NaN", "Infinity" and "-Infinity" become those numbers. */
function decodeOptions(options: OptionsInput): ArqOptions {
  const special = (value: unknown) =>
    value === "NaN" ? Number.NaN : value === "Infinity" ? Infinity : value === "-Infinity" ? -Infinity : value;
  return {
    mode: options.mode as ArqOptions["mode"],
    window: special(options.window) as number,
    seqBits: special(options.seqBits) as number,
    timeoutMs: special(options.timeoutMs) as number,
  };
}

// ---------------------------------------------------------------------------
// Script: one side alone, driven step by step

function script(input: ScriptInput, learner: LearnerModule): ScriptResult {
  let clock = 0;
  let events: ScriptEvent[] = [];
  /** Running timers: due time and the order they were set in (ties fire in that order). */
  const timers = new Map<number, { due: number; order: number }>();
  let order = 0;
  const context = Object.freeze({
    now: () => clock,
    send: (packet: unknown) => {
      events.push({ t: clock, kind: "send", hex: toHex(copyBytes(packet, "the packet passed to send()")) });
    },
    deliver: (message: unknown) => {
      events.push({ t: clock, kind: "deliver", hex: toHex(copyBytes(message, "the message passed to deliver()")) });
    },
    setTimer: (key: unknown, delayMs: unknown) => {
      if (typeof key !== "number" || !Number.isFinite(key)) throw new TypeError(`setTimer: key must be a number, got ${describeValue(key)}`);
      if (typeof delayMs !== "number" || !(delayMs >= 0) || !Number.isFinite(delayMs)) {
        throw new TypeError(`setTimer: delayMs must be a finite number >= 0, got ${describeValue(delayMs)}`);
      }
      if (!timers.has(key) && timers.size >= MAX_TIMERS) throw new RangeError(`more than ${MAX_TIMERS} timers running at once`);
      timers.set(key, { due: clock + delayMs, order: order++ });
      events.push({ t: clock, kind: "set-timer", key, delayMs });
    },
    cancelTimer: (key: unknown) => {
      if (typeof key !== "number") return;
      timers.delete(key);
      events.push({ t: clock, kind: "cancel-timer", key });
    },
  });
  const Class = exportedClass(learner, input.role === "sender" ? "Sender" : "Receiver") as new (options: ArqOptions, context: unknown) => unknown;
  const object = methods(new Class(decodeOptions(input.options), context), input.role === "sender" ? "Sender" : "Receiver");
  let offers = 0;
  return input.steps.map((step): ScriptStepResult => {
    events = [];
    const attempt = (call: () => unknown): ScriptStepResult => {
      try {
        const value = call();
        return { ...(value === undefined ? {} : { returned: typeof value === "boolean" ? String(value) : describeValue(value) }), events };
      } catch (error) {
        return { threw: thrownMessage(error), events };
      }
    };
    if ("offer" in step) {
      const message = scriptMessage(offers++, step.offer);
      return attempt(() => lent(message, (view) => object.call("offer", view)));
    }
    if ("packet" in step) {
      const bytes = fromHex(step.packet);
      return attempt(() => lent(bytes, (view) => object.call("onPacket", view)));
    }
    const end = clock + step.wait;
    return attempt(() => {
      for (;;) {
        let next: [number, { due: number; order: number }] | undefined;
        for (const entry of timers) {
          if (entry[1].due > end) continue;
          if (next === undefined || entry[1].due < next[1].due || (entry[1].due === next[1].due && entry[1].order < next[1].order)) next = entry;
        }
        if (next === undefined) break;
        const [key, { due }] = next;
        timers.delete(key);
        clock = due;
        events.push({ t: clock, kind: "timeout", key });
        object.call("onTimer", key);
      }
      clock = end;
    });
  });
}

function checksums(input: ChecksumInput, learner: LearnerModule): ChecksumResult {
  const checksum = exportedFunction(learner, "internetChecksum") as (bytes: Uint8Array) => unknown;
  return input.inputs.map((hex, i) => {
    let value: unknown;
    try {
      // Every other input is a view at an odd byteOffset into a larger buffer, as packets often are.
      value = i % 2 === 0 ? checksum(fromHex(hex)) : lent(fromHex(hex), (view) => checksum(view));
    } catch (error) {
      return { error: thrownMessage(error) };
    }
    if (typeof value !== "number") return { error: `returned ${describeValue(value)}, not a number` };
    return { value };
  });
}

// ---------------------------------------------------------------------------
// Demo

/**
 * Selective Repeat over a rough link (or the profile the learner picked),
 * with the packets the learner clicked dropped: counts, the start of the
 * ladder as text, the ladder for the workbench, and the capture.
 */
function demo({ seed, profile, drop }: DemoInput, learner: LearnerModule): DemoResult {
  const input: TransferInput = {
    options: { mode: "selective-repeat", window: 4, seqBits: 3, timeoutMs: 120 },
    seed,
    messages: { count: 12, minBytes: 8, maxBytes: 40 },
    data: profile ?? { delayMs: 20, rate: 1e6, loss: 0.15, corrupt: 0.05, duplicate: 0.05 },
    ...(drop === undefined ? {} : { kill: killFromDropKeys(drop) }),
    untilMs: 20_000,
    maxEvents: 100_000,
  };
  const { result, net } = transfer(input, learner, true);
  const { counts } = result;
  const link = profile === undefined ? "20 ms each way, 15% loss, 5% corruption, 5% duplication" : `the ${profile} profile`;
  const summary = [
    `Selective Repeat, window 4, 3-bit sequence numbers, ${input.messages.count} messages over ${link} (seed ${seed})`,
    ...(drop !== undefined && drop.length > 0 ? [`  dropped by you: ${drop.join(", ")}`] : []),
    `  delivered ${result.delivered.length}: ${result.delivered.join(", ")}`,
    `  sender finished: ${result.finished ? "yes" : "no"} at ${result.lastDeliveryMs ?? "-"} ms`,
    `  ${counts.dataSent} DATA (${counts.retransmissions} retransmitted), ${counts.acksSent} ACKs, ` +
      `${counts.impaired} lost or corrupted, ${counts.timeouts} timeouts`,
    "  ladder (first 40 events):",
    ...result.ladder.slice(0, 40).map((event) => `    ${describeEvent(event)}`),
  ];
  return { summary, pcap: base64(net.trace.toPcapng()), ladder: ladderView(result.ladder, result.truncated) };
}
