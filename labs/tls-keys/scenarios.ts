/**
 * The JSON shapes that pass between this lab's tests and its harness. Types
 * only: both sides import them with `import type`. Bytes are hex text.
 */
import type { Tls13SuiteName } from "#runtime/crypto/tls13-suites.ts";

export type HashName = "SHA-256" | "SHA-384";
export type SuiteName = Tls13SuiteName;

/** One call of one of the learner's functions. */
export type Call =
  | { readonly fn: "hkdfExtract"; readonly hash: HashName; readonly salt: string; readonly ikm: string }
  | { readonly fn: "hkdfExpand"; readonly hash: HashName; readonly prk: string; readonly info: string; readonly length: number }
  | { readonly fn: "hkdfExpandLabel"; readonly hash: HashName; readonly secret: string; readonly label: string; readonly context: string; readonly length: number }
  | { readonly fn: "deriveSecret"; readonly hash: HashName; readonly secret: string; readonly label: string; readonly messages: readonly string[] }
  | { readonly fn: "resumptionPsk"; readonly hash: HashName; readonly secret: string; readonly ticketNonce: string }
  | { readonly fn: "trafficKeys"; readonly suite: SuiteName; readonly secret: string }
  | { readonly fn: "recordNonce"; readonly iv: string; readonly sequenceNumber: string };

/** `calls`: each call's bytes hex (trafficKeys: key and iv), or what it threw. */
export interface CallsInput {
  readonly calls: readonly Call[];
  /** Hand every byte argument over as a view at this offset into a larger buffer of guard bytes. */
  readonly offset?: number;
}

export interface CallResult {
  readonly bytes?: string;
  readonly key?: string;
  readonly iv?: string;
  readonly error?: string;
  /** An argument (by name) the function changed, and what it became. */
  readonly changed?: string;
}

/** `schedule`: keySchedule on one handshake. */
export interface ScheduleInput {
  readonly suite: SuiteName;
  readonly psk: string | null;
  readonly ecdhe: string | null;
  readonly clientHello: string;
  readonly serverHello: string;
  readonly serverMessages: readonly string[];
}

export const SECRET_NAMES = [
  "earlySecret",
  "handshakeSecret",
  "clientHandshakeTrafficSecret",
  "serverHandshakeTrafficSecret",
  "serverFinished",
  "masterSecret",
  "clientApplicationTrafficSecret",
  "serverApplicationTrafficSecret",
  "exporterMasterSecret",
  "clientFinished",
  "resumptionMasterSecret",
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

export interface ScheduleResult {
  readonly secrets?: Readonly<Record<SecretName, string>>;
  readonly error?: string;
  readonly changed?: string;
}

/** `record`: a RecordKeys driven through steps; after each step, what it shows. */
export interface RecordInput {
  readonly suite: SuiteName;
  readonly secret: string;
  readonly steps: readonly ("nonce" | "update")[];
  /** Run this many RecordKeys side by side, each with its own secret (secret with its last byte + i), steps interleaved. */
  readonly instances?: number;
}

export interface RecordView {
  readonly instance: number;
  readonly step: "start" | "nonce" | "update";
  readonly secret: string;
  readonly key: string;
  readonly iv: string;
  readonly nonce?: string;
}

export interface RecordResult {
  readonly views: readonly RecordView[];
  readonly error?: string;
}

/** `tree`: keySchedule on one handshake and RecordKeys on each of several secrets, in one run (the chapter's key schedule picture). */
export interface TreeInput {
  readonly schedule: ScheduleInput;
  readonly records: readonly RecordInput[];
}

export interface TreeResult {
  readonly schedule: ScheduleResult;
  readonly records: readonly RecordResult[];
}
