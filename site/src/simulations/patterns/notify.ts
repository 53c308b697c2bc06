/**
 * One stream of notifications, four ways to get it to a browser: short
 * polling, long polling, server-sent events and a WebSocket. Each technique
 * runs on its own runtime network (client and server joined by a link with
 * the chosen one-way delay), sending real bytes over two runtime byte
 * streams, one each way, that cut the bytes at seeded places, so every
 * receiver parses its messages back out of arbitrary pieces, as over TCP.
 * The connection is assumed to be open already (kept alive, as a browser
 * keeps it), so no technique pays for a TCP or TLS handshake.
 */
import { Random } from "#runtime/core/random.ts";
import { ms, seconds, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import type { ByteStream } from "#runtime/net/byte-stream.ts";
import { websocketAccept } from "./sha1.ts";
import {
  bytes,
  chunk,
  httpGet,
  httpResponse,
  httpStreamHead,
  readChunk,
  readHead,
  Reader,
  sseEvent,
  text,
} from "./wire.ts";
import { readWsFrame, wsFrame, wsHeaderLength } from "./ws-frames.ts";
import { TECHNIQUES, type Technique } from "./notify-controls.ts";

export { TECHNIQUE_NAMES, TECHNIQUES, type Technique } from "./notify-controls.ts";

export interface NotifyOptions {
  /** Mean number of events per minute (the stream has `round(rate * duration / 60 s)` events). */
  readonly eventsPerMinute: number;
  /** One-way propagation delay, ms. */
  readonly oneWayMs: number;
  /** Short polling's interval, ms. */
  readonly pollIntervalMs: number;
  readonly seed: number;
  /** How long events are generated for, ms (default 60 000). */
  readonly durationMs?: number;
  /** How long a long-poll request may be held before an empty answer, ms (default 30 000). */
  readonly holdMs?: number;
  /** Link rate, bits per second (default 10 Mb/s). */
  readonly rateBps?: number;
}

export interface NotifyEvent {
  readonly id: number;
  /** When the server generated it, ms. */
  readonly atMs: number;
  readonly json: string;
}

export interface TechniqueResult {
  readonly technique: Technique;
  /** Requests the client sent (HTTP requests; for a WebSocket, the handshake). */
  readonly requests: number;
  /** Messages in both directions: requests, responses, events and frames. */
  readonly messages: number;
  /** Bytes of the events' JSON, both directions. */
  readonly payloadBytes: number;
  /** Every other byte: request and response headers, SSE field names, chunk sizes, frame headers. */
  readonly overheadBytes: number;
  readonly upBytes: number;
  readonly downBytes: number;
  /** When the client sent each request, ms. */
  readonly requestTimesMs: readonly number[];
  /** Event ids in the order the client received them. */
  readonly deliveredIds: readonly number[];
  /** When the client had each event, by id - 1 (null: never). */
  readonly deliveredAtMs: readonly (number | null)[];
  readonly averageLatencyMs: number;
  readonly maxLatencyMs: number;
  /** A sample of the bytes: the first request and first event-carrying message, as text. */
  readonly sample: { readonly request: string; readonly message: string };
}

export interface NotifyResult {
  readonly events: readonly NotifyEvent[];
  readonly durationMs: number;
  readonly results: readonly TechniqueResult[];
}

const KINDS = [
  ["comment", "Ana replied to your post"],
  ["like", "Ben liked your photo"],
  ["mention", "Chloe mentioned you in #general"],
  ["follow", "Dev started following you"],
  ["build", "Build 2187 passed"],
] as const;

/** The event stream: `round(rate * duration / 60 s)` events at seeded uniform times. */
export function makeEvents(options: NotifyOptions): NotifyEvent[] {
  const durationMs = options.durationMs ?? 60_000;
  const random = new Random(options.seed).fork("events");
  const count = Math.max(1, Math.round((options.eventsPerMinute * durationMs) / 60_000));
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(random.int(0, durationMs * 1000 - 1) / 1000);
  times.sort((a, b) => a - b);
  return times.map((atMs, i) => {
    const [type, message] = random.pick(KINDS);
    return { id: i + 1, atMs, json: JSON.stringify({ id: i + 1, type, text: message }) };
  });
}

/** Runs all four techniques on the same events. */
export function runNotify(options: NotifyOptions): NotifyResult {
  const events = makeEvents(options);
  return {
    events,
    durationMs: options.durationMs ?? 60_000,
    results: TECHNIQUES.map((technique) => runTechnique(technique, options, events)),
  };
}

interface Session {
  readonly net: Network;
  readonly up: ByteStream;
  readonly down: ByteStream;
  readonly nowMs: () => number;
  /** Counts a message sent: its bytes, of which `payload` are event JSON. */
  send(direction: "up" | "down", data: Uint8Array, payload: number): void;
  deliver(id: number): void;
  readonly stats: { messages: number; payload: number; overhead: number; up: number; down: number; requests: number[] };
  readonly deliveredIds: number[];
  readonly deliveredAt: (number | null)[];
  readonly sample: { request: string; message: string };
}

function session(options: NotifyOptions, events: readonly NotifyEvent[]): Session {
  const net = new Network({ seed: options.seed });
  const client = net.host("client", "10.0.0.1");
  const server = net.host("server", "10.0.0.2");
  net.connect(client, server, { delay: ms(options.oneWayMs), rate: options.rateBps ?? 10e6 });
  const up = net.stream(client, server);
  const down = net.stream(server, client);
  const stats = { messages: 0, payload: 0, overhead: 0, up: 0, down: 0, requests: [] as number[] };
  const deliveredIds: number[] = [];
  const deliveredAt: (number | null)[] = events.map(() => null);
  const nowMs = () => toMs(net.now);
  return {
    net,
    up,
    down,
    nowMs,
    stats,
    deliveredIds,
    deliveredAt,
    sample: { request: "", message: "" },
    send(direction, data, payload) {
      stats.messages++;
      stats.payload += payload;
      stats.overhead += data.length - payload;
      if (direction === "up") {
        stats.up += data.length;
        up.write(data);
      } else {
        stats.down += data.length;
        down.write(data);
      }
    },
    deliver(id) {
      deliveredIds.push(id);
      if (deliveredAt[id - 1] === null) deliveredAt[id - 1] = nowMs();
    },
  };
}

function payloadOf(list: readonly NotifyEvent[]): number {
  return list.reduce((sum, e) => sum + bytes(e.json).length, 0);
}

export function runTechnique(technique: Technique, options: NotifyOptions, events: readonly NotifyEvent[]): TechniqueResult {
  const s = session(options, events);
  const durationMs = options.durationMs ?? 60_000;
  const holdMs = options.holdMs ?? 30_000;
  // Events the server has generated so far.
  const generated: NotifyEvent[] = [];
  const onEvent: Array<(e: NotifyEvent) => void> = [];
  for (const event of events) {
    s.net.sim.at(ms(event.atMs), () => {
      generated.push(event);
      for (const listener of onEvent) listener(event);
    });
  }
  const since = (after: number) => generated.filter((e) => e.id > after);
  const done = () => s.deliveredIds.length >= events.length && s.nowMs() >= durationMs;
  const lastDelivered = () => s.deliveredIds[s.deliveredIds.length - 1] ?? 0;
  const serverReader = new Reader();
  const clientReader = new Reader();
  s.up.onData = (data) => {
    serverReader.push(data);
    serverReceive();
  };
  s.down.onData = (data) => {
    clientReader.push(data);
    clientReceive();
  };
  let serverReceive = () => {};
  let clientReceive = () => {};

  const request = (path: string, extra = "") => {
    const data = httpGet(path, extra);
    if (s.sample.request === "") s.sample.request = text(data);
    s.stats.requests.push(s.nowMs());
    s.send("up", data, 0);
  };
  const respondWith = (list: readonly NotifyEvent[]) => {
    const data =
      list.length === 0 && technique === "long-polling"
        ? httpResponse("204 No Content", s.nowMs(), null)
        : httpResponse("200 OK", s.nowMs(), bytes(`[${list.map((e) => e.json).join(",")}]`));
    if (s.sample.message === "" && list.length > 0) s.sample.message = text(data);
    s.send("down", data, payloadOf(list));
  };
  // Client side of both polling techniques: read whole responses, deliver their events.
  const readResponses = (then: () => void) => () => {
    for (;;) {
      const head = clientReader.length > 0 ? peekResponse(clientReader) : null;
      if (head === null) return;
      for (const event of head) s.deliver(event);
      then();
    }
  };

  if (technique === "short-polling") {
    let outstanding = false;
    let tickMissed = false;
    const poll = () => {
      outstanding = true;
      tickMissed = false;
      request(`/api/notifications?after=${lastDelivered()}`, "Accept: application/json\r\n");
    };
    const tick = () => {
      if (done()) return;
      if (outstanding) tickMissed = true;
      else poll();
      s.net.sim.after(ms(options.pollIntervalMs), tick);
    };
    // The server keeps no state per client: the request names the last id the client has.
    serverReceive = () => {
      for (let head = readHead(serverReader); head !== null; head = readHead(serverReader)) respondWith(since(afterOf(head.startLine)));
    };
    clientReceive = readResponses(() => {
      outstanding = false;
      if (tickMissed && !done()) poll();
    });
    s.net.sim.at(0, tick);
  } else if (technique === "long-polling") {
    let held: { timer: { cancel(): void }; after: number } | null = null;
    serverReceive = () => {
      for (let head = readHead(serverReader); head !== null; head = readHead(serverReader)) {
        const after = afterOf(head.startLine);
        if (since(after).length > 0) respondWith(since(after));
        else {
          // Hold the request until there is something to say, or until the hold time runs out.
          const timer = s.net.sim.after(ms(holdMs), () => {
            held = null;
            respondWith([]);
          });
          held = { timer, after };
        }
      }
    };
    onEvent.push(() => {
      if (held === null) return;
      held.timer.cancel();
      const after = held.after;
      held = null;
      respondWith(since(after));
    });
    const poll = () => request(`/api/notifications?after=${lastDelivered()}&wait=${holdMs / 1000}`, "Accept: application/json\r\n");
    clientReceive = readResponses(() => {
      if (!done()) poll();
    });
    s.net.sim.at(0, poll);
  } else if (technique === "sse") {
    let open = false;
    serverReceive = () => {
      if (readHead(serverReader) === null) return;
      open = true;
      const head = httpStreamHead(
        "200 OK",
        s.nowMs(),
        "Content-Type: text/event-stream\r\nCache-Control: no-store\r\nTransfer-Encoding: chunked\r\n",
      );
      s.send("down", head, 0);
      // Tell the client how long to wait before reconnecting (HTML standard: the `retry` field).
      s.send("down", chunk(bytes("retry: 3000\n\n")), 0);
      for (const event of generated) pushEvent(event);
    };
    const pushEvent = (event: NotifyEvent) => {
      const data = chunk(bytes(sseEvent(event.id, event.json)));
      if (s.sample.message === "") s.sample.message = text(data);
      s.send("down", data, bytes(event.json).length);
    };
    onEvent.push((event) => {
      if (open) pushEvent(event);
    });
    let headRead = false;
    let lines = "";
    let currentId = 0;
    clientReceive = () => {
      if (!headRead) {
        if (readHead(clientReader) === null) return;
        headRead = true;
      }
      for (let piece = readChunk(clientReader); piece !== null; piece = readChunk(clientReader)) {
        lines += text(piece);
        let end = lines.indexOf("\n\n");
        while (end >= 0) {
          const block = lines.slice(0, end);
          lines = lines.slice(end + 2);
          let data: string | null = null;
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) currentId = Number(line.slice(4));
            if (line.startsWith("data: ")) data = line.slice(6);
          }
          if (data !== null) s.deliver((JSON.parse(data) as { id: number }).id ?? currentId);
          end = lines.indexOf("\n\n");
        }
      }
    };
    s.net.sim.at(0, () => request("/api/notifications/stream", "Accept: text/event-stream\r\n"));
  } else {
    const random = s.net.sim.random.fork("websocket-client");
    const nonce = new Uint8Array(16).map(() => random.int(0, 255));
    let binary = "";
    for (const b of nonce) binary += String.fromCharCode(b);
    const key = btoa(binary);
    let upgraded = false;
    serverReceive = () => {
      if (!upgraded) {
        const head = readHead(serverReader);
        if (head === null) return;
        upgraded = true;
        const accept = websocketAccept(head.headers.get("sec-websocket-key") ?? "");
        s.send("down", bytes(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`), 0);
      }
      // Client frames: the subscription. Server sends events once subscribed.
      for (let frame = readWsFrame(serverReader); frame !== null; frame = readWsFrame(serverReader)) {
        if (!frame.masked) throw new Error("RFC 6455 §5.1: a server must close the connection on an unmasked client frame");
        subscribed = true;
        for (const event of generated) pushEvent(event);
      }
    };
    let subscribed = false;
    const pushEvent = (event: NotifyEvent) => {
      const data = wsFrame(0x1, bytes(event.json));
      if (s.sample.message === "") {
        const headerLength = wsHeaderLength(data.length - wsHeaderLength(0, false), false);
        const hex = [...data.subarray(0, headerLength)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
        s.sample.message = `[frame header, ${headerLength} bytes: ${hex}] ${text(data.subarray(headerLength))}`;
      }
      s.send("down", data, bytes(event.json).length);
    };
    onEvent.push((event) => {
      if (subscribed) pushEvent(event);
    });
    let handshakeDone = false;
    clientReceive = () => {
      if (!handshakeDone) {
        const head = readHead(clientReader);
        if (head === null) return;
        if (head.headers.get("sec-websocket-accept") !== websocketAccept(key)) throw new Error("Sec-WebSocket-Accept does not match the key");
        handshakeDone = true;
        const maskKey = new Uint8Array(4).map(() => random.int(0, 255));
        s.send("up", wsFrame(0x1, bytes('{"subscribe":"notifications"}'), maskKey), 0);
      }
      for (let frame = readWsFrame(clientReader); frame !== null; frame = readWsFrame(clientReader)) {
        if (frame.masked) throw new Error("RFC 6455 §5.1: a client must close the connection on a masked server frame");
        s.deliver((JSON.parse(text(frame.payload)) as { id: number }).id);
      }
    };
    s.net.sim.at(0, () =>
      request(
        "/api/notifications/ws",
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: https://app.example.com\r\n`,
      ),
    );
  }

  s.net.run({ until: seconds((durationMs + Math.max(options.pollIntervalMs, 0) + 4 * options.oneWayMs) / 1000 + 1) });

  const latencies = events.map((e, i) => (s.deliveredAt[i] ?? NaN) - e.atMs).filter((x) => Number.isFinite(x));
  return {
    technique,
    requests: s.stats.requests.length,
    messages: s.stats.messages,
    payloadBytes: s.stats.payload,
    overheadBytes: s.stats.overhead,
    upBytes: s.stats.up,
    downBytes: s.stats.down,
    requestTimesMs: s.stats.requests,
    deliveredIds: s.deliveredIds,
    deliveredAtMs: s.deliveredAt,
    averageLatencyMs: latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length,
    maxLatencyMs: latencies.length === 0 ? 0 : Math.max(...latencies),
    sample: s.sample,
  };
}

function afterOf(startLine: string): number {
  const match = /after=(\d+)/.exec(startLine);
  return match === null ? 0 : Number(match[1]);
}

/** Takes one whole HTTP response off `reader` and returns the event ids in its body, or null if it is not all there. */
function peekResponse(reader: Reader): number[] | null {
  const end = reader.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const headText = text(reader.peek(end));
  const match = /content-length:\s*(\d+)/i.exec(headText);
  const length = match === null ? 0 : Number(match[1]);
  if (reader.length < end + 4 + length) return null;
  reader.take(end + 4);
  const body = text(reader.take(length));
  if (body === "") return [];
  return (JSON.parse(body) as { id: number }[]).map((e) => e.id);
}
