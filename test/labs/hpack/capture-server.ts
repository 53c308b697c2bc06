/**
 * A tiny raw HTTP/2 server on a `net` socket, to capture the header blocks
 * nghttp2 (Node's `http2` client) encodes: it sends the preface SETTINGS,
 * acknowledges the client's, keeps every request header block as sent, and
 * answers each request with `:status: 200` (block `88`, static index 8).
 */
import net from "node:net";
import { FLAG, FRAME, FrameReader, HeaderBlocks, SETTINGS_HEADER_TABLE_SIZE, frame, settings } from "./frames.ts";

export interface CaptureServer {
  readonly port: number;
  /** Request header blocks in arrival order. */
  readonly blocks: Uint8Array[];
  /** Sends SETTINGS_HEADER_TABLE_SIZE and resolves when the client has acknowledged it. */
  setHeaderTableSize(size: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const blocks: Uint8Array[] = [];
  let socket: net.Socket | undefined;
  let onAck: (() => void) | undefined;
  const server = net.createServer((s) => {
    socket = s;
    const reader = new FrameReader();
    const assembler = new HeaderBlocks();
    let prefaceLeft = 24;
    s.write(frame(FRAME.SETTINGS, 0, 0));
    s.on("data", (data: Buffer) => {
      let chunk = new Uint8Array(data.buffer, data.byteOffset, data.length);
      if (prefaceLeft > 0) {
        const skip = Math.min(prefaceLeft, chunk.length);
        prefaceLeft -= skip;
        chunk = chunk.subarray(skip);
      }
      for (const f of reader.push(chunk)) {
        if (f.type === FRAME.SETTINGS) {
          if ((f.flags & FLAG.ACK) === 0) s.write(frame(FRAME.SETTINGS, FLAG.ACK, 0));
          else onAck?.();
          continue;
        }
        if (f.type === FRAME.PING && (f.flags & FLAG.ACK) === 0) s.write(frame(FRAME.PING, FLAG.ACK, 0, f.payload));
        const done = assembler.push(f);
        if (done === undefined) continue;
        blocks.push(done.block);
        s.write(frame(FRAME.HEADERS, FLAG.END_HEADERS | FLAG.END_STREAM, done.streamId, Uint8Array.of(0x88)));
      }
    });
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    blocks,
    setHeaderTableSize(size) {
      // The first SETTINGS ack is for the preface SETTINGS; wait for the one after this.
      const acked = new Promise<void>((resolve) => (onAck = resolve));
      socket!.write(frame(FRAME.SETTINGS, 0, 0, settings([[SETTINGS_HEADER_TABLE_SIZE, size]])));
      return acked;
    },
    close: () => new Promise<void>((resolve) => {
      socket?.destroy();
      server.close(() => resolve());
    }),
  };
}
