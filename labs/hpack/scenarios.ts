/**
 * The JSON shapes that pass between this lab's tests (or the site) and its
 * harness. Types only: both sides import them with `import type`. Bytes
 * travel as lowercase hex without spaces.
 */

/** A header field as a pair. */
export type Header = [name: string, value: string];

/** A field for the encoder: a pair, or an object that may mark it sensitive (never indexed). */
export type HeaderSpec = Header | { readonly name: string; readonly value: string; readonly sensitive?: boolean };

/** What the learner's code threw, as `thrownMessage` reads it ("HpackError: index 0…"). */
export interface Failed {
  readonly error: string;
}

/** A dynamic table as the learner's object reports it. */
export interface TableState {
  /** Newest first (HPACK index 62 first). */
  readonly entries: Header[];
  readonly size: number;
  readonly maxSize: number;
}

// ---------------------------------------------------------------------------
// `integers`: encodeInteger / decodeInteger calls, one result each

export type IntegerCall =
  | { readonly op: "encode"; readonly value: number; readonly prefixBits: number; readonly flags?: number }
  | { readonly op: "decode"; readonly hex: string; readonly offset?: number; readonly prefixBits: number };

export type IntegerResult = { readonly hex: string } | { readonly value: number; readonly next: number } | Failed;

// ---------------------------------------------------------------------------
// `strings`: string literal and Huffman calls, one result each

export type StringCall =
  | { readonly op: "encodeString"; readonly value: string; readonly huffman: boolean }
  | { readonly op: "decodeString"; readonly hex: string; readonly offset?: number }
  | { readonly op: "huffmanEncode"; readonly hex: string }
  | { readonly op: "huffmanDecode"; readonly hex: string };

export type StringResult = { readonly hex: string } | { readonly value: string; readonly next: number } | Failed;

// ---------------------------------------------------------------------------
// `table`: one DynamicTable, a state after each operation

export type TableOp =
  | { readonly op: "add"; readonly name: string; readonly value: string }
  | { readonly op: "setMaxSize"; readonly size: number }
  | { readonly op: "get"; readonly index: number };

export interface TableInput {
  /** Passed to the constructor when set. */
  readonly maxSize?: number;
  readonly ops: readonly TableOp[];
}

/** After each operation: the table, and for `get` the entry. Stops at the first error. */
export type TableStep = { readonly table: TableState; readonly got?: Header } | Failed;

// ---------------------------------------------------------------------------
// `decode`: one Decoder, block after block

export interface DecodeInput {
  /** Passed to the constructor when set. */
  readonly maxTableSize?: number;
  readonly blocks: readonly string[];
}

/** Per block: the header list and the table after it. Stops at the first error. */
export type DecodeStep = { readonly headers: Header[]; readonly table: TableState } | Failed;

/** `decodeRuns`: several independent `decode` runs in one sandbox call. */
export interface DecodeRunsInput {
  readonly runs: readonly DecodeInput[];
}

// ---------------------------------------------------------------------------
// `encode`: one Encoder (and optionally one Decoder), block after block

export interface EncodeBlock {
  readonly headers: readonly HeaderSpec[];
  /** Passed as `{ huffman }` when set. */
  readonly huffman?: boolean;
  /** Calls `setMaxTableSize(n)` on the encoder before this block (for each n, in order). */
  readonly setMaxTableSize?: number | readonly number[];
}

export interface EncodeInput {
  /** Passed to the Encoder's (and Decoder's) constructor when set. */
  readonly maxTableSize?: number;
  readonly blocks: readonly EncodeBlock[];
  /** Also decode each block with the learner's own Decoder. */
  readonly decode?: boolean;
}

/** Per block: the bytes, the encoder's table after it, and with `decode` what the learner's decoder made of them. */
export type EncodeStep =
  | { readonly hex: string; readonly table: TableState; readonly decoded?: DecodeStep }
  | Failed;

// ---------------------------------------------------------------------------
// `demo`: the site's viewer and `wirelab run hpack`

export interface HpackDemoResult {
  /** A few human lines, e.g. "4 blocks, 812 header bytes → 301 encoded (37%)". */
  summary: string;
  blocks: HpackDemoBlock[];
}

export interface HpackDemoBlock {
  /** The list encoded. */
  headers: [string, string][];
  /** The learner encoder's output, lowercase hex, no spaces. */
  hex: string;
  /** Byte ranges of `hex` with what they mean. */
  fields: HpackFieldNote[];
  /** The learner DECODER's dynamic table after the block (index 62 first). */
  table: { index: number; name: string; value: string; size: number }[];
  tableSize: number;
  maxTableSize: number;
  /** What the learner's decoder made of `hex`. */
  decoded: [string, string][] | { error: string };
}

export interface HpackFieldNote {
  /** Bytes of the block. */
  offset: number;
  length: number;
  kind:
    | "indexed"
    | "literal-indexed"
    | "literal-not-indexed"
    | "literal-never-indexed"
    | "size-update"
    | "name"
    | "value"
    | "unparsed";
  /** e.g. "Indexed field 2 → :method: GET", "Huffman string, 11 bytes → www.example.com". */
  text: string;
}
