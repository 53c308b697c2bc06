/**
 * Two gRPC calls at once on one HTTP/2 connection over a runtime link: a
 * unary call on stream 1 and a streaming call on stream 3 (server, client
 * or bidirectional streaming). Every frame is real bytes (RFC 9113 §4.1
 * headers, gRPC's length-prefixed messages in DATA); header blocks are
 * sized as plain HPACK literals. The connection is already open (preface and
 * SETTINGS done), and receivers grant flow-control credit generously, so no
 * WINDOW_UPDATE frames appear.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import type { ByteStream } from "#runtime/net/byte-stream.ts";
import { Network } from "#runtime/net/network.ts";
import { h2Frame } from "#site/simulations/patterns/mux.ts";
import { formatTimeout, grpcMessage, literalBlockSize, MESSAGE_PREFIX } from "./grpc-wire.ts";

export type StreamKind = "server" | "client" | "bidi";
/** How the unary call's server answers: quickly, too slowly for the deadline, or with an error at once. */
export type UnaryOutcome = "ok" | "slow" | "not-found";

export interface GrpcOptions {
  readonly kind: StreamKind;
  /** Messages the streaming side sends. */
  readonly messages: number;
  /** Bytes per streamed message (before the 5-byte prefix). */
  readonly messageBytes: number;
  readonly unary: UnaryOutcome;
  readonly seed: number;
}

/** RFC 9113 §6: frame types and flags used here. */
const DATA = 0x0;
const HEADERS = 0x1;
const RST_STREAM = 0x3;
const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const CANCEL = 0x8;
/** SETTINGS_MAX_FRAME_SIZE's default (RFC 9113 §6.5.2). */
export const MAX_FRAME = 16_384;
export const FRAME_HEADER = 9;
export const ONE_WAY_MS = 10;
/** The unary call's deadline; the streaming call gets a longer one it never reaches. */
export const DEADLINE_MS = 200;
const STREAM_DEADLINE_MS = 5000;
/** The gap between messages a streaming side sends, ms. */
export const STREAM_GAP_MS = 20;

export interface FrameRecord {
  readonly dir: "c2s" | "s2c";
  readonly stream: number;
  readonly type: "HEADERS" | "DATA" | "RST_STREAM";
  readonly flags: readonly string[];
  /** Payload length (the frame is 9 bytes more). */
  readonly length: number;
  readonly note: string;
  readonly sentMs: number;
  arrivedMs?: number;
  /** On trailers: the grpc-status name they carry. */
  status?: string;
  /** gRPC messages this frame completes (the receiver's application gets them when it arrives). */
  completes: number;
}

export interface CallResult {
  readonly stream: number;
  readonly method: string;
  /** What the client's application sees: "OK", "NOT_FOUND", "DEADLINE_EXCEEDED". */
  status: string;
  doneMs?: number;
  /** Messages the client received. */
  received: number;
}

export interface GrpcResult {
  readonly frames: readonly FrameRecord[];
  readonly calls: readonly CallResult[];
  /** All frame bytes, headers included. */
  readonly bytes: number;
  /** Messages' bytes alone, without frame headers or gRPC prefixes. */
  readonly messageBytes: number;
}

const METHODS: Record<StreamKind, string> = { server: "/shop.Prices/Watch", client: "/shop.Orders/Upload", bidi: "/shop.Chat/Talk" };
const UNARY = "/shop.Catalog/GetItem";
const UNARY_REQUEST = 24;
const UNARY_RESPONSE = 180;
const STATUS_CODES: Record<string, number> = { OK: 0, CANCELLED: 1, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5 };

type Fields = readonly (readonly [string, string])[];

