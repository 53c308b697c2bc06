/**
 * One page load over a runtime link, as HTTP/1.1 or as HTTP/2. The page is
 * an HTML document that names `resources` more files; the browser asks for
 * them all once the HTML has arrived.
 *
 * - HTTP/1.1: up to six TCP-like connections to the one server, each
 *   carrying one request and its response at a time; with pipelining a
 *   connection may send up to `pipelineDepth` requests without waiting, and
 *   the server answers them in order (RFC 9112 §9.3.2).
 * - HTTP/2: one connection; every request is a HEADERS frame on its own
 *   stream, and the server interleaves the responses' frames (9-byte frame
 *   header, DATA frames of at most 16,384 bytes, RFC 9113 §4) round-robin.
 *
 * - HTTP/3 (a model of QUIC's effect, not of its packets): the same one
 *   connection, the same congestion control and loss recovery as HTTP/2,
 *   but each stream's bytes are handed to the browser as soon as that
 *   stream's own data is complete, whatever is missing from other streams
 *   (RFC 9000 §2). Its frames have a smaller header (a type and a length
 *   as variable-length integers, RFC 9114 §7.1); we count 3 bytes.
 *
 * All three run over the same {@link Connection} model and the same lossy link
 * with the same seed. TLS is left out: it would add the same handshake to
 * both (more often for HTTP/1.1's extra connections).
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { Connection, MSS, type Chunk, type Endpoint } from "./transport.ts";

export type HttpVersion = "http1" | "http2" | "http3";

export interface PageLoadOptions {
  readonly version: HttpVersion;
  /** Files the HTML refers to. */
  readonly resources: number;
  /** Round-trip propagation time, ms. */
  readonly rttMs: number;
  /** Link rate each way, bits per second. */
  readonly rateBps: number;
  /** Loss probability of every packet, each direction. */
  readonly lossRate: number;
  /** HTTP/1.1 only: requests a connection may have outstanding (1 = no pipelining). */
  readonly pipelineDepth?: number;
  /** HTTP/1.1 only: most connections to the server (browsers use 6). */
  readonly maxConnections?: number;
  readonly seed?: number;
}

export interface ResourceTiming {
  readonly name: string;
  readonly bytes: number;
  /** When the browser knew it needed the file. */
  readonly discoveredMs: number;
  /** When its request was written to a connection. */
  requestMs: number | null;
  /** When the first bytes of the response reached the browser. */
  firstByteMs: number | null;
  /** When the whole response had arrived. */
  doneMs: number | null;
  /** Which connection carried it (HTTP/2: always 0). */
  connection: number | null;
}

export interface PageLoadResult {
  readonly version: HttpVersion;
  readonly resources: ResourceTiming[];
  /** When the last file arrived, or null if the run hit its time limit. */
  readonly loadMs: number | null;
  readonly connections: number;
  readonly retransmissions: number;
  readonly timeouts: number;
  /** Segments that arrived but waited in the client's receive buffer behind a lost one. */
  readonly heldSegments: number;
  /** Their total wait, ms. */
  readonly heldMs: number;
}

const HTML_BYTES = 24_000;
const H1_REQUEST_BYTES = 480;
const H1_RESPONSE_HEADER_BYTES = 260;
const H2_FRAME_HEADER = 9;
const H2_FIRST_REQUEST_HEADERS = 300; // before the dynamic table knows anything
const H2_REQUEST_HEADERS = 32; // later requests: mostly indexed fields (HPACK)
const H2_RESPONSE_HEADERS = 40;
const H2_MAX_FRAME = 16_384;
const H2_PREFACE = 24 + 9 + 12; // the client preface plus a SETTINGS frame
const H3_FRAME_HEADER = 3;
const TIME_LIMIT_MS = 600_000;

/** Which byte ranges of a stream have arrived: sorted, disjoint [start, end) pairs. */
class Coverage {
  private readonly ranges: [number, number][] = [];

  add(start: number, end: number): void {
    const merged: [number, number][] = [];
    let [s, e] = [start, end];
    for (const [a, b] of this.ranges) {
      if (b < s || a > e) merged.push([a, b]);
      else {
        s = Math.min(s, a);
        e = Math.max(e, b);
      }
    }
    merged.push([s, e]);
    merged.sort((x, y) => x[0] - y[0]);
    this.ranges.splice(0, this.ranges.length, ...merged);
  }

  covers(start: number, end: number): boolean {
    return this.ranges.some(([a, b]) => a <= start && end <= b);
  }
}

/**
 * Per-stream delivery, as QUIC does it: a chunk is handed over once all of
 * its bytes, and every earlier chunk of the same stream, have arrived.
 */
