import type { Random } from "../core/random.ts";
import { ms, type Time } from "../core/time.ts";
import { IP_PROTOCOL } from "../wire/ipv4.ts";
import { emitTcp, tcpFlags } from "../wire/tcp.ts";
import type { NetworkContext } from "./context.ts";
import type { Host, TcpSegment } from "./host.ts";

/** Options for {@link Network.stream}. */
export interface ByteStreamOptions {
  /** Smallest chunk the reader gets, in bytes (default 1). */
  readonly minChunk?: number;
  /** Largest chunk, in bytes (default 1460: a 1500-byte MTU less IPv4 and TCP headers). */
  readonly maxChunk?: number;
  /** Writes within this much virtual time may be merged into one chunk (default 1 ms). */
  readonly coalesce?: Time;
}

/**
 * A one-way byte stream between two hosts, like the data in one direction
 * of a TCP connection: every byte written arrives, in order, exactly once,
 * but the boundaries between writes are NOT kept. The stream cuts what was
 * written into chunks of seeded random sizes, merging writes and splitting
 * them anywhere (a quarter of the chunks are tiny, at most 4 bytes, to cut
 * headers apart), just as a real TCP receiver may see the data.
 *
 * It is not TCP: there is no handshake and no retransmission. Chunks travel
 * as TCP segments over the path between the hosts, which must therefore be
 * free of loss, reordering, duplication and corruption; a gap stops the
 * simulation with an error that says so.
 */
export class ByteStream {
  readonly from: Host;
  readonly to: Host;
  /** Called with every chunk, in order. */
  onData: ((chunk: Uint8Array) => void) | null = null;
  /** Bytes written so far. */
  bytesWritten = 0;
  /** Bytes handed to `onData` so far. */
  bytesDelivered = 0;
  private readonly context: NetworkContext;
  private readonly random: Random;
  private readonly minChunk: number;
  private readonly maxChunk: number;
  private readonly coalesce: Time;
  private readonly sourcePort: number;
  private readonly destinationPort: number;
  private pending: Uint8Array[] = [];
  private flushScheduled = false;
  private nextSendSeq: number;
  private nextReceiveSeq: number;

  constructor(context: NetworkContext, from: Host, to: Host, options: ByteStreamOptions = {}) {
    this.context = context;
    this.from = from;
    this.to = to;
    this.minChunk = options.minChunk ?? 1;
    this.maxChunk = options.maxChunk ?? 1460;
    this.coalesce = options.coalesce ?? ms(1);
    if (!(Number.isInteger(this.minChunk) && this.minChunk >= 1 && this.maxChunk >= this.minChunk)) {
      throw new RangeError(`ByteStream: need 1 <= minChunk <= maxChunk, got ${this.minChunk} and ${this.maxChunk}`);
    }
    this.destinationPort = to.listenTcp(undefined, (segment) => this.receive(segment));
    this.sourcePort = from.listenTcp(undefined, () => {});
    this.random = context.sim.random.fork(`stream:${from.name}:${this.sourcePort}->${to.name}:${this.destinationPort}`);
    // Like TCP's initial sequence number, the first byte's number is random.
    this.nextSendSeq = this.random.nextUint32();
    this.nextReceiveSeq = this.nextSendSeq;
  }

  /** Queues bytes for the reader (they are copied). */
  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pending.push(bytes.slice());
    this.bytesWritten += bytes.length;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.context.sim.after(this.random.int(0, this.coalesce), () => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const data = concat(this.pending);
    this.pending = [];
    for (let offset = 0; offset < data.length; ) {
      const size = Math.min(this.chunkSize(), data.length - offset);
      this.sendSegment(data.subarray(offset, offset + size));
      offset += size;
    }
  }

  private chunkSize(): number {
    const tiny = this.random.chance(0.25);
    const max = tiny ? Math.min(this.maxChunk, this.minChunk + 3) : this.maxChunk;
    return this.random.int(this.minChunk, max);
  }

  private sendSegment(payload: Uint8Array): void {
    const segment = emitTcp(
      {
        srcPort: this.sourcePort,
        dstPort: this.destinationPort,
        seq: this.nextSendSeq,
        ack: 0,
        flags: tcpFlags({ psh: true }),
        window: 65535,
        urgentPointer: 0,
        options: [],
      },
      payload,
      this.from.addressValue,
      this.to.addressValue,
    );
    this.nextSendSeq = (this.nextSendSeq + payload.length) >>> 0;
    this.from.sendIp(IP_PROTOCOL.TCP, this.to.addressValue, segment);
  }

  private receive(segment: TcpSegment): void {
    if (segment.repr.seq !== this.nextReceiveSeq) {
      throw new Error(
        `Byte stream ${this.from.name} -> ${this.to.name} lost its order: expected sequence number ` +
          `${this.nextReceiveSeq}, got ${segment.repr.seq} (packet ${segment.packet}). ` +
          "Byte streams need a path without loss, reordering, duplication or corruption.",
      );
    }
    this.nextReceiveSeq = (this.nextReceiveSeq + segment.payload.length) >>> 0;
    this.bytesDelivered += segment.payload.length;
    this.onData?.(segment.payload);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
