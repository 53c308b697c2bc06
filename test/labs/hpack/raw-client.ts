/**
 * A raw HTTP/2 client on a `net` socket, to hand nghttp2 (Node's `http2`
 * server) header blocks that our encoder wrote: preface and SETTINGS, ACKs
 * for the server's SETTINGS and PINGs, HEADERS frames out, GOAWAY and
 * RST_STREAM in.
 */
import net from "node:net";
import { FLAG, FRAME, FrameReader, PREFACE, frame, type Frame } from "./frames.ts";

export interface RawClient {
  /** Sends a whole request header block on `streamId` (END_HEADERS, END_STREAM). */
  sendHeaders(streamId: number, block: Uint8Array): void;
  /** Resolves with the server's GOAWAY: last stream id and error code. */
  readonly goaway: Promise<{ lastStreamId: number; errorCode: number }>;
  /** Resolves with the server's first RST_STREAM: stream id and error code. */
  readonly reset: Promise<{ streamId: number; errorCode: number }>;
  close(): void;
}

export async function connectRawClient(port: number): Promise<RawClient> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.on("error", () => {});
  const reader = new FrameReader();
  let onGoaway: (g: { lastStreamId: number; errorCode: number }) => void = () => {};
  const goaway = new Promise<{ lastStreamId: number; errorCode: number }>((resolve) => (onGoaway = resolve));
  let onReset: (r: { streamId: number; errorCode: number }) => void = () => {};
  const reset = new Promise<{ streamId: number; errorCode: number }>((resolve) => (onReset = resolve));
  socket.on("data", (data: Buffer) => {
    for (const f of reader.push(new Uint8Array(data.buffer, data.byteOffset, data.length))) handle(f);
  });
  function handle(f: Frame): void {
    if (f.type === FRAME.SETTINGS && (f.flags & FLAG.ACK) === 0) socket.write(frame(FRAME.SETTINGS, FLAG.ACK, 0));
    if (f.type === FRAME.PING && (f.flags & FLAG.ACK) === 0) socket.write(frame(FRAME.PING, FLAG.ACK, 0, f.payload));
    if (f.type === FRAME.GOAWAY) {
      const view = new DataView(f.payload.buffer, f.payload.byteOffset, f.payload.length);
      onGoaway({ lastStreamId: view.getUint32(0) & 0x7fffffff, errorCode: view.getUint32(4) });
    }
    if (f.type === FRAME.RST_STREAM) onReset({ streamId: f.streamId, errorCode: new DataView(f.payload.buffer, f.payload.byteOffset, 4).getUint32(0) });
  }
  socket.write(PREFACE);
  socket.write(frame(FRAME.SETTINGS, 0, 0));
  return {
    sendHeaders: (streamId, block) => socket.write(frame(FRAME.HEADERS, FLAG.END_HEADERS | FLAG.END_STREAM, streamId, block)),
    goaway,
    reset,
    close: () => socket.destroy(),
  };
}
