/**
 * DNS over TCP (RFC 7766) as the resolution simulation (resolve.ts) runs it:
 * a minimal, loss-free TCP connection per question, sans I/O. Each side is
 * fed the segments that arrive and says which segments to send; the driver
 * puts them on the network. Each message carries TCP's 2-byte length prefix
 * (RFC 1035 §4.2.2), prefix and message in one segment (RFC 7766 §8).
 */
import type { TcpFlags } from "#runtime/wire/tcp.ts";
import { decodeMessage, type DnsMessage } from "#runtime/wire/dns.ts";
import { framed, unframed } from "./resolver-messages.ts";

/** A segment to send. `shown` is what the ladder draws for it: a handshake step, the DNS message, or nothing (the close, in the capture only). */
export interface OutSegment {
  readonly seq: number;
  readonly ack: number;
  readonly flags: Partial<TcpFlags>;
  readonly payload: Uint8Array;
  readonly shown: "SYN" | "SYN-ACK" | "ACK" | "message" | null;
}

/** An arrived segment, as much of it as these models read. */
export interface InSegment {
  readonly seq: number;
  readonly flags: Readonly<TcpFlags>;
  readonly payload: Uint8Array;
}

const NONE = new Uint8Array(0);

/** One end's sequence numbers (RFC 9293 §3.3.1: SND.NXT and RCV.NXT) and the segments it stamps with them. */
abstract class TcpEnd {
  protected sndNxt: number;
  protected rcvNxt: number;
  constructor(sndNxt: number, rcvNxt: number) {
    this.sndNxt = sndNxt;
    this.rcvNxt = rcvNxt;
  }

  /** A segment at SND.NXT, which then moves past its payload (or by `advance`: 1 for a SYN or FIN, 0 for a bare ACK). */
  protected out(flags: Partial<TcpFlags>, payload: Uint8Array, shown: OutSegment["shown"], advance = payload.length): OutSegment {
    const segment = { seq: this.sndNxt, ack: this.rcvNxt, flags, payload, shown };
    this.sndNxt += advance;
    return segment;
  }
}

/** The asking side: SYN, then the query once the SYN-ACK is in, then the response and a close. */
export class TcpDnsClient extends TcpEnd {
  private readonly iss: number;
  private readonly query: Uint8Array;

  /** `iss`: the initial sequence number; `query`: the encoded DNS query. */
  constructor(iss: number, query: Uint8Array) {
    super(iss, 0);
    this.iss = iss;
    this.query = query;
  }

  /** The opening SYN. */
  open(): OutSegment {
    return { seq: this.iss, ack: 0, flags: { syn: true }, payload: NONE, shown: "SYN" };
  }

  /** A segment from the server: what to send back, and the DNS response once it is in. */
  onSegment(segment: InSegment): { readonly send: OutSegment[]; readonly response: DnsMessage | null } {
    if (segment.flags.syn && segment.flags.ack) {
      this.rcvNxt = segment.seq + 1;
      this.sndNxt += 1;
      const ack = this.out({ ack: true }, NONE, "ACK");
      const query = this.out({ ack: true, psh: true }, framed(this.query), "message");
      return { send: [ack, query], response: null };
    }
    if (segment.payload.length >= 2) {
      this.rcvNxt = segment.seq + segment.payload.length;
      const response = decodeMessage(unframed(segment.payload));
      // Done with this connection: close our side (shown only in the capture).
      return { send: [this.out({ fin: true, ack: true }, NONE, null, 1)], response };
    }
    if (segment.flags.fin) {
      this.rcvNxt = segment.seq + 1;
      return { send: [this.out({ ack: true }, NONE, null, 0)], response: null };
    }
    return { send: [], response: null };
  }
}

/** The serving side of one connection: SYN-ACK, the query to whoever answers it, the response, and a close when the client closes. */
export class TcpDnsServerConnection extends TcpEnd {
  /** A connection for the client's SYN, with `iss` as our initial sequence number. */
  constructor(syn: InSegment, iss: number) {
    super(iss, syn.seq + 1);
  }

  /** The SYN-ACK answering the SYN. */
  accept(): OutSegment {
    return this.out({ syn: true, ack: true }, NONE, "SYN-ACK", 1);
  }

  /** A later segment: the query it carries, if any. Call onFin() after answering it when the segment also has FIN. */
  onData(segment: InSegment): DnsMessage | null {
    if (segment.payload.length < 2) return null;
    this.rcvNxt = segment.seq + segment.payload.length;
    return decodeMessage(unframed(segment.payload));
  }

  /** The response to the query, length-prefixed. */
  respond(message: Uint8Array): OutSegment {
    return this.out({ ack: true, psh: true }, framed(message), "message");
  }

  /** The client's FIN: ours goes with the ACK (we have nothing more to send). */
  onFin(segment: InSegment): OutSegment {
    this.rcvNxt = segment.seq + segment.payload.length + 1;
    return this.out({ fin: true, ack: true }, NONE, null, 1);
  }
}
