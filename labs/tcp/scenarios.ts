/**
 * The JSON shapes that pass between this lab's tests and its harness. Types
 * only: both sides import them with `import type`. Segments are hex text of
 * the TCP header and data (no IP header); addresses are dotted text.
 */

/** A Connection's configuration as plain data (the harness builds the learner's TcpConfig from it). */
export interface ConfigSpec {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly iss: number;
  readonly window: number;
  readonly mss: number;
  readonly rtoMs: number;
  readonly mslMs: number;
}

/** One thing that happens to the connection. */
export type Step =
  | { readonly do: "listen" | "connect" | "close" }
  | { readonly do: "send"; readonly hex: string }
  | { readonly do: "segment"; readonly hex: string }
  /** Let `ms` of virtual time pass, firing the timers that fall due. */
  | { readonly do: "wait"; readonly ms: number };

/** `script`: one Connection, the steps in order. */
export interface ScriptInput {
  readonly config: ConfigSpec;
  readonly steps: readonly Step[];
}

/** A segment the connection sent, and when (virtual ms since the start). */
export interface SentView {
  readonly atMs: number;
  readonly hex: string;
}

/** What one step caused. */
export interface StepResult {
  readonly sent: readonly SentView[];
  /** Everything delivered to the application during the step, concatenated (hex). */
  readonly delivered: string;
  /** `state` read after the step (a string, or what it was instead). */
  readonly state: string;
  /** What the learner's code threw, if it did (the script stops there). */
  readonly error?: string;
}

/** `pair`: two Connections over the runtime's simulated link. */
export interface PairInput {
  readonly seed: number;
  /** A runtime link profile name, or a Bernoulli loss rate with a fixed delay. */
  readonly link: { readonly profile: string } | { readonly loss: number; readonly delayMs: number };
  /** The client's and the server's configurations (each names the other as remote). */
  readonly client: ConfigSpec;
  readonly server: ConfigSpec;
  /** What each side sends once established (hex); the client then closes, the server closes on CLOSE-WAIT. */
  readonly clientData: string;
  readonly serverData: string;
  /** Virtual time to run for, in ms. */
  readonly untilMs: number;
}

export interface PairSide {
  readonly delivered: string;
  readonly state: string;
  /** Segments it sent. */
  readonly segments: number;
  /** When it reached CLOSED (virtual ms), or null. */
  readonly closedAtMs: number | null;
  readonly error?: string;
}

export interface PairResult {
  readonly client: PairSide;
  readonly server: PairSide;
  /** Every segment on the wire, in order: who sent it, when, its hex; dropped ones marked. */
  readonly wire: readonly { readonly from: "client" | "server"; readonly atMs: number; readonly hex: string; readonly lost: boolean }[];
}
