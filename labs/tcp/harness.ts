/**
 * The tcp lab's harness: it runs inside the sandbox next to the learner's
 * module and is the only code that calls it. `script` drives one
 * Connection through user calls, arriving segments and virtual time;
 * `pair` runs two Connections against each other over the runtime's
 * simulated link; `demo` is `pair` with pictures. Whatever the learner
 * returns or hands to its context is copied and checked here.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import type { Host } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import type { LinkSpec } from "#runtime/net/profiles.ts";
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { IP_PROTOCOL, parseIpv4 } from "#runtime/wire/ipv4.ts";
import { emitTcp } from "#runtime/wire/tcp.ts";
import { toBase64 } from "#labs/kit/base64.ts";
import type { DemoInput, DemoResult, LadderPacketView } from "#labs/kit/demo.ts";
import { copyBytes, defineHarness, describeValue, exportedClass, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import { describeSegment } from "./segment-text.ts";
import type { ConfigSpec, PairInput, PairResult, PairSide, ScriptEvent, ScriptInput, ScriptResult, SentView, Step, StepResult } from "./scenarios.ts";

export default defineHarness({
  script: (input: ScriptInput, learner: LearnerModule): ScriptResult => script(input, learner),
  pair: (input: PairInput, learner: LearnerModule): PairResult => pair(input, learner).result,
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => demo(input, learner),
});

interface ConnectionInstance {
  readonly state: unknown;
  listen(): void;
  connect(): void;
  send(data: Uint8Array): void;
  close(): void;
  onSegment(segment: Uint8Array): void;
  onTimer(key: number): void;
}

interface Context {
  send(segment: Uint8Array): void;
  deliver(data: Uint8Array): void;
  setTimer(key: number, delayMs: number): void;
  cancelTimer(key: number): void;
}

function configValue(spec: ConfigSpec) {
  return Object.freeze({ ...spec, localAddress: parseIpv4Address(spec.localAddress), remoteAddress: parseIpv4Address(spec.remoteAddress) });
}

function construct(learner: LearnerModule, spec: ConfigSpec, context: Context): ConnectionInstance {
  const Connection = exportedClass(learner, "Connection") as new (config: unknown, context: Context) => ConnectionInstance;
  return new Connection(configValue(spec), Object.freeze(context));
}

/** The learner's `state` as a string, or a description of what it was instead. */
function readState(connection: ConnectionInstance): string {
  const state = connection.state;
  return typeof state === "string" ? state.slice(0, 40) : `(not a string: ${describeValue(state)})`;
}

function checkTimer(key: unknown, delayMs?: unknown): void {
  if (typeof key !== "number" || !Number.isFinite(key)) throw new TypeError(`a timer key must be a number, but your code passed ${describeValue(key)}`);
  if (delayMs !== undefined && !(typeof delayMs === "number" && delayMs >= 0 && Number.isFinite(delayMs))) {
    throw new TypeError(`setTimer's delay must be a finite number ≥ 0, but your code passed ${describeValue(delayMs)}`);
  }
}

// ---------------------------------------------------------------------------
// script: one Connection, step by step, in virtual time.

const MAX_SEGMENTS_PER_STEP = 200;

