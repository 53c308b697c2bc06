/**
 * The JSON shapes that pass between the ARQ lab's tests and its harness.
 * Types only: both sides import them with `import type`, so no code is
 * shared across the sandbox boundary. The ladder ({@link LadderEvent}) is
 * also what the site draws as a sequence ("ladder") diagram.
 */

/** The three protocols of the lab. */
export type Mode = "stop-and-wait" | "go-back-n" | "selective-repeat";

/** The options handed to the learner's Sender and Receiver. */
export interface ArqOptions {
  readonly mode: Mode;
  readonly window: number;
  readonly seqBits: number;
  readonly timeoutMs: number;
}

/**
 * Options as a test may send them to `construct` and `script`: any field may
 * be something the contract forbids (a fraction, an unknown mode), and the
 * numbers JSON cannot carry are written "NaN", "Infinity" or "-Infinity".
 */
export type OptionsInput = { readonly [K in keyof ArqOptions]: ArqOptions[K] | number | string };

/**
 * One direction of the link, as JSON: a built-in profile name, or fields in
 * the runtime's units (rate in bit/s, times in ms here: the harness converts),
 * optionally on top of a profile.
 */
export type LinkInput =
  | string
  | {
      readonly profile?: string;
      readonly rate?: number;
      readonly delayMs?: number;
      readonly jitterMs?: number;
      readonly queueBytes?: number;
      /** Independent (Bernoulli) loss probability. */
      readonly loss?: number;
      readonly duplicate?: number;
      readonly reorder?: number;
      readonly reorderDelayMs?: number;
      readonly corrupt?: number;
    };

/** `transfer`: send messages from a Sender to a Receiver over a simulated link. */
export interface TransferInput {
  readonly options: ArqOptions;
  /** The network's seed (losses, corruption, message contents). */
  readonly seed: number;
  /**
   * How many messages, and their sizes in bytes (at least 4: each message
   * starts with its index as a 4-byte big-endian number, so the harness
   * recognises it, followed by seeded random bytes).
   */
  readonly messages: {
    readonly count: number;
    readonly minBytes: number;
    readonly maxBytes: number;
    /** Exact sizes, one per message (overrides the random sizes; 0..3 bytes allowed, even empty messages). */
    readonly sizes?: readonly number[];
  };
  /** Sender → receiver. */
  readonly data: LinkInput;
  /** Receiver → sender (default: the same as `data`). */
  readonly acks?: LinkInput;
  /**
   * Packets the harness drops on purpose before they reach the link, like
   * clicking a packet in an applet: `data` lists message indices whose first
   * transmission is dropped; `dataSends` lists DATA packets by their order of sending, retransmissions
   * included (0 = the first DATA packet); `acks` lists ACKs by their order of sending (0 = the first ACK).
   */
  readonly kill?: { readonly data?: readonly number[]; readonly dataSends?: readonly number[]; readonly acks?: readonly number[] };
  /** Virtual time budget in ms (the run stops there). */
  readonly untilMs: number;
  /** Budget of simulator events (guards against endless timer loops). */
  readonly maxEvents: number;
  /** Return the ladder (default true; the ladder is capped, see {@link TransferResult.ladder}). */
  readonly ladder?: boolean;
}

/**
 * One thing that happened to a packet, a timer or a message: the plain shape
 * of a ladder diagram. `dir` is "data" for sender → receiver and "ack" for
 * receiver → sender. `packet` is the runtime's packet id, so events of one
 * packet can be joined; a duplicate copy gets its own id (given in `copy`).
 */
export type LadderEvent =
  /** The learner sent a packet; `type`/`seq` are parsed from its header (null if too short). */
  | {
      readonly kind: "send";
      readonly t: number;
      readonly dir: "data" | "ack";
      readonly packet: number;
      readonly type: number | null;
      readonly seq: number | null;
      /** DATA only: which message it carries (-1 when the payload is no offered message). */
      readonly message?: number;
      /** DATA only: that message was sent before. */
      readonly retransmission?: boolean;
      /** The header or checksum breaks the packet format (the test says how). */
      readonly malformed?: string;
      /** DATA only: which of the sender's methods sent it (only a timer may retransmit). */
      readonly cause?: "offer" | "packet" | "timer";
    }
  /** Lost: on the wire, in a full queue, dropped by IP, or killed by the scenario. */
  | { readonly kind: "lost"; readonly t: number; readonly dir: "data" | "ack"; readonly packet: number; readonly reason: string }
  /** The link flipped bits in the packet. */
  | { readonly kind: "corrupted"; readonly t: number; readonly dir: "data" | "ack"; readonly packet: number }
  /** The link delivered the packet twice; the copy is packet `copy`. */
  | { readonly kind: "duplicated"; readonly t: number; readonly dir: "data" | "ack"; readonly packet: number; readonly copy: number }
  /**
   * The packet reached the learner's onPacket on the far side; `type`/`seq`
   * as its header now reads (null if too short), `intact` false when its
   * checksum no longer verifies (it was corrupted on the way).
   */
  | {
      readonly kind: "arrive";
      readonly t: number;
      readonly dir: "data" | "ack";
      readonly packet: number;
      readonly type: number | null;
      readonly seq: number | null;
      readonly intact: boolean;
      /** DATA: the ACK numbers the receiver sent while handling it, in order (null: a malformed ACK). */
      readonly replies?: readonly (number | null)[];
      /** DATA: how many messages the receiver delivered while handling it. */
      readonly delivered?: number;
      /** ACK: the oldest message not yet acknowledged once this ACK has arrived (as the harness counts). */
      readonly acked?: number;
    }
  /** The sender's timer `key` fired; `resent` DATA packets were sent by its onTimer. */
  | { readonly kind: "timeout"; readonly t: number; readonly key: number; readonly resent?: number }
  /** The receiver delivered message `message` (-1: bytes that are no offered message). */
  | { readonly kind: "deliver"; readonly t: number; readonly message: number };

