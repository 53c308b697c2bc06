/**
 * A TCP connection: one endpoint of RFC 9293, as a state machine.
 *
 * Your Connection never touches a socket or a clock. The harness calls it
 * when something happens: the application opens, sends or closes
 * (listen, connect, send, close), a segment arrives (onSegment), a timer
 * fires (onTimer). It acts through the context it was given: send a
 * segment, deliver bytes to the application, start or stop a timer.
 *
 * Segments are real TCP headers (RFC 9293 §3.1) followed by the data, with
 * no IP header: you parse what arrives and build what you send, checksum
 * included. The instructions pin every detail; the stages there match the
 * TODOs here. Your file cannot import anything.
 */

/** The states of RFC 9293 §3.3.2. */
export type State =
  | "CLOSED"
  | "LISTEN"
  | "SYN-SENT"
  | "SYN-RECEIVED"
  | "ESTABLISHED"
  | "FIN-WAIT-1"
  | "FIN-WAIT-2"
  | "CLOSE-WAIT"
  | "CLOSING"
  | "LAST-ACK"
  | "TIME-WAIT";

/** What a Connection is created with. Addresses are unsigned 32-bit numbers (10.0.0.1 is 0x0a000001). */
export interface TcpConfig {
  readonly localAddress: number;
  readonly localPort: number;
  readonly remoteAddress: number;
  readonly remotePort: number;
  /** The initial send sequence number (ISS), 0 to 2^32 − 1. */
  readonly iss: number;
  /** The receive window: every segment you send advertises it, and RCV.WND is always this (1 to 65535). */
  readonly window: number;
  /** The most data bytes you put in one segment. */
  readonly mss: number;
  /** The retransmission timeout, fixed, in milliseconds. */
  readonly rtoMs: number;
  /** The Maximum Segment Lifetime in milliseconds: TIME-WAIT lasts 2 × mslMs. */
  readonly mslMs: number;
}

/** What a Connection may do. */
export interface TcpContext {
  /** Sends a segment (TCP header + data, checksum filled in). The context copies it. */
  send(segment: Uint8Array): void;
  /** Hands bytes to the application, in order, each once. The context copies them. */
  deliver(data: Uint8Array): void;
  /** Starts timer `key`, or restarts it if running: onTimer(key) follows after delayMs unless cancelled. Keys are yours. */
  setTimer(key: number, delayMs: number): void;
  /** Stops timer `key`; nothing happens if it is not running. */
  cancelTimer(key: number): void;
}

export class Connection {
  /** The current state; the harness reads it after every event. */
  state: State = "CLOSED";

  constructor(config: TcpConfig, ctx: TcpContext) {
    // TODO (stage 1): keep config and ctx; set up the variables of RFC 9293 §3.3.1 (SND.UNA, SND.NXT, RCV.NXT...).
    void config;
    void ctx;
  }

  /** Passive open: CLOSED → LISTEN. */
  listen(): void {
    // TODO (stage 2)
  }

  /** Active open: send <SEQ=ISS><CTL=SYN>, CLOSED → SYN-SENT. */
  connect(): void {
    // TODO (stage 2)
  }

  /** Queues data to send (called in ESTABLISHED and CLOSE-WAIT). */
  send(data: Uint8Array): void {
    // TODO (stage 4)
    void data;
  }

  /** Closes the sending direction (called in LISTEN, SYN-SENT, ESTABLISHED and CLOSE-WAIT). */
  close(): void {
    // TODO (stage 5)
  }

  /** A segment arrived from the peer: TCP header (maybe with options) and data, exactly as received. */
  onSegment(segment: Uint8Array): void {
    // TODO (stages 1-6): verify, parse, then RFC 9293 §3.10.7 for the current state.
    void segment;
  }

  /** Timer `key` fired. */
  onTimer(key: number): void {
    // TODO (stages 4-5): retransmission; the end of TIME-WAIT.
    void key;
  }
}

/**
 * The TCP checksum (RFC 9293 §3.1): the one's complement of the one's
 * complement sum of the pseudo-header (source address, destination address,
 * zero, protocol 6, TCP length) and the segment as 16-bit big-endian words.
 * Computed over a segment whose checksum field is zero, it is the value to
 * write there (bytes 16-17); over a segment as received, it is 0 when the
 * segment is intact. Given: use it, or write your own.
 */
export function tcpChecksum(source: number, destination: number, segment: Uint8Array): number {
  let sum = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff) + 6 + segment.length;
  for (let i = 0; i < segment.length; i += 2) sum += (segment[i]! << 8) | (segment[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
