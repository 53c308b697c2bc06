/** A TCP segment in a few words, for the demo's listing, the tests' failure steps and the pictures. */
import { formatTcpFlags, parseTcp } from "#runtime/wire/tcp.ts";

/** "SYN,ACK seq 3000000 ack 4294966273", "ACK seq 1 ack 2 len 1000". */
export function describeSegment(bytes: Uint8Array): string {
  try {
    const { repr, payload } = parseTcp(bytes, 0, 0, { verifyChecksum: false });
    return `${formatTcpFlags(repr.flags)} seq ${repr.seq}${repr.flags.ack ? ` ack ${repr.ack}` : ""}${payload.length > 0 ? ` len ${payload.length}` : ""}`;
  } catch {
    return `malformed segment (${bytes.length} bytes)`;
  }
}