/** The result of a `transfer` run. */
export interface TransferResult {
  /** Indices of the delivered messages, in delivery order (-1 for bytes that are no offered message). */
  readonly delivered: readonly number[];
  /** Messages the sender accepted (offer returned true). */
  readonly offered: number;
  /** `done()` at the end of the run, after every message was offered. */
  readonly finished: boolean;
  /** Virtual ms when the last message was delivered (null if none). */
  readonly lastDeliveryMs: number | null;
  /** Virtual ms when the run ended. */
  readonly endMs: number;
  readonly counts: {
    readonly dataSent: number;
    readonly acksSent: number;
    /** DATA packets carrying a message sent before. */
    readonly retransmissions: number;
    /** Packets (either way) lost, killed or corrupted: each one forces a recovery. */
    readonly impaired: number;
    readonly timeouts: number;
  };
  /**
   * Delivered payload bits per second over the data link's rate: from the
   * start to the last delivery when every message arrived, else to the end
   * of the run (so a transfer larger than `untilMs` allows is timed over exactly `untilMs`).
   */
  readonly goodput: number;
  /**
   * The learner sent more than 30 packets per message (+ 2000): the harness
   * stopped carrying packets, and the run ended early.
   */
  readonly overBudget: boolean;
  /**
   * Most messages in flight at once, as the harness sees it: highest message
   * sent + 1 − oldest message whose acknowledgement had not reached the sender.
   */
  readonly maxOutstanding: number;
  /** Index in the ladder of the send that first reached `maxOutstanding` (null without a ladder). */
  readonly maxOutstandingAt: number | null;
  /** Index in the ladder of the first send that put more than `window` messages in flight (null: none, or no ladder). */
  readonly overflowAt: number | null;
  /** The first malformed packet the learner sent, if any. */
  readonly malformed: { readonly t: number; readonly dir: "data" | "ack"; readonly problem: string; readonly hex: string } | null;
  /** The ladder, capped at 3000 events (`truncated` says so). */
  readonly ladder: readonly LadderEvent[];
  readonly truncated: boolean;
}

/** `construct`: build a Sender and a Receiver with each options; report what threw. */
export interface ConstructInput {
  readonly cases: readonly OptionsInput[];
}

/** Per case: "ok", or the messages of what the constructors threw. */
export type ConstructResult = readonly { readonly sender: string; readonly receiver: string }[];

/** `checksum`: run the learner's internetChecksum on each hex input. */
export interface ChecksumInput {
  readonly inputs: readonly string[];
}

/** Per input: the number returned, or what was thrown. */
export type ChecksumResult = readonly ({ readonly value: number } | { readonly error: string })[];

/**
 * `script`: drive one Sender or Receiver alone, step by step, as CS144's
 * harness does: the test plays the other side by writing its packets.
 */
export interface ScriptInput {
  readonly options: OptionsInput;
  readonly role: "sender" | "receiver";
  readonly steps: readonly ScriptStep[];
}

/**
 * One step: offer a message of `offer` bytes (sender; its bytes are
 * {@link scriptMessage} of the offer's index), hand `packet` (hex) to
 * onPacket, or let `wait` ms of virtual time pass, firing the timers that fall due.
 */
export type ScriptStep = { readonly offer: number } | { readonly packet: string } | { readonly wait: number };

/** What one step caused. */
export interface ScriptStepResult {
  /** offer: what it returned ("true", "false", or a description of another value). */
  readonly returned?: string;
  /** What the call threw (offer, onPacket), as "Name: message". */
  readonly threw?: string;
  readonly events: readonly ScriptEvent[];
}

/** Something the learner's object did (or a timer that fired), at virtual time `t` ms. */
export type ScriptEvent =
  | { readonly t: number; readonly kind: "send"; readonly hex: string }
  | { readonly t: number; readonly kind: "deliver"; readonly hex: string }
  | { readonly t: number; readonly kind: "set-timer"; readonly key: number; readonly delayMs: number }
  | { readonly t: number; readonly kind: "cancel-timer"; readonly key: number }
  | { readonly t: number; readonly kind: "timeout"; readonly key: number };

/** Per step, in order. */
export type ScriptResult = readonly ScriptStepResult[];