export function runGrpc(options: GrpcOptions): GrpcResult {
  const net = new Network({ seed: options.seed });
  const clientHost = net.host("client", "10.0.0.1");
  const serverHost = net.host("server", "10.0.0.2");
  net.connect(clientHost, serverHost, { delay: ms(ONE_WAY_MS), rate: 20e6 });
  const up = net.stream(clientHost, serverHost);
  const down = net.stream(serverHost, clientHost);
  const now = () => toMs(net.now);
  const frames: FrameRecord[] = [];
  const inFlight = { c2s: [] as FrameRecord[], s2c: [] as FrameRecord[] };
  let bytes = 0;
  let messageBytes = 0;

  const send = (dir: "c2s" | "s2c", type: FrameRecord["type"], flags: number, stream: number, payload: Uint8Array, note: string) => {
    const names = [flags & END_STREAM && type !== "RST_STREAM" ? "END_STREAM" : "", flags & END_HEADERS ? "END_HEADERS" : ""].filter(Boolean);
    const record: FrameRecord = { dir, stream, type, flags: names, length: payload.length, note, sentMs: now(), completes: 0 };
    frames.push(record);
    inFlight[dir].push(record);
    const code = type === "DATA" ? DATA : type === "HEADERS" ? HEADERS : RST_STREAM;
    const frame = h2Frame(code, flags, stream, payload);
    bytes += frame.length;
    (dir === "c2s" ? up : down).write(frame);
  };
  const headers = (dir: "c2s" | "s2c", stream: number, fields: Fields, end: boolean, note: string) =>
    send(dir, "HEADERS", END_HEADERS | (end ? END_STREAM : 0), stream, new Uint8Array(literalBlockSize(fields)), note);
  /** The record of the frame just sent. */
  const last = () => frames[frames.length - 1]!;
  /** One gRPC message, cut into DATA frames of at most MAX_FRAME bytes. */
  const message = (dir: "c2s" | "s2c", stream: number, size: number, n: number, end: boolean) => {
    messageBytes += size;
    const wire = grpcMessage(new Uint8Array(size).fill(0x61));
    const prefix = [...wire.subarray(0, MESSAGE_PREFIX)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    for (let at = 0; at < wire.length; at += MAX_FRAME) {
      const piece = wire.subarray(at, at + MAX_FRAME);
      const last = at + MAX_FRAME >= wire.length;
      const note = at === 0 ? `message ${n}: prefix ${prefix} (flag 0, length ${size})${last ? "" : ", first part"}` : `message ${n}, more bytes`;
      send(dir, "DATA", last && end ? END_STREAM : 0, stream, piece, note);
      if (last) frames[frames.length - 1]!.completes = 1;
    }
  };
  const rst = (dir: "c2s" | "s2c", stream: number) => {
    const payload = new Uint8Array(4);
    new DataView(payload.buffer).setUint32(0, CANCEL);
    send(dir, "RST_STREAM", 0, stream, payload, "CANCEL (0x8)");
  };
  const requestFields = (path: string, timeoutMs: number): Fields => [
    [":method", "POST"],
    [":scheme", "https"],
    [":path", path],
    [":authority", "api.example.com"],
    ["grpc-timeout", formatTimeout(timeoutMs)],
    ["content-type", "application/grpc+proto"],
    ["te", "trailers"],
  ];
  const RESPONSE_NOTE = ":status 200, content-type application/grpc+proto";
  const responseFields: Fields = [
    [":status", "200"],
    ["content-type", "application/grpc+proto"],
  ];
  const trailers = (stream: number, status: string) => {
    headers("s2c", stream, [["grpc-status", String(STATUS_CODES[status])]], true, `trailers: grpc-status ${STATUS_CODES[status]} (${status})`);
    last().status = status;
  };

  // --- The calls, as the client sees them.
  const unary: CallResult = { stream: 1, method: UNARY, status: "pending", received: 0 };
  const streaming: CallResult = { stream: 3, method: METHODS[options.kind], status: "pending", received: 0 };
  const calls = new Map([
    [1, unary],
    [3, streaming],
  ]);
  const finish = (call: CallResult, status: string) => {
    if (call.doneMs !== undefined) return;
    call.status = status;
    call.doneMs = now();
  };

  // Client: both calls start at once; the unary one with its deadline.
  headers("c2s", 1, requestFields(UNARY, DEADLINE_MS), false, `${UNARY}, grpc-timeout ${formatTimeout(DEADLINE_MS)}`);
  message("c2s", 1, UNARY_REQUEST, 1, true);
  net.sim.after(ms(DEADLINE_MS), () => {
    if (unary.doneMs !== undefined) return;
    finish(unary, "DEADLINE_EXCEEDED");
    rst("c2s", 1);
  });
  headers("c2s", 3, requestFields(streaming.method, STREAM_DEADLINE_MS), false, `${streaming.method}, grpc-timeout ${formatTimeout(STREAM_DEADLINE_MS)}`);
  if (options.kind === "server") message("c2s", 3, UNARY_REQUEST, 1, true);
  else {
    for (let i = 1; i <= options.messages; i++) {
      net.sim.after(ms((i - 1) * STREAM_GAP_MS), () => message("c2s", 3, options.messageBytes, i, i === options.messages));
    }
  }

  // --- Server: reacts to whole requests and messages as they arrive.
  const serverCancelled = new Set<number>();
  let echoed = 0;
  let answered = false;
  const unaryAnswer = () => {
    if (serverCancelled.has(1) || answered) return;
    answered = true;
    headers("s2c", 1, responseFields, false, RESPONSE_NOTE);
    message("s2c", 1, UNARY_RESPONSE, 1, false);
    trailers(1, "OK");
  };
  const onServer = (frame: FrameRecord, messages: number, end: boolean) => {
    const { stream } = frame;
    if (frame.type === "RST_STREAM") return void serverCancelled.add(stream);
    if (stream === 1 && end) {
      if (options.unary === "not-found") {
        // Trailers-Only: one HEADERS frame with :status, content-type and grpc-status.
        headers("s2c", 1, [...responseFields, ["grpc-status", "5"], ["grpc-message", "item%2042%20not%20found"]], true, "Trailers-Only: :status 200, grpc-status 5 (NOT_FOUND)");
        last().status = "NOT_FOUND";
      } else net.sim.after(ms(options.unary === "slow" ? 300 : 20), unaryAnswer);
      return;
    }
    if (stream !== 3) return;
    if (options.kind === "server" && end) {
      headers("s2c", 3, responseFields, false, RESPONSE_NOTE);
      for (let i = 1; i <= options.messages; i++) {
        net.sim.after(ms((i - 1) * STREAM_GAP_MS), () => message("s2c", 3, options.messageBytes, i, false));
      }
      net.sim.after(ms((options.messages - 1) * STREAM_GAP_MS), () => trailers(3, "OK"));
    } else if (options.kind === "client" && end) {
      headers("s2c", 3, responseFields, false, RESPONSE_NOTE);
      message("s2c", 3, UNARY_RESPONSE, 1, false);
      trailers(3, "OK");
    } else if (options.kind === "bidi") {
      for (let i = 0; i < messages; i++) {
        if (echoed === 0) headers("s2c", 3, responseFields, false, RESPONSE_NOTE);
        message("s2c", 3, options.messageBytes, ++echoed, false);
      }
      if (end) trailers(3, "OK");
    }
  };
  const onClient = (frame: FrameRecord, messages: number, end: boolean) => {
    const call = calls.get(frame.stream)!;
    call.received += messages;
    // gRPC needs a status in trailers; a stream that ends without one is an error (PROTOCOL-HTTP2.md, Responses).
    if (end) finish(call, frame.status ?? "INTERNAL");
  };

  // --- Arrivals. The streams deliver bytes in order, cut anywhere; a frame has arrived once all
  // its bytes have (the sender's records say where each frame ends, so no parser is needed here).
  const arrivals = (stream: ByteStream, dir: "c2s" | "s2c", handle: (f: FrameRecord, messages: number, end: boolean) => void) => {
    let received = 0;
    let consumed = 0;
    stream.onData = (chunk) => {
      received += chunk.length;
      while (inFlight[dir].length > 0 && consumed + FRAME_HEADER + inFlight[dir][0]!.length <= received) {
        const record = inFlight[dir].shift()!;
        consumed += FRAME_HEADER + record.length;
        record.arrivedMs = now();
        handle(record, record.completes, record.flags.includes("END_STREAM"));
      }
    };
  };
  arrivals(up, "c2s", onServer);
  arrivals(down, "s2c", onClient);
  net.run();
  return { frames, calls: [unary, streaming], bytes, messageBytes };
}
