/**
 * The JSON shapes that pass between this lab's tests and its harness. Types
 * only: both sides import them with `import type`. Bytes are hex text.
 */

export type Role = "client" | "server";

/** One thing the test does to the learner's Connection. */
export type Step =
  /** receive() each chunk (hex) in turn, one call per chunk. */
  | { readonly receive: readonly string[] }
  /**
   * receive() one long frame built by the harness: `header` (hex, through
   * the masking key if any), then `length` payload bytes all equal to
   * `fill` (before masking), masked with the header's key if it has one;
   * the whole cut into chunks of `chop` bytes.
   */
  | { readonly big: { readonly header: string; readonly length: number; readonly fill: number; readonly chop: number } }
  | { readonly sendText: string }
  | { readonly sendBinary: string }
  | { readonly ping: string }
  | { readonly close: { readonly code: number; readonly reason?: string } };

export interface SessionInput {
  readonly role: Role;
  /** ConnectionOptions.maxMessageBytes (default 1 MiB). */
  readonly maxMessageBytes?: number;
  /** Seeds the masking keys maskKey() hands out. */
  readonly maskSeed: number;
  readonly steps: readonly Step[];
  /** Hand each chunk over as a view at this byteOffset of a larger buffer. */
  readonly offset?: number;
}

/** A payload as the test sees it: all of it in hex when short, else its length, first bytes and a hash. */
export interface PayloadView {
  readonly length: number;
  readonly hex: string;
  /** FNV-1a 64 of the bytes, for payloads longer than the hex shows. */
  readonly hash?: string;
}

export type EventView =
  | { readonly type: "text"; readonly text: string; readonly length: number; readonly hash?: string }
  | { readonly type: "binary" | "ping" | "pong"; readonly data: PayloadView }
  | { readonly type: "close"; readonly code: number | null; readonly reason: string }
  | { readonly type: "fail"; readonly code: number };

/** One call of the learner's code that did something: returned events or bytes, or threw. */
export interface CallResult {
  /** Which chunk of the step (0 for send, ping and close). */
  readonly chunk: number;
  readonly events: readonly EventView[];
  /** Every byte the call returned to send, in order, hex (whole frames, in any number of Uint8Arrays). */
  readonly sent: string;
  /** The masking keys maskKey() handed out during the call, hex. */
  readonly keys: readonly string[];
  /** What the call threw. */
  readonly error?: string;
}

export interface StepResult {
  /** Only the calls that returned events or bytes or threw. */
  readonly calls: readonly CallResult[];
  /** receive() changed the bytes it was given (they became this hex). */
  readonly changedInput?: string;
}

export interface SessionResult {
  readonly steps: readonly StepResult[];
  /** Returned bytes that changed after later calls ("step 2, call 1: event 1's data"). */
  readonly changedLater: readonly string[];
}

/** `accept`: acceptKey() for each key, with the harness's sha1 and base64. */
export interface AcceptInput {
  readonly keys: readonly string[];
}

export type AcceptResult = readonly ({ readonly accept: string } | { readonly error: string })[];
