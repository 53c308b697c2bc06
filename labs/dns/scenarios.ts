/**
 * The JSON shapes that pass between the dns lab's tests and its harness.
 * Types only: both sides import them with `import type`. Bytes are hex text.
 */

/** `encode`: one encodeQuery() call per item. */
export interface EncodeInput {
  readonly queries: readonly {
    readonly id: number;
    readonly name: string;
    readonly type: number;
    readonly rd: boolean;
    readonly edns: { readonly udpSize: number; readonly dnssecOk: boolean } | null;
  }[];
}

export interface Encoded {
  readonly hex?: string;
  readonly error?: string;
}

/** `decode`: one decodeMessage() call per message, each handed over at `offset` of a larger buffer. */
export interface DecodeInput {
  readonly messages: readonly string[];
  readonly offset?: number;
}

export type DataView_ = string | SoaView | { readonly hex: string };

export interface SoaView {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

export interface RecordView {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly data: DataView_;
}

export interface MessageView {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly rcode: number;
  readonly questions: readonly { readonly name: string; readonly type: number; readonly class: number }[];
  readonly answers: readonly RecordView[];
  readonly authority: readonly RecordView[];
  readonly additional: readonly RecordView[];
  readonly edns: { readonly udpSize: number; readonly version: number; readonly dnssecOk: boolean } | null;
}

export interface Decoded {
  readonly message?: MessageView;
  readonly error?: string;
}

/** A zone's record as the tests write it: SOA data is "mname rname serial refresh retry expire minimum". */
export interface RecordSpec {
  readonly name: string;
  readonly type: "A" | "NS" | "CNAME" | "SOA" | "TXT";
  readonly ttl: number;
  readonly data: string;
}

/** How a simulated server misbehaves: never answers, answers UDP with TC=1, answers SERVFAIL, or flips the case of the question. */
export type Behaviour = "silent" | "truncate" | "servfail" | "case";

export interface ServerSpec {
  readonly address: string;
  /** Zones it is authoritative for: NS records below the apex are cuts, A records below a cut are glue. */
  readonly zones: readonly { readonly apex: string; readonly records: readonly RecordSpec[] }[];
  readonly behaviour?: Behaviour;
}

/** A forged reply delivered 5 ms after the resolver's `query`-th query (0-based), before the real one; "duplicate": the real reply arrives twice (5 ms apart). */
export interface Spoof {
  readonly query: number;
  readonly kind: SpoofKind;
}

export type SpoofKind = "id" | "source" | "source-port" | "dest-port" | "name" | "type" | "class" | "no-question" | "not-response" | "malformed" | "tcp" | "duplicate";

export interface ResolveInput {
  readonly roots: readonly string[];
  readonly servers: readonly ServerSpec[];
  /** Lookups in order; each starts at `atMs` or when the one before it is answered, whichever is later. */
  readonly lookups: readonly { readonly name: string; readonly type: number; readonly atMs: number }[];
  /** Seeds the random() the resolver is given. */
  readonly seed: number;
  readonly spoofs?: readonly Spoof[];
}

/** A query the resolver sent, as the network saw it. */
export interface QueryView {
  readonly lookup: number;
  readonly atMs: number;
  readonly to: string;
  readonly tcp: boolean;
  readonly fromPort: number;
  readonly id: number;
  readonly name: string;
  readonly type: number;
  readonly rd: boolean;
  readonly udpSize: number | null;
  readonly hex: string;
}

export interface LookupResult {
  readonly startMs: number;
  /** When the answer came, or null when none came within 10 s. */
  readonly doneMs: number | null;
  readonly rcode: number | null;
  readonly records: readonly RecordView[];
}

export interface ResolveResult {
  readonly lookups: readonly LookupResult[];
  readonly queries: readonly QueryView[];
  /** What the resolver threw or returned that no network could carry. */
  readonly faults: readonly string[];
}
