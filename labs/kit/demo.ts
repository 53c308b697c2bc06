/**
 * What every lab's `demo` scenario takes and gives: the workbench's Run
 * button (and terminal `run`) and `wirelab run`. Plain data, so it crosses
 * the sandbox boundary. Each lab fills in the pictures that fit it.
 */

export interface DemoInput {
  readonly seed: number;
  /** A runtime link profile (LINK_PROFILES) for the lab's main link, where the lab has one. */
  readonly profile?: string;
  /** Packets to drop in this run, by the `dropKey` of a {@link LadderPacketView} from an earlier run. */
  readonly drop?: readonly string[];
}

export interface DemoResult {
  /** Lines for the terminal. */
  readonly summary: readonly string[] | string;
  /** The run's capture, pcapng, base64-encoded. */
  readonly pcap?: string;
  /** A time-sequence diagram of the run. */
  readonly ladder?: LadderView;
  /** cwnd and ssthresh over time (congestion). */
  readonly series?: readonly { readonly timeMs: number; readonly cwnd: number; readonly ssthresh: number | null }[];
  /** When the transfer ended, ms: the plot's time axis runs to here even when cwnd stopped changing long before. */
  readonly endMs?: number;
  /** Where the plot of `series` shades fast recovery: from the fast retransmit to the ACK that covers `recover` (RFC 6582 §3.2). */
  readonly recoveries?: readonly { readonly fromMs: number; readonly toMs: number }[];
  /** When the retransmission timer fired (RFC 6298 §5.4), ms. */
  readonly timeoutsMs?: readonly number[];
  /** What the path holds, bytes: the bandwidth-delay product plus the bottleneck queue. A cwnd above it fills the queue and loses packets. */
  readonly path?: { readonly bdpBytes: number; readonly queueBytes: number };
}

/** A two-party time-sequence ("ladder") diagram. */
export interface LadderView {
  /** The two ends: the left and right vertical lines. */
  readonly left: string;
  readonly right: string;
  readonly packets: readonly LadderPacketView[];
  /** Things that happen at one end: timeouts, deliveries. */
  readonly marks: readonly LadderMark[];
  /** Events were left out after this many ms (the run was long). */
  readonly truncatedAtMs?: number;
  /**
   * Set for a run with no link delay (a test's script fed to one end, where
   * everything in one step happens at the same instant): the times of the
   * packets and marks are then rows, one per event in order, not ms, and
   * `steps[n - 1]` is the row where the script's step n starts. The axis
   * shows the steps; the labels say the virtual time where it matters.
   */
  readonly order?: { readonly steps: readonly number[] };
}

export interface LadderPacketView {
  /** The runtime's packet id. */
  readonly id: number;
  readonly from: "left" | "right";
  /** "DATA 3", "ACK 4001". */
  readonly label: string;
  readonly sentMs: number;
  /** When it arrived, or null when it was lost. */
  readonly arrivedMs: number | null;
  /** Why it was lost ("queue-full", "loss", "dropped by you"). */
  readonly lost?: string;
  readonly corrupted?: boolean;
  readonly retransmission?: boolean;
  /** Present when the learner can drop this packet in the next run (a first transmission). */
  readonly dropKey?: string;
}

export interface LadderMark {
  readonly t: number;
  readonly side: "left" | "right";
  readonly kind: "timeout" | "deliver" | "note";
  readonly label: string;
}