function script(input: ScriptInput, learner: LearnerModule): ScriptResult {
  let now = 0;
  let sent: SentView[] = [];
  let delivered: Uint8Array[] = [];
  /** The run as events, for the picture of a failing test (the same segments as `sent`, in order with the rest). */
  const ladder: ScriptEvent[] = [];
  let stepNumber = 0;
  /** Running timers: key → when it fires. */
  const timers = new Map<number, number>();
  const context: Context = {
    send(segment) {
      if (sent.length >= MAX_SEGMENTS_PER_STEP) throw new RangeError(`more than ${MAX_SEGMENTS_PER_STEP} segments in one step`);
      const view = { atMs: now, hex: toHex(copyBytes(segment, "the segment passed to send()")) };
      sent.push(view);
      ladder.push({ kind: "out", step: stepNumber, ...view });
    },
    deliver(data) {
      const bytes = copyBytes(data, "the data passed to deliver()");
      delivered.push(bytes);
      ladder.push({ kind: "deliver", step: stepNumber, atMs: now, bytes: bytes.length });
    },
    setTimer(key, delayMs) {
      checkTimer(key, delayMs);
      timers.set(key, now + delayMs);
    },
    cancelTimer(key) {
      checkTimer(key);
      timers.delete(key);
    },
  };
  const results: StepResult[] = [];
  let connection: ConnectionInstance;
  try {
    connection = construct(learner, input.config, context);
  } catch (error) {
    const message = `new Connection(config, context) threw ${thrownMessage(error)}`;
    return { steps: [{ sent: [], delivered: "", state: "", error: message }], ladder: [{ kind: "error", step: 0, atMs: 0, message }] };
  }
  for (const step of input.steps) {
    sent = [];
    delivered = [];
    stepNumber++;
    ladder.push({ kind: "step", step: stepNumber, atMs: now, what: stepWords(step) });
    if (step.do === "segment") ladder.push({ kind: "in", step: stepNumber, atMs: now, hex: step.hex });
    let error: string | undefined;
    try {
      if (step.do === "listen") connection.listen();
      else if (step.do === "connect") connection.connect();
      else if (step.do === "close") connection.close();
      else if (step.do === "send") connection.send(fromHex(step.hex));
      else if (step.do === "segment") connection.onSegment(fromHex(step.hex));
      else if (step.do === "wait") {
        const end = now + step.ms;
        for (;;) {
          let next: [number, number] | undefined;
          for (const [key, due] of timers) if (due <= end && (next === undefined || due < next[1])) next = [key, due];
          if (next === undefined) break;
          timers.delete(next[0]);
          now = next[1];
          ladder.push({ kind: "timer", step: stepNumber, atMs: now, key: next[0] });
          connection.onTimer(next[0]);
        }
        now = end;
      }
    } catch (thrown) {
      error = thrownMessage(thrown);
    }
    const total = delivered.reduce((n, d) => n + d.length, 0);
    const all = new Uint8Array(total);
    delivered.reduce((at, d) => (all.set(d, at), at + d.length), 0);
    let state: string;
    try {
      state = readState(connection);
    } catch (thrown) {
      state = "";
      error ??= `reading state threw ${thrownMessage(thrown)}`;
    }
    results.push({ sent, delivered: toHex(all), state, ...(error === undefined ? {} : { error }) });
    if (error !== undefined) {
      ladder.push({ kind: "error", step: stepNumber, atMs: now, message: error });
      break;
    }
  }
  return { steps: results, ladder };
}

/** A script step in a few words, for the picture ("connect()", "1000 ms pass"). */
function stepWords(step: Step): string {
  if (step.do === "segment") return "a segment arrives";
  if (step.do === "send") return `send(${fromHex(step.hex).length} bytes)`;
  if (step.do === "wait") return `${step.ms} ms pass`;
  return `${step.do}()`;
}

// ---------------------------------------------------------------------------
// pair: a client and a server over the runtime's link.

function linkSpec(link: PairInput["link"]): LinkSpec {
  if ("profile" in link) return link.profile as LinkSpec;
  return { delay: ms(link.delayMs), loss: { model: "bernoulli", rate: link.loss } };
}

