/**
 * The framing lab's simulated byte stream: a sender and a receiver on a LAN
 * with one of the runtime's ByteStreams between them, which cuts and merges
 * writes as a TCP receiver may see them. The writes are spread over virtual
 * time (0 to 2 ms apart), so some fall into one flush and merge and others
 * do not. The harness's `stream` scenario, the hidden tests (tests/stream-chunks.ts) and
 * the chapter's framing simulation all send over this one stream, so a seed
 * gives the same chunks everywhere.
 */
import { ms, type Time } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";

export interface ByteStreamOptions {
  /** The network's seed: with the write sizes, it decides where the stream cuts the bytes. */
  readonly seed: number;
  /** The largest chunk the receiver reads (the ByteStream's default, 1460, when absent). */
  readonly maxChunk?: number | undefined;
}

/**
 * Writes `writes` in order over the stream and runs the network until it is
 * idle. `onData` gets every chunk the receiver reads, with the virtual time
 * it arrived; the result is the time of each write.
 */
export function sendOverByteStream(
  writes: readonly Uint8Array[],
  options: ByteStreamOptions,
  onData: (chunk: Uint8Array, at: Time) => void,
): Time[] {
  const net = new Network({ seed: options.seed, trace: { record: false } });
  const sender = net.host("sender", "10.0.0.1");
  const receiver = net.host("receiver", "10.0.0.2");
  net.connect(sender, receiver, "lan");
  const stream = net.stream(sender, receiver, options.maxChunk === undefined ? {} : { maxChunk: options.maxChunk });
  stream.onData = (chunk) => onData(chunk, net.now);
  const gaps = net.sim.random.fork("framing:writes");
  const times: Time[] = [];
  let time = 0;
  for (const bytes of writes) {
    time += gaps.int(0, ms(2));
    times.push(time);
    net.sim.at(time, () => stream.write(bytes));
  }
  net.run();
  return times;
}