function perStreamFollower(endpoint: Endpoint, onChunk: (tag: number, last: boolean, first: boolean, complete: boolean) => void) {
  const coverage = new Coverage();
  const delivered = new Set<Chunk>();
  const seen = new Set<number>();
  return (offset: number, length: number) => {
    coverage.add(offset, offset + length);
    const blocked = new Set<number>();
    for (const chunk of endpoint.chunks) {
      if (delivered.has(chunk) || blocked.has(chunk.tag)) continue;
      if (!seen.has(chunk.tag) && coverage.covers(chunk.start, Math.min(chunk.end, chunk.start + MSS))) {
        seen.add(chunk.tag);
        onChunk(chunk.tag, chunk.last, true, false); // the stream's first bytes are readable
      }
      if (!coverage.covers(chunk.start, chunk.end)) {
        blocked.add(chunk.tag); // later chunks of this stream wait for this one
        continue;
      }
      delivered.add(chunk);
      onChunk(chunk.tag, chunk.last, false, true);
    }
  };
}

/** The page's files: a fixed mix of small and large ones, the same for every run. */
export function pageResources(count: number): { name: string; bytes: number }[] {
  const kinds = [
    ["style", "css", 9_000],
    ["icon", "svg", 1_500],
    ["photo", "jpg", 40_000],
    ["script", "js", 16_000],
    ["thumb", "webp", 6_000],
    ["font", "woff2", 20_000],
    ["badge", "png", 3_000],
  ] as const;
  const files = [{ name: "index.html", bytes: HTML_BYTES }];
  for (let i = 0; i < count; i++) {
    const [base, ext, size] = kinds[i % kinds.length]!;
    // Vary sizes by ±30% with a fixed pattern so no two files are quite alike.
    const factor = 0.7 + ((i * 37) % 61) / 100;
    files.push({ name: `${base}${Math.floor(i / kinds.length) + 1}.${ext}`, bytes: Math.round(size * factor) });
  }
  return files;
}

