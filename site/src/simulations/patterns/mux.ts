/**
 * A page's resources fetched three ways over one runtime link: HTTP/1.1 on
 * one connection (one exchange at a time), HTTP/1.1 on a pool of several
 * connections, and HTTP/2 multiplexing every request over one connection
 * (RFC 9113: 9-byte frame headers, DATA frames of at most 16,384 bytes,
 * interleaved round-robin). Connections share the link, so they share its
 * rate. Each connection first pays two round trips (TCP's handshake, then
 * TLS 1.3's); slow start is not modelled, so extra connections are not
 * penalised for starting slowly as they would be over real TCP.
 */
import { Random } from "#runtime/core/random.ts";
import { ms, toMs } from "#runtime/core/time.ts";
import type { ByteStream } from "#runtime/net/byte-stream.ts";
import { Network } from "#runtime/net/network.ts";
import { bytes, httpGet, httpResponse, readHead, Reader } from "./wire.ts";

export interface MuxOptions {
  readonly resources: number;
  readonly oneWayMs: number;
  /** Connections in the HTTP/1.1 pool. */
  readonly pool: number;
  /** Link rate, bits per second (default 20 Mb/s). */
  readonly rateBps?: number;
  readonly seed: number;
}

export interface Fetch {
  readonly resource: number;
  readonly bytes: number;
  /** Which connection carried it (0-based). */
  readonly connection: number;
  readonly sentMs: number;
  readonly doneMs: number;
}

export interface MuxRun {
  readonly name: string;
  readonly connections: number;
  readonly fetches: readonly Fetch[];
  /** When the last resource was complete, ms. */
  readonly totalMs: number;
  /** Bytes the client and server wrote, handshakes included. */
  readonly bytes: number;
}

export interface MuxResult {
  readonly sizes: readonly number[];
  readonly runs: readonly MuxRun[];
}

/** Resource sizes: seeded, 2 to 60 kB, like a page's scripts, styles and images. */
export function resourceSizes(options: MuxOptions): number[] {
  const random = new Random(options.seed).fork("resources");
  return Array.from({ length: options.resources }, () => random.int(2, 60) * 1000);
}

export function runMux(options: MuxOptions): MuxResult {
  const sizes = resourceSizes(options);
  return {
    sizes,
    runs: [
      runHttp1(options, sizes, 1, "HTTP/1.1, 1 connection"),
      runHttp1(options, sizes, options.pool, `HTTP/1.1, ${options.pool} connections`),
      runHttp2(options, sizes),
    ],
  };
}

interface Conn {
  readonly up: ByteStream;
  readonly down: ByteStream;
  readonly toServer: Reader;
  readonly toClient: Reader;
}

function network(options: MuxOptions) {
  const net = new Network({ seed: options.seed });
  const client = net.host("client", "10.0.0.1");
  const server = net.host("server", "10.0.0.2");
  net.connect(client, server, { delay: ms(options.oneWayMs), rate: options.rateBps ?? 20e6 });
  let written = 0;
  const open = (onServer: (c: Conn) => void, onClient: (c: Conn) => void): Conn => {
    const conn: Conn = { up: net.stream(client, server), down: net.stream(server, client), toServer: new Reader(), toClient: new Reader() };
    conn.up.onData = (d) => {
      conn.toServer.push(d);
      onServer(conn);
    };
    conn.down.onData = (d) => {
      conn.toClient.push(d);
      onClient(conn);
    };
    return conn;
  };
  const write = (stream: ByteStream, data: Uint8Array) => {
    written += data.length;
    stream.write(data);
  };
  return { net, open, write, written: () => written, nowMs: () => toMs(net.now) };
}

/**
 * Two round trips before the first request: a TCP handshake (modelled as
 * 40-byte segments each way) and a TLS 1.3 handshake (a 300-byte ClientHello,
 * about 3,000 bytes of ServerHello, certificate and Finished, then the
 * client's Finished travels with its first request).
 */
function handshake(env: ReturnType<typeof network>, conn: Conn, then: () => void): void {
  let stage = 0;
  const expect = [40, 3000];
  const serverExpect = [40, 300];
  let serverStage = 0;
  const server = () => {
    while (serverStage < 2 && conn.toServer.length >= serverExpect[serverStage]!) {
      conn.toServer.take(serverExpect[serverStage]!);
      env.write(conn.down, new Uint8Array(expect[serverStage]!));
      serverStage++;
    }
  };
  const client = () => {
    while (stage < 2 && conn.toClient.length >= expect[stage]!) {
      conn.toClient.take(expect[stage]!);
      stage++;
      if (stage === 1) env.write(conn.up, new Uint8Array(300));
      else then();
    }
  };
  handshakeHooks.set(conn, { server, client });
  env.write(conn.up, new Uint8Array(40));
}

const handshakeHooks = new WeakMap<Conn, { server: () => void; client: () => void }>();

