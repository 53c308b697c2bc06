/**
 * The JSON shapes that pass between this lab's tests and its harness. Types
 * only: both sides import them with `import type`, so no code is shared
 * across the sandbox boundary.
 */

/** The two framing schemes of the lab. */
export type Scheme = "length-prefixed" | "slip";

/**
 * Bytes in an input: hex text ("00 05 68 69"), or, for big payloads,
 * `counter` bytes counting up from `start` (default 0) modulo 256, which
 * passes through every byte value, END and ESC included.
 */
export type ByteSpec = string | { readonly counter: number; readonly start?: number };

/** Bytes in a result: hex text, or a summary when long (over 1024 bytes, see harness.ts). */
export type Reported = string | BytesSummary;

/** A long byte string, compared by length, ends and an FNV-1a hash of its bytes. */
export interface BytesSummary {
  readonly length: number;
  /** Hex of the first 16 bytes. */
  readonly head: string;
  /** Hex of the last 16 bytes. */
  readonly tail: string;
  /** 64-bit FNV-1a over the bytes (each byte as one code unit), 16 hex digits. */
  readonly fnv: string;
}

/** Something the learner's code threw: its message, and whether it was the learner's own FramingError. */
export interface Thrown {
  readonly error: string;
  /** True for an instance of the module's exported FramingError (or a subclass). */
  readonly framing: boolean;
}

/** `encode`: runs the learner's encoder on each payload. */
export interface EncodeInput {
  readonly scheme: Scheme;
  readonly payloads: readonly ByteSpec[];
  /** Passed as the encoder's second argument when set. */
  readonly maxFrame?: number;
  /**
   * Hand payload i over as a view at byteOffset `views[i % views.length]`
   * of a larger buffer whose other bytes are guard bytes.
   */
  readonly views?: readonly number[];
  /** Also report every result again after the last call, to catch results that changed later. */
  readonly recheck?: boolean;
}

/** What the encoder gave for one payload. `changed`: it wrote to the payload's buffer. */
export type Encoded = ({ readonly bytes: Reported; readonly later?: Reported } | Thrown) & { readonly changed?: true };

/** One result per payload: the encoded bytes, or what the encoder threw. */
export type EncodeResult = readonly Encoded[];

/** `decode`: one decoder, fed chunk by chunk. */
export interface DecodeInput {
  readonly scheme: Scheme;
  readonly chunks: readonly ByteSpec[];
  /** Passed to the decoder's constructor when set. */
  readonly maxFrame?: number;
  /** Call `end()` after the last chunk (default true). */
  readonly end?: boolean;
  /**
   * Hand every chunk over in one reused buffer, overwritten after each push
   * (as a program reading a socket into one buffer does).
   */
  readonly reuseChunks?: boolean;
  /** Also report every frame again after the last call (of all runs), to catch frames that changed later. */
  readonly recheck?: boolean;
  /**
   * Hand chunk i over as a view at byteOffset `views[i % views.length]` of a
   * larger buffer whose other bytes are guard bytes (DB).
   */
  readonly views?: readonly number[];
}

/** What one push gave: the frames it returned, or what it threw. `changed`: it wrote to the chunk's buffer. */
export type StepResult = ({ readonly frames: readonly Reported[] } | Thrown) & { readonly changed?: true };

/** The result of a `decode` run. Steps stop at the first push that threw. */
export interface DecodeResult {
  readonly steps: readonly StepResult[];
  /** What `end()` did; absent when it was not called (not asked for, or a push threw). */
  readonly end?: "ok" | Thrown;
  /** With `recheck`: every returned frame as it is after the last call, step by step. */
  readonly later?: readonly (readonly Reported[])[];
  /**
   * After the first throw (from a push or end()): what one more push of a
   * valid frame, and then end(), did. A failed decoder must keep throwing.
   */
  readonly after?: { readonly probe: string; readonly push: StepResult; readonly end: "ok" | Thrown };
}

/** `decodeRuns`: several independent `decode` runs in one sandbox call. */
export interface DecodeRunsInput {
  readonly runs: readonly DecodeInput[];
  /**
   * Create every run's decoder first, then push one chunk to each in turn
   * (run 1, run 2, ..., run 1, ...), so decoders of one class are used interleaved.
   */
  readonly interleave?: boolean;
}

/** `stream`: encode, send over a simulated byte stream, decode on the far side. */
export interface StreamInput {
  readonly scheme: Scheme;
  readonly messages: readonly ByteSpec[];
  /** The network's seed: it decides where the stream cuts the bytes. */
  readonly seed: number;
  /** Largest chunk the stream delivers (default 1460). */
  readonly maxChunk?: number;
  /** Passed to the encoder and the decoder when set. */
  readonly maxFrame?: number;
  /**
   * The bytes to write for each message, encoded by the test: then the
   * learner's encoder is not called, and only their decoder is tested.
   */
  readonly encoded?: readonly ByteSpec[];
  /** Also report how many frames each push returned (`framesPerPush`): the chapter's simulation draws them per chunk. */
  readonly perPush?: boolean;
}

/** The result of a `stream` run. */
export interface StreamResult {
  /** The frames the far side decoded, in order, up to any error. */
  readonly frames: readonly Reported[];
  /** The size of every chunk the far side received, in order. */
  readonly chunkSizes: readonly number[];
  /** The first exception: from the encoder (`message` is its index) or a push (`chunk` is its index). */
  readonly error?:
    | { readonly during: "encode"; readonly message: number; readonly error: string }
    | {
        readonly during: "push";
        readonly chunk: number;
        readonly error: string;
      };
  /** What `end()` did after the stream drained; absent after an error. */
  readonly end?: "ok" | Thrown;
  /** With `perPush`: how many of `frames` each push returned, one number per push that returned. */
  readonly framesPerPush?: readonly number[];
}
