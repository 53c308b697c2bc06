/**
 * The JSON shapes that pass between this lab's tests and its harness. Types
 * only: both sides import them with `import type`. Octets are hex text;
 * field names, values and start-line parts are Latin-1 text (one character
 * per octet).
 */

export type FieldView = [name: string, value: string];

/** A message as the learner's code gives it (parse) or takes it (serialize). */
export interface MessageView {
  readonly method: string | null;
  readonly target: string | null;
  readonly status: number | null;
  readonly reason: string | null;
  readonly version: string;
  readonly fields: FieldView[];
  /** hex */
  readonly body: string;
  readonly trailers: FieldView[];
}

export interface LimitsSpec {
  readonly maxLineLength?: number;
  readonly maxFields?: number;
  readonly maxBodySize?: number;
}

/** One stream through one new Parser. */
export interface ParseCase {
  readonly role: "request" | "response";
  readonly limits?: LimitsSpec;
  /** Response parsers: requestMethod() is called with each, in order, before the first push. */
  readonly methods?: readonly string[];
  /** The stream, cut into pushes (hex each). */
  readonly chunks: readonly string[];
  /** Call end() after the last push (when nothing failed). */
  readonly end?: boolean;
  /** Hand each chunk over as a view at this byteOffset of a larger buffer of guard octets. */
  readonly offset?: number;
  /** After an error, push this (hex), then call end(), and report what each did. */
  readonly afterError?: string;
}

/** A message and the push that completed it (its chunk index, or "end"). */
export interface Parsed extends MessageView {
  readonly at: number | "end";
}

export interface ParseOutcome {
  readonly messages: Parsed[];
  /** The HttpError's kind (or what was thrown instead) and where. */
  readonly error?: { readonly kind: string; readonly message: string; readonly at: number | "end" };
  /** What the push after the error did: the kind it threw again, or "returned". */
  readonly again?: string;
  /** What end() did after that push: the kind it threw, or "returned". */
  readonly againEnd?: string;
  /** A chunk the parser changed (hex), if it did. */
  readonly changedInput?: string;
  /** Bodies re-read after the whole stream, if they changed since they were returned (index → hex). */
  readonly later?: Record<number, string>;
}

export interface ParseInput {
  readonly cases: readonly ParseCase[];
}

export interface SerializeInput {
  readonly messages: readonly MessageView[];
  readonly offset?: number;
}

/** The octets serialize() wrote (hex), or what it threw. */
export interface Serialized {
  readonly hex?: string;
  readonly error?: string;
  /** The octets re-read after every call, if they changed since. */
  readonly later?: string;
}