function runHttp1(options: MuxOptions, sizes: readonly number[], pool: number, name: string): MuxRun {
  const env = network(options);
  const queue = sizes.map((_, i) => i);
  const fetches: Fetch[] = [];
  const ready = new Set<Conn>();
  const current = new Map<Conn, { resource: number; sentMs: number; connection: number }>();
  const conns: Conn[] = [];
  const next = (conn: Conn) => {
    const resource = queue.shift();
    if (resource === undefined) return;
    current.set(conn, { resource, sentMs: env.nowMs(), connection: conns.indexOf(conn) });
    env.write(conn.up, httpGet(`/assets/${resource + 1}`, "Accept: */*\r\n"));
  };
  for (let c = 0; c < pool; c++) {
    const conn = env.open(
      (k) => {
        if (!ready.has(k)) return handshakeHooks.get(k)!.server();
        for (let head = readHead(k.toServer); head !== null; head = readHead(k.toServer)) {
          const resource = Number(/\/assets\/(\d+)/.exec(head.startLine)![1]) - 1;
          env.write(k.down, httpResponse("200 OK", env.nowMs(), new Uint8Array(sizes[resource]!), "application/octet-stream"));
        }
      },
      (k) => {
        if (!ready.has(k)) return handshakeHooks.get(k)!.client();
        const end = k.toClient.indexOf("\r\n\r\n");
        if (end < 0) return;
        const length = Number(/content-length:\s*(\d+)/i.exec(new TextDecoder().decode(k.toClient.peek(end)))![1]);
        if (k.toClient.length < end + 4 + length) return;
        k.toClient.take(end + 4 + length);
        const fetch = current.get(k)!;
        fetches.push({ ...fetch, bytes: sizes[fetch.resource]!, doneMs: env.nowMs() });
        next(k);
      },
    );
    conns.push(conn);
    env.net.sim.at(0, () =>
      handshake(env, conn, () => {
        ready.add(conn);
        next(conn);
      }),
    );
  }
  env.net.run();
  fetches.sort((a, b) => a.resource - b.resource);
  return { name, connections: pool, fetches, totalMs: Math.max(...fetches.map((f) => f.doneMs)), bytes: env.written() };
}

const FRAME_DATA = 0x0;
const FRAME_HEADERS = 0x1;
const MAX_FRAME = 16_384;

/** An HTTP/2 frame (RFC 9113 §4.1): 24-bit length, type, flags, 31-bit stream identifier, payload. */
export function h2Frame(type: number, flags: number, stream: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(9 + payload.length);
  out.set([payload.length >> 16, (payload.length >> 8) & 0xff, payload.length & 0xff, type, flags]);
  new DataView(out.buffer).setUint32(5, stream & 0x7fffffff);
  out.set(payload, 9);
  return out;
}

function runHttp2(options: MuxOptions, sizes: readonly number[]): MuxRun {
  const env = network(options);
  const fetches: Fetch[] = [];
  const sent = new Map<number, number>();
  const received = new Map<number, number>();
  let ready = false;
  // Server: streams with bytes still to send, served round-robin one DATA frame at a time.
  const pending: { stream: number; left: number }[] = [];
  let pumping = false;
  const pump = (conn: Conn) => {
    pumping = true;
    // Queue a few frames at a time, as a server writes as its socket drains.
    for (let n = 0; n < 8 && pending.length > 0; n++) {
      const item = pending.shift()!;
      const size = Math.min(MAX_FRAME, item.left);
      item.left -= size;
      env.write(conn.down, h2Frame(FRAME_DATA, item.left === 0 ? 1 : 0, item.stream, new Uint8Array(size)));
      if (item.left > 0) pending.push(item);
    }
    if (pending.length > 0) env.net.sim.after(ms((8 * MAX_FRAME * 8 * 1000) / (options.rateBps ?? 20e6)), () => pump(conn));
    else pumping = false;
  };
  const conn = env.open(
    (k) => {
      if (!ready) return handshakeHooks.get(k)!.server();
      while (k.toServer.length >= 9) {
        const h = k.toServer.peek(9);
        const length = (h[0]! << 16) | (h[1]! << 8) | h[2]!;
        if (k.toServer.length < 9 + length) return;
        const frame = k.toServer.take(9 + length);
        const stream = new DataView(frame.buffer).getUint32(5) & 0x7fffffff;
        // A response HEADERS frame (about 60 bytes once HPACK has seen the first), then the data.
        env.write(k.down, h2Frame(FRAME_HEADERS, 4, stream, new Uint8Array(stream === 1 ? 250 : 60)));
        pending.push({ stream, left: sizes[(stream - 1) / 2]! });
        if (!pumping) pump(k);
      }
    },
    (k) => {
      if (!ready) return handshakeHooks.get(k)!.client();
      while (k.toClient.length >= 9) {
        const h = k.toClient.peek(9);
        const length = (h[0]! << 16) | (h[1]! << 8) | h[2]!;
        if (k.toClient.length < 9 + length) return;
        const frame = k.toClient.take(9 + length);
        const type = frame[3]!;
        const stream = new DataView(frame.buffer).getUint32(5) & 0x7fffffff;
        if (type !== FRAME_DATA) continue;
        const resource = (stream - 1) / 2;
        received.set(stream, (received.get(stream) ?? 0) + length);
        if (received.get(stream) === sizes[resource]) {
          fetches.push({ resource, bytes: sizes[resource]!, connection: 0, sentMs: sent.get(stream)!, doneMs: env.nowMs() });
        }
      }
    },
  );
  env.net.sim.at(0, () =>
    handshake(env, conn, () => {
      ready = true;
      // Every request at once, each on its own client stream (odd identifiers); HPACK makes all but the first small.
      sizes.forEach((_, i) => {
        const stream = 2 * i + 1;
        sent.set(stream, env.nowMs());
        env.write(conn.up, h2Frame(FRAME_HEADERS, 5, stream, bytes("x".repeat(i === 0 ? 300 : 30))));
      });
    }),
  );
  env.net.run();
  fetches.sort((a, b) => a.resource - b.resource);
  return { name: "HTTP/2, 1 connection", connections: 1, fetches, totalMs: Math.max(...fetches.map((f) => f.doneMs)), bytes: env.written() };
}
