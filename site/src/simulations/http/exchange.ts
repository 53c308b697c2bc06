/**
 * Three small files fetched over HTTP/1.x, drawn as a ladder diagram: with a
 * new connection for every request (HTTP/1.0's default), over one
 * persistent connection (HTTP/1.1's default, RFC 9112 §9.3), or pipelined on
 * it (§9.3.2). Runs on the same TCP-like {@link Connection} model as the
 * page-load simulation; pure ACKs are left out of the drawing.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { LadderRecorder, type Ladder } from "../tcp-udp/ladder.ts";
import { EXCHANGE_FILES } from "./exchange-controls.ts";
import { Connection, type Endpoint } from "./transport.ts";

export type ExchangeMode = "close" | "keep-alive" | "pipeline";

export interface ExchangeOptions {
  readonly mode: ExchangeMode;
  readonly rttMs: number;
  readonly lossRate: number;
  readonly seed?: number;
}

export interface ExchangeResult {
  readonly ladder: Ladder;
  /** When the last response was complete, ms (null if it never was). */
  readonly doneMs: number | null;
  readonly handshakes: number;
}

const REQUEST_BYTES = 300;
const RESPONSE_HEADER_BYTES = 200;

export function runExchange(options: ExchangeOptions): ExchangeResult {
  const net = new Network({ seed: options.seed ?? 1, trace: { record: false } });
  const browser = net.host("browser", "10.0.0.1");
  const server = net.host("server", "10.0.0.2");
  const loss = options.lossRate > 0 ? ({ model: "bernoulli", rate: options.lossRate } as const) : ({ model: "none" } as const);
  const link = { rate: 10e6, delay: ms(options.rttMs / 2), queueBytes: Infinity, loss };
  net.connect(browser, server, link, link);
  const recorder = new LadderRecorder(net, "browser", "server");
  net.trace.listen((event) => {
    if (event.kind === "deliver") recorder.arrived(event.packet);
  });
  const now = () => toMs(net.now);
  let doneMs: number | null = null;
  let handshakes = 0;
  let completed = 0;
  const multi = options.mode === "close";

  /** Labels each data segment by the messages it carries. */
  const label = (endpoint: Endpoint, offset: number, length: number, side: "request" | "response", index: number): string => {
    const parts = endpoint.chunks
      .filter((c) => c.start < offset + length && offset < c.end)
      .map((c) => {
        const path = EXCHANGE_FILES[c.tag]!.path;
        if (side === "request") return `GET ${path}`;
        return c.start >= offset ? `200 OK ${path}` : `…${path}`;
      });
    return (parts.join(" + ") || "data") + (multi ? ` [conn ${index + 1}]` : "");
  };

  const open = (index: number, onOpen: (c: Connection) => void): Connection => {
    handshakes++;
    const connection = new Connection(net, browser, server, index, onOpen, (id, kind, retransmission) => {
      recorder.sent(id, kind === "SYN" ? "left" : "right", multi ? `${kind} [conn ${index + 1}]` : kind, retransmission);
    });
    connection.client.onSend = (id, offset, length, retransmission) => recorder.sent(id, "left", label(connection.client, offset, length, "request", index), retransmission);
    connection.server.onSend = (id, offset, length, retransmission) => recorder.sent(id, "right", label(connection.server, offset, length, "response", index), retransmission);
    // The server answers each complete request in order.
    let requestIndex = 0;
    connection.server.onDeliver = (delivered) => {
      const chunks = connection.client.chunks;
      while (requestIndex < chunks.length && chunks[requestIndex]!.end <= delivered) {
        const tag = chunks[requestIndex++]!.tag;
        connection.server.write(RESPONSE_HEADER_BYTES + EXCHANGE_FILES[tag]!.bytes, tag, true);
      }
      connection.server.flush();
    };
    return connection;
  };

  const request = (connection: Connection, tag: number) => {
    connection.client.write(REQUEST_BYTES, tag, true);
  };
  /** Calls `onResponse(tag)` for each response completed on this connection. */
  const watch = (connection: Connection, onResponse: (tag: number) => void) => {
    let index = 0;
    connection.client.onDeliver = (delivered) => {
      const chunks = connection.server.chunks;
      while (index < chunks.length && chunks[index]!.end <= delivered) {
        const tag = chunks[index++]!.tag;
        recorder.mark("left", "deliver", `got ${EXCHANGE_FILES[tag]!.path}`);
        completed++;
        if (completed === EXCHANGE_FILES.length) doneMs = now();
        onResponse(tag);
      }
    };
  };

  if (options.mode === "close") {
    // HTTP/1.0 without keep-alive: one connection per request, one after another.
    const fetch = (tag: number) => {
      const connection = open(tag, (c) => {
        request(c, tag);
        c.client.flush();
      });
      watch(connection, () => {
        if (tag + 1 < EXCHANGE_FILES.length) fetch(tag + 1);
      });
    };
    fetch(0);
  } else {
    const connection = open(0, (c) => {
      if (options.mode === "pipeline") EXCHANGE_FILES.forEach((_, tag) => request(c, tag));
      else request(c, 0);
      c.client.flush();
    });
    watch(connection, (tag) => {
      if (options.mode === "keep-alive" && tag + 1 < EXCHANGE_FILES.length) {
        request(connection, tag + 1);
        connection.client.flush();
      }
    });
  }
  net.run({ until: ms(120_000), maxEvents: 200_000 });
  return { ladder: recorder.ladder, doneMs, handshakes };
}