function pair(input: PairInput, learner: LearnerModule): { result: PairResult; net: Network } {
  const net = new Network({ seed: input.seed, trace: { capture: true } });
  const hosts = {
    client: net.host("client", input.client.localAddress),
    server: net.host("server", input.server.localAddress),
  };
  net.connect(hosts.client, hosts.server, linkSpec(input.link));
  const sides = {
    client: side(net, hosts.client, hosts.server, input.client, learner, fromHex(input.clientData), true, input.deliveries === true),
    server: side(net, hosts.server, hosts.client, input.server, learner, fromHex(input.serverData), false, input.deliveries === true),
  };
  sides.server.call((c) => c.listen());
  sides.client.call((c) => c.connect());
  net.run({ until: ms(input.untilMs) });
  const lost = new Set<number>();
  const arrived = new Map<number, number>();
  for (const event of net.trace.events) {
    if (event.kind === "drop") lost.add(event.packet);
    else if (event.kind === "arrive") arrived.set(event.packet, toMs(event.time));
  }
  const ladder = net.trace.captured.map((c) => ({
    from: c.link.startsWith("client") ? ("client" as const) : ("server" as const),
    atMs: toMs(c.time),
    arrivedMs: lost.has(c.packet) ? null : (arrived.get(c.packet) ?? null),
    hex: toHex(parseIpv4(c.bytes).payload),
    lost: lost.has(c.packet),
  }));
  return { result: { client: sides.client.view(), server: sides.server.view(), ladder }, net };
}

interface Side {
  call(action: (connection: ConnectionInstance) => void): void;
  view(): PairSide;
}

/** One learner Connection on a host: segments in and out through the runtime, timers on the host. */
function side(net: Network, host: Host, peer: Host, spec: ConfigSpec, learner: LearnerModule, data: Uint8Array, client: boolean, trackDeliveries: boolean): Side {
  const delivered: Uint8Array[] = [];
  const deliveries: { atMs: number; total: number }[] = [];
  let deliveredBytes = 0;
  let errorAtMs: number | undefined;
  const timers = new Map<number, { cancel(): void }>();
  let segments = 0;
  let error: string | undefined;
  let closedAtMs: number | null = null;
  let sentData = false;
  let closed = false;
  let connection: ConnectionInstance | undefined;
  const context: Context = {
    send(segment) {
      const bytes = copyBytes(segment, "the segment passed to send()");
      segments++;
      if (segments > 5_000) throw new RangeError("more than 5000 segments");
      host.sendIp(IP_PROTOCOL.TCP, peer.addressValue, bytes);
    },
    deliver(bytes) {
      const copy = copyBytes(bytes, "the data passed to deliver()");
      delivered.push(copy);
      deliveredBytes += copy.length;
      if (trackDeliveries) deliveries.push({ atMs: toMs(net.sim.now), total: deliveredBytes });
    },
    setTimer(key, delayMs) {
      checkTimer(key, delayMs);
      timers.get(key)?.cancel();
      timers.set(key, host.timer(ms(delayMs), `timer ${key}`, () => {
        timers.delete(key);
        call((c) => c.onTimer(key));
      }));
    },
    cancelTimer(key) {
      checkTimer(key);
      timers.get(key)?.cancel();
      timers.delete(key);
    },
  };
  function call(action: (connection: ConnectionInstance) => void): void {
    if (error !== undefined || connection === undefined) return;
    try {
      action(connection);
      // The application: send once established, then the client closes; the server closes on CLOSE-WAIT.
      const state = readState(connection);
      if (!sentData && (state === "ESTABLISHED" || state === "CLOSE-WAIT")) {
        sentData = true;
        connection.send(data);
        if (client) {
          closed = true;
          connection.close();
        }
      }
      if (!client && !closed && sentData && readState(connection) === "CLOSE-WAIT") {
        closed = true;
        connection.close();
      }
      if (closedAtMs === null && closed && readState(connection) === "CLOSED") closedAtMs = toMs(net.sim.now);
    } catch (thrown) {
      error = thrownMessage(thrown);
      errorAtMs = toMs(net.sim.now);
      for (const timer of timers.values()) timer.cancel();
    }
  }
  try {
    connection = construct(learner, spec, context);
  } catch (thrown) {
    error = `new Connection(config, context) threw ${thrownMessage(thrown)}`;
    errorAtMs = 0;
  }
  host.listenTcp(spec.localPort, (segment) => {
    const bytes = emitTcp(segment.repr, segment.payload, peer.addressValue, host.addressValue);
    call((c) => c.onSegment(bytes));
  });
  return {
    call,
    view() {
      const total = new Uint8Array(delivered.reduce((n, d) => n + d.length, 0));
      delivered.reduce((at, d) => (total.set(d, at), at + d.length), 0);
      return {
        delivered: toHex(total),
        state: connection === undefined ? "" : readState(connection),
        segments,
        closedAtMs,
        ...(error === undefined ? {} : { error }),
        ...(errorAtMs === undefined ? {} : { errorAtMs }),
        ...(trackDeliveries ? { deliveries } : {}),
      };
    },
  };
}