export function runPageLoad(options: PageLoadOptions): PageLoadResult {
  const net = new Network({ seed: options.seed ?? 1, trace: { record: false } });
  const browser = net.host("browser", "10.0.0.1");
  const server = net.host("server", "10.0.0.2");
  const loss = options.lossRate > 0 ? ({ model: "bernoulli", rate: options.lossRate } as const) : ({ model: "none" } as const);
  // A queue deep enough never to overflow here, so that every loss is the link's random loss.
  const link = { rate: options.rateBps, delay: ms(options.rttMs / 2), queueBytes: Infinity, loss };
  net.connect(browser, server, link, link);
  // Each receiver offers a window of twice the bandwidth-delay product (at least 64 KB), like an auto-tuned socket buffer.
  const rwnd = Math.max(65_535, (2 * options.rateBps * options.rttMs) / 8000);
  const now = () => toMs(net.now);

  const files = pageResources(options.resources);
  const timings: ResourceTiming[] = files.map((f, i) => ({ name: f.name, bytes: f.bytes, discoveredMs: i === 0 ? 0 : Infinity, requestMs: null, firstByteMs: null, doneMs: null, connection: null }));
  let loadMs: number | null = null;
  const connections: Connection[] = [];
  let nextConnection = 0;
  const markDone = (id: number) => {
    const t = timings[id]!;
    if (t.doneMs !== null) return;
    t.doneMs = now();
    if (id === 0) discover();
    if (timings.every((x) => x.doneMs !== null)) loadMs = now();
  };
  /**
   * Follows the delivered offset of a stream through its chunks: `onChunk`
   * hears when a chunk's first bytes reach the application (`first` on the
   * first chunk of its tag) and when it is complete.
   */
  const follow = (endpoint: Endpoint, onChunk: (tag: number, last: boolean, first: boolean, complete: boolean) => void) => {
    let index = 0;
    const seen = new Set<number>();
    return (delivered: number) => {
      while (index < endpoint.chunks.length && endpoint.chunks[index]!.start < delivered) {
        const chunk = endpoint.chunks[index]!;
        if (!seen.has(chunk.tag)) {
          seen.add(chunk.tag);
          onChunk(chunk.tag, chunk.last, true, false);
        }
        if (chunk.end > delivered) break;
        index++;
        onChunk(chunk.tag, chunk.last, false, true);
      }
    };
  };
  const onResponseChunk = (tag: number, last: boolean, first: boolean, complete: boolean) => {
    const t = timings[tag]!;
    if (first && t.firstByteMs === null) t.firstByteMs = now();
    if (last && complete) markDone(tag);
  };

  let discover = () => {};

  if (options.version === "http1") {
    const depth = Math.max(1, options.pipelineDepth ?? 1);
    const maxConnections = Math.max(1, options.maxConnections ?? 6);
    const queue: number[] = [];
    const outstanding = new Map<Connection, number>();
    const dispatch = (connection: Connection) => {
      let n = outstanding.get(connection) ?? 0;
      while (n < depth && queue.length > 0) {
        const id = queue.shift()!;
        const t = timings[id]!;
        t.requestMs = now();
        t.connection = connections.indexOf(connection);
        connection.client.write(H1_REQUEST_BYTES, id, true);
        n++;
      }
      outstanding.set(connection, n);
      connection.client.flush();
    };
    const open = () => {
      const index = nextConnection++;
      const connection = new Connection(net, browser, server, index, (c) => dispatch(c));
      connection.server.rwnd = rwnd;
      connections.push(connection);
      // The server answers each complete request, in the order they came.
      connection.server.onDeliver = follow(connection.client, (tag, last, _first, complete) => {
        if (!last || !complete) return;
        connection.server.write(H1_RESPONSE_HEADER_BYTES + files[tag]!.bytes, tag, true);
        connection.server.flush();
      });
      connection.client.onDeliver = follow(connection.server, (tag, last, first, complete) => {
        onResponseChunk(tag, last, first, complete);
        if (last && complete) {
          outstanding.set(connection, (outstanding.get(connection) ?? 1) - 1);
          dispatch(connection);
        }
      });
    };
    queue.push(0);
    open();
    discover = () => {
      for (let id = 1; id < files.length; id++) {
        timings[id] = { ...timings[id]!, discoveredMs: now() };
        queue.push(id);
      }
      // Reuse the first connection, and open more (up to the limit) for the rest.
      dispatch(connections[0]!);
      while (connections.length < maxConnections && queue.length > 0) {
        const waiting = queue.length;
        open();
        // A new connection will take `depth` requests when it opens; open only as many as needed.
        if (waiting <= depth * (connections.length - 1)) break;
      }
    };
  } else {
    const frameHeader = options.version === "http3" ? H3_FRAME_HEADER : H2_FRAME_HEADER;
    const connection = new Connection(net, browser, server, 0, (c) => {
      // HTTP/2 opens with the connection preface and SETTINGS; HTTP/3 sends SETTINGS on its control stream.
      c.client.write(options.version === "http3" ? 8 : H2_PREFACE, -1, false);
      request(0);
      c.client.flush();
    });
    connection.server.rwnd = rwnd;
    connections.push(connection);
    nextConnection = 1;
    let requestsSent = 0;
    const request = (id: number) => {
      const t = timings[id]!;
      t.requestMs = now();
      t.connection = 0;
      const headers = requestsSent === 0 ? H2_FIRST_REQUEST_HEADERS : H2_REQUEST_HEADERS;
      requestsSent++;
      connection.client.write(frameHeader + headers, id, true);
    };
    // Server: streams with response bytes still to send, served round-robin one frame at a time.
    const active: { id: number; headersSent: boolean; left: number }[] = [];
    let turn = 0;
    connection.server.refill = () => {
      if (active.length === 0) return;
      turn %= active.length;
      const stream = active[turn]!;
      if (!stream.headersSent) {
        stream.headersSent = true;
        connection.server.write(frameHeader + H2_RESPONSE_HEADERS, stream.id, false);
      } else {
        const size = Math.min(H2_MAX_FRAME, stream.left);
        stream.left -= size;
        connection.server.write(frameHeader + size, stream.id, stream.left === 0);
      }
      if (stream.left === 0) active.splice(turn, 1);
      else turn++;
    };
    const onRequestChunk = (tag: number, last: boolean, _first: boolean, complete: boolean) => {
      if (tag < 0 || !last || !complete) return;
      active.push({ id: tag, headersSent: false, left: files[tag]!.bytes });
      connection.server.flush();
    };
    if (options.version === "http3") {
      connection.server.onSegment = perStreamFollower(connection.client, onRequestChunk);
      connection.client.onSegment = perStreamFollower(connection.server, onResponseChunk);
    } else {
      connection.server.onDeliver = follow(connection.client, onRequestChunk);
      connection.client.onDeliver = follow(connection.server, onResponseChunk);
    }
    discover = () => {
      for (let id = 1; id < files.length; id++) {
        timings[id] = { ...timings[id]!, discoveredMs: now() };
        request(id);
      }
      connection.client.flush();
    };
  }

  net.run({ until: ms(TIME_LIMIT_MS), maxEvents: 5_000_000 });
  const ends = connections.flatMap((c) => [c.client, c.server]);
  const sum = (f: (e: Endpoint) => number) => ends.reduce((total, e) => total + f(e), 0);
  return {
    version: options.version,
    resources: timings,
    loadMs,
    connections: connections.length,
    retransmissions: sum((e) => e.retransmissions),
    timeouts: sum((e) => e.timeouts),
    heldSegments: sum((e) => e.hol.held),
    heldMs: sum((e) => e.hol.waitMs),
  };
}

/** Segment payload size used by the model, for the page's text. */
export const SEGMENT_BYTES = MSS;
