/**
 * DNS: a message codec and an iterative resolver.
 *
 * Part 1 (stages 1-3): encodeQuery() builds a query, decodeMessage() reads
 * any message (RFC 1035 §4.1), following compression pointers (§4.1.4) and
 * reading EDNS(0)'s OPT record (RFC 6891 §6).
 * Part 2 (stages 4-7): Resolver answers a question by asking the root, then
 * each server it is referred to, caching what it learns. It never does I/O
 * itself: every method returns the Actions to take (send a query, give the
 * answer), and the harness delivers replies and the clock.
 *
 * The instructions pin every choice the tests depend on. Your file cannot
 * import anything.
 */

export interface Question {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

export interface Soa {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

export type RecordData = string | Soa | Uint8Array;

export interface ResourceRecord {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly data: RecordData;
}

export interface Edns {
  readonly udpSize: number;
  readonly version: number;
  readonly dnssecOk: boolean;
}

export interface Message {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly rcode: number;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  readonly additional: readonly ResourceRecord[];
  readonly edns: Edns | null;
}

export interface QueryOptions {
  readonly id: number;
  readonly name: string;
  readonly type: number;
  readonly rd: boolean;
  readonly edns: { readonly udpSize: number; readonly dnssecOk: boolean } | null;
}

export interface ResolverConfig {
  readonly roots: readonly string[];
  readonly random: () => number;
}

export interface Packet {
  readonly from: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly tcp: boolean;
  readonly bytes: Uint8Array;
}

export type Action =
  | { readonly kind: "send"; readonly to: string; readonly fromPort: number; readonly tcp: boolean; readonly bytes: Uint8Array }
  | { readonly kind: "answer"; readonly rcode: number; readonly records: readonly ResourceRecord[] };

export class Resolver {
  constructor(config: ResolverConfig) {
    // TODO (stage 4): keep the root servers' addresses and the random source.
    void config;
  }

  /** Starts looking up `name`/`type` at virtual time `now` (ms). */
  resolve(name: string, type: number, now: number): Action[] {
    // TODO (stages 4-7): answer from the cache, or send the first query.
    void name;
    void type;
    void now;
    return [];
  }

  /** A packet arrived for the resolver. Ignore anything that does not answer a query you sent. */
  onResponse(packet: Packet, now: number): Action[] {
    // TODO (stages 4-7): match it to your query, then follow the referral, the CNAME, or answer.
    void packet;
    void now;
    return [];
  }

  /** Called every 100 ms of virtual time while a lookup is unanswered. */
  onTimer(now: number): Action[] {
    // TODO (stage 7): a query unanswered for 1000 ms goes to the next server.
    void now;
    return [];
  }
}

/** Builds a query message (stage 1). */
export function encodeQuery(query: QueryOptions): Uint8Array {
  // TODO: the 12-byte header, the question, and the OPT record when query.edns is not null.
  void query;
  throw new Error("encodeQuery: not implemented yet");
}

/** Reads a whole message (stages 2-3); throws on anything malformed. */
export function decodeMessage(bytes: Uint8Array): Message {
  // TODO: the header, then the four sections; names with compression pointers; OPT into `edns`.
  void bytes;
  throw new Error("decodeMessage: not implemented yet");
}