// ---------------------------------------------------------------------------
// The workbench's demo: a client and a server, both your Connection.

const CLIENT_CONFIG: ConfigSpec = { localAddress: "10.0.0.1", localPort: 40001, remoteAddress: "10.0.0.2", remotePort: 80, iss: 0xfffffc00, window: 8000, mss: 1000, rtoMs: 200, mslMs: 1000 };
const SERVER_CONFIG: ConfigSpec = { localAddress: "10.0.0.2", localPort: 80, remoteAddress: "10.0.0.1", remotePort: 40001, iss: 3_000_000, window: 8000, mss: 1000, rtoMs: 200, mslMs: 1000 };

function demo(input: DemoInput, learner: LearnerModule): DemoResult {
  const request = new TextEncoder().encode("GET / HTTP/1.0\r\n\r\n");
  const response = new Uint8Array(2500).map((_, i) => 0x41 + (i % 26));
  const { result, net } = pair(
    {
      seed: input.seed,
      link: input.profile === undefined ? { loss: 0, delayMs: 10 } : { profile: input.profile },
      client: CLIENT_CONFIG,
      server: SERVER_CONFIG,
      clientData: toHex(request),
      serverData: toHex(response),
      untilMs: 20_000,
    },
    learner,
  );
  const describe = (name: "client" | "server", side: PairSide, expected: number) =>
    `  ${name}: ${side.state}, delivered ${side.delivered.replace(/ /g, "").length / 2} of ${expected} bytes, sent ${side.segments} segments` +
    (side.closedAtMs === null ? "" : `, CLOSED at ${side.closedAtMs.toFixed(1)} ms`) +
    (side.error === undefined ? "" : `; your code threw ${side.error}`);
  const summary = [
    `A client (10.0.0.1:40001) opens a connection to a server (10.0.0.2:80), both your Connection; it sends ${request.length} bytes and closes, the server answers ${response.length} bytes and closes.`,
    describe("client", result.client, response.length),
    describe("server", result.server, request.length),
    "Segments on the wire:",
    ...result.ladder.map((w) => `  ${w.atMs.toFixed(2).padStart(9)} ms ${w.from.padEnd(6)} ${describeSegment(fromHex(w.hex))}${w.lost ? "  (lost)" : ""}`),
  ];
  const packets: LadderPacketView[] = [];
  const arrived = new Map<number, number>();
  for (const event of net.trace.events) if (event.kind === "arrive") arrived.set(event.packet, toMs(event.time));
  const lost = new Set<number>();
  for (const event of net.trace.events) if (event.kind === "drop") lost.add(event.packet);
  for (const c of net.trace.captured) {
    const from = c.link.startsWith("client") ? ("left" as const) : ("right" as const);
    packets.push({
      id: c.packet,
      from,
      label: describeSegment(parseIpv4(c.bytes).payload),
      sentMs: toMs(c.time),
      arrivedMs: lost.has(c.packet) ? null : (arrived.get(c.packet) ?? null),
      ...(lost.has(c.packet) ? { lost: "loss" } : {}),
    });
  }
  return { summary, pcap: toBase64(net.trace.toPcapng()), ladder: { left: "client", right: "server", packets, marks: [] } };
}

export { describeSegment };
