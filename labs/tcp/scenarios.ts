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

/**
 * One thing in a `script` run, for the picture of a failing test's run
 * (labs/kit/trace.ts): the test's segments arrive from the right, the
 * connection's leave from the left. `step` is the script step (1-based).
 */
export type ScriptEvent =
  | { readonly kind: "step"; readonly step: number; readonly atMs: number; readonly what: string }
  | { readonly kind: "in" | "out"; readonly step: number; readonly atMs: number; readonly hex: string }
  | { readonly kind: "timer"; readonly step: number; readonly atMs: number; readonly key: number }
  | { readonly kind: "deliver"; readonly step: number; readonly atMs: number; readonly bytes: number }
  | { readonly kind: "error"; readonly step: number; readonly atMs: number; readonly message: string };

/** `script`'s result: what each step caused, and the run as events (a traced run). */
export interface ScriptResult {
  readonly steps: readonly StepResult[];
  readonly ladder: readonly ScriptEvent[];
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
  /** Also report when each side delivered what (PairSide.deliveries): asked for only to explain a failure. */
  readonly deliveries?: boolean;
}

export interface PairSide {
  readonly delivered: string;
  readonly state: string;
  /** Segments it sent. */
  readonly segments: number;
  /** When it reached CLOSED (virtual ms), or null. */
  readonly closedAtMs: number | null;
  readonly error?: string;
  /** When the code threw `error` (virtual ms). */
  readonly errorAtMs?: number;
  /** With PairInput.deliveries: each deliver() call, when, and how many bytes had been delivered after it. */
  readonly deliveries?: readonly { readonly atMs: number; readonly total: number }[];
}

export interface PairResult {
  readonly client: PairSide;
  readonly server: PairSide;
  /**
   * Every segment on the wire, in order: who sent it, when, its hex, when it
   * arrived (null if it did not); dropped ones marked. Named `ladder` so the
   * workbench can draw a failing test's run (labs/kit/trace.ts).
   */
  readonly ladder: readonly WireSegment[];
}

export interface WireSegment {
  readonly from: "client" | "server";
  readonly atMs: number;
  readonly arrivedMs: number | null;
  readonly hex: string;
  readonly lost: boolean;
}
