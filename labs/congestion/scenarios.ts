/**
 * The shapes of the congestion lab's scenarios: plain JSON in, plain JSON
 * out, shared by the harness (in the sandbox) and the tests (outside it).
 */

/** The options every controller is built with. */
export interface ControllerOptions {
  readonly smss: number;
  readonly minRtoMs?: number;
  readonly granularityMs?: number;
}

/** What the sender reports with an event (byte offsets from 0). */
export interface InfoInput {
  readonly flightSize: number;
  readonly ack: number;
  readonly highestSent: number;
}

/** One event fed to the learner's controller by the `events` scenario. */
export type ControllerEvent =
  /** Overwrite the controller's public state, as if earlier events had led there. */
  | { readonly kind: "set"; readonly cwnd?: number; readonly ssthresh?: number }
  | { readonly kind: "newAck"; readonly bytes: number; readonly info: InfoInput }
  | { readonly kind: "dupAck"; readonly count: number; readonly info: InfoInput }
  | { readonly kind: "timeout"; readonly info: InfoInput }
  /** An RTT measurement; `retransmitted` (default false) says the timed segment was sent again before its ACK came. */
  | { readonly kind: "rtt"; readonly ms: number; readonly retransmitted?: boolean };

/** `events`: build a controller, feed it events, report its state after each. */
export interface EventsInput {
  readonly options: ControllerOptions;
  readonly events: readonly ControllerEvent[];
}

/** The controller's state after construction (first) and after each event. */
export interface ControllerState {
  /** cwnd in bytes, or a description of the non-number found. */
  readonly cwnd: number | string;
  /** ssthresh in bytes; null when infinite ("arbitrarily high"). */
  readonly ssthresh: number | null | string;
  /** rto() in ms, or what it returned or threw. */
  readonly rto: number | string;
  /** What an ACK handler answered (null for other events). */
  readonly retransmit: boolean | null;
  /** What the learner's code threw, if it did (the run stops there). */
  readonly error?: string;
}

export type EventsResult = readonly ControllerState[];

/** `bulk`: a transfer over a bottleneck link with a drop-tail queue. */
export interface BulkInput {
  readonly seed: number;
  readonly smss: number;
  readonly totalBytes: number;
  /** Bottleneck rate in bits per second. */
  readonly rate: number;
  /** One-way propagation delay each way, ms. */
  readonly delayMs: number;
  /** Drop-tail queue at the bottleneck, bytes. */
  readonly queueBytes: number;
  readonly untilMs: number;
  /**
   * Scripted losses, like clicking a packet in an applet: the byte offsets
   * of segments whose first transmission is dropped before it reaches the
   * link (retransmissions of them go through). Default: none.
   */
  readonly drop?: readonly number[];
  /**
   * Scripted losses of retransmissions: each entry drops the next
   * retransmission of the segment at that byte offset (list an offset twice
   * to drop two). With `drop`, this makes a fast retransmit fail, so the
   * retransmission timer has to repair the loss. Default: none.
   */
  readonly dropResent?: readonly number[];
  /** Windows of virtual time in which every data segment sent is lost (an outage). Default: none. */
  readonly blackouts?: readonly { readonly fromMs: number; readonly toMs: number }[];
  /** Include `calls` in the result (default false: a long run's calls are large). */
  readonly calls?: boolean;
  /** Leave the ladder out of the result (`ladder` is then empty): for checks that need only counts, series and times. */
  readonly summary?: boolean;
}

/** One call the sender made to the controller in a bulk run, with the controller's state after it (like the `events` scenario's). */
export interface CallRecord {
  /** Virtual ms. */
  readonly t: number;
  readonly event: ControllerEvent;
  readonly state: ControllerState;
}

/** What a packet of the ladder carries: a data segment (sender → receiver) or an ACK (receiver → sender). */
export type LadderPacket =
  /** `offset`: the byte offset of the segment's first data byte; `length`: its data bytes. */
  | { readonly dir: "data"; readonly offset: number; readonly length: number }
  /** `ack`: the cumulative ACK, the next byte offset the receiver expects. */
  | { readonly dir: "ack"; readonly ack: number };

/**
 * One thing that happened, the plain shape of a time-sequence ("ladder")
 * diagram, as in the arq lab: `t` in virtual ms; `packet` is the runtime's
 * packet id, so the events of one packet can be joined (-1 for a segment
 * the scenario dropped before it reached the link).
 */
export type LadderEvent =
  /** The sender sent a segment (`retransmission`: those bytes were sent before), or the receiver sent an ACK. */
  | ({ readonly kind: "send"; readonly t: number; readonly packet: number; readonly retransmission?: boolean } & LadderPacket)
  /** The packet reached the far end of the link. */
  | ({ readonly kind: "arrive"; readonly t: number; readonly packet: number } & LadderPacket)
  /** The packet was lost: "queue-full" (the drop-tail queue at the bottleneck), "scripted" (the scenario's `drop` or `dropResent`), "blackout", or another runtime reason. */
  | ({ readonly kind: "drop"; readonly t: number; readonly packet: number; readonly reason: string } & LadderPacket)
  /** The sender's retransmission timer expired with `una` the oldest unacknowledged offset. */
  | { readonly kind: "timeout"; readonly t: number; readonly una: number };

/** One point of the cwnd plot. */
export interface WindowPoint {
  readonly timeMs: number;
  readonly cwnd: number;
  /** null while ssthresh is infinite. */
  readonly ssthresh: number | null;
}

export interface BulkResult {
  /** Virtual ms when every byte was acknowledged, or null if the run ended first. */
  readonly finishedAtMs: number | null;
  readonly ackedBytes: number;
  /** Acknowledged bits per second over the bottleneck rate, up to the finish (or the end). */
  readonly goodput: number;
  readonly counts: {
    readonly segments: number;
    readonly retransmissions: number;
    readonly fastRetransmits: number;
    readonly partialRetransmits: number;
    readonly timeouts: number;
    /** Data packets dropped by the full bottleneck queue. */
    readonly queueDrops: number;
    /** First transmissions dropped by the scenario's `drop` script. */
    readonly scriptedDrops: number;
  };
  /** Loss responses (a duplicate ACK or a timeout) that cut cwnd below 80% of what it was: the teeth of the saw. */
  readonly reductions: number;
  readonly maxQueueBytes: number;
  /** Largest cwnd seen, bytes. */
  readonly maxCwnd: number;
  /** cwnd and ssthresh over time (capped at 8000 points; `truncated` says so). */
  readonly series: readonly WindowPoint[];
  readonly truncated: boolean;
  /** The run's loss events ("12.3 ms dup-ack: ack 5000 (#3), cwnd 7000"), the first 400, for failure messages. */
  readonly log: readonly string[];
  /**
   * The ladder: every segment, ACK, loss and timeout, in order, from the
   * start of the run, capped at its first 4000 events (`ladderTruncated` says
   * the run had more).
   */
  readonly ladder: readonly LadderEvent[];
  readonly ladderTruncated: boolean;
  /**
   * With `input.calls`: every call the sender made to the controller, in
   * order (capped at the first 30000; `callsTruncated` says so). Feed them to
   * the `events` scenario to replay.
   */
  readonly calls?: readonly CallRecord[];
  /** The controller's state when it was built, before the first call. */
  readonly initial: ControllerState;
  /** `tenths[k]`: virtual ms when the cumulative ACK first reached (k + 1)/10 of the data, or null if it never did. */
  readonly tenths: readonly (number | null)[];
  readonly callsTruncated: boolean;
}
