/**
 * The tests' own model of RFC 5681 + RFC 6582 + RFC 6298, written from the
 * RFCs and the lab's contract (never from solution.ts). It does not give one
 * answer per event: where the RFCs leave a choice the instructions do not pin,
 * it accepts a range and then adopts the learner's value, so the next event
 * is judged from the learner's own (legal) state.
 *
 * Choices it accepts:
 * - congestion avoidance: RFC 5681 equation 3 (SMSS·SMSS/cwnd per ACK, any
 *   rounding) or byte counting (RFC 5681 §3.1's recommended method, RFC 3465):
 *   each ACK adds 0..SMSS; a run of ACKs adds at most about SMSS per cwnd of
 *   ACKs and at least about SMSS per two windows (see {@link caBounds});
 * - at cwnd = ssthresh: slow start or congestion avoidance (RFC 5681 §3.1);
 * - ssthresh = max(FlightSize/2, 2·SMSS) exactly or rounded down to an integer;
 * - an RTO cap of 60 s or more, or none (RFC 6298 §2.5).
 */
import type { ControllerEvent, ControllerOptions, ControllerState } from "#labs/congestion/scenarios.ts";
import { RULES } from "../rules.ts";

const INITIAL_RTO = 1000;
const RTO_CAP_LEAST = 60_000;

/** A run of congestion-avoidance ACKs: where it started and what it acknowledged. */
interface CaRun {
  readonly w0: number;
  acks: number;
  bytes: number;
}

/** What the model expected and what the learner's controller did, at one event. */
export interface Divergence {
  /** Index of the event (0-based) in the sequence. */
  readonly index: number;
  /** "cwnd", "ssthresh", "rto()" or "retransmit". */
  readonly what: string;
  readonly got: string;
  readonly expected: string;
  /** Why: the rule (with its RFC section). */
  readonly rule: string;
  /** What the model knew at that point ("in fast recovery, recover = 7999"). */
  readonly context: string;
}

export class RfcModel {
  cwnd: number;
  ssthresh = Infinity;
  inRecovery = false;
  /** RFC 6582 `recover` as a byte offset: the last byte sent when loss was detected (ISN = −1). */
  recover = -1;
  srtt: number | null = null;
  rttvar = 0;
  /** RTO with the floor and the backoff, before any cap. */
  rto = INITIAL_RTO;
  private run: CaRun | null = null;
  /** A partial ACK came in this recovery: the duplicate ACKs after it are counted 1, 2, 3 again. */
  private afterPartial = false;
  /** The last loss was a timeout in fast recovery: a learner who forgot to leave recovery fails on the ACKs after it. */
  private timedOutInRecovery = false;
  private readonly smss: number;
  private readonly minRto: number;
  private readonly g: number;

  constructor(options: ControllerOptions) {
    this.smss = options.smss;
    this.minRto = options.minRtoMs ?? 1000;
    this.g = options.granularityMs ?? 0;
    const s = options.smss;
    this.cwnd = s > 2190 ? 2 * s : s > 1095 ? 3 * s : 4 * s;
  }

  /** A one-line picture of the model's state, for failure messages. */
  describe(): string {
    const phase = this.inRecovery ? "in fast recovery" : this.cwnd < this.ssthresh ? "slow start" : "congestion avoidance";
    const srtt = this.srtt === null ? "no RTT sample yet" : `SRTT ${round(this.srtt)}, RTTVAR ${round(this.rttvar)}`;
    return `${phase}, cwnd ${round(this.cwnd)}, ssthresh ${this.ssthresh === Infinity ? "∞" : round(this.ssthresh)}, recover ${this.recover}, ${srtt}, RTO ${round(this.rto)}`;
  }

  /** Checks the state before any event (index −1). */
  checkInitial(got: ControllerState): Divergence | null {
    return (
      this.exact(-1, "cwnd", got.cwnd, this.cwnd, RULES.initialWindow, "the initial window") ??
      this.checkSsthresh(-1, got, "the start") ??
      this.checkRto(-1, got, RULES.rtoInitial, "before any RTT sample")
    );
  }

  /** Applies `event`, compares the learner's state after it with what the RFCs allow, adopts the learner's legal choices. */
  step(index: number, event: ControllerEvent, got: ControllerState): Divergence | null {
    const context = this.describe();
    if (typeof got.cwnd !== "number") return this.mismatch(index, "cwnd", String(got.cwnd), "a number of bytes", RULES.timeout, context);
    switch (event.kind) {
      case "set":
        if (event.cwnd !== undefined) this.cwnd = event.cwnd;
        if (event.ssthresh !== undefined) this.ssthresh = event.ssthresh;
        this.run = null;
        return null;
      case "newAck":
        return this.newAck(index, event.bytes, event.info.ack, got, context);
      case "dupAck":
        return this.dupAck(index, event.count, event.info.ack, event.info.flightSize, event.info.highestSent, got, context);
      case "timeout":
        return this.timeout(index, event.info.flightSize, event.info.highestSent, got, context);
      case "rtt":
        return this.rtt(index, event.ms, event.retransmitted === true, got, context);
    }
  }

  private newAck(index: number, bytes: number, ack: number, got: ControllerState, context: string): Divergence | null {
    const s = this.smss;
    const cwnd = got.cwnd as number;
    if (this.inRecovery) {
      this.run = null;
      if (ack > this.recover) {
        this.inRecovery = false;
        this.cwnd = this.ssthresh;
        return (
          this.answer(index, got, false, RULES.fullAck, context) ??
          this.exact(index, "cwnd", cwnd, this.ssthresh, RULES.fullAck, context) ??
          this.checkSsthresh(index, got, context) ??
          this.checkRto(index, got, RULES.rtoBackoff, context)
        );
      }
      this.cwnd = Math.max(this.cwnd - bytes + (bytes >= s ? s : 0), s);
      this.afterPartial = true;
      return (
        this.answer(index, got, true, RULES.partialAck, context) ??
        this.exact(index, "cwnd", cwnd, this.cwnd, RULES.partialAck, context) ??
        this.checkSsthresh(index, got, context) ??
        this.checkRto(index, got, RULES.rtoBackoff, context)
      );
    }
    const before = this.cwnd;
    const slowStart = before + Math.min(bytes, s);
    const ssRule = this.timedOutInRecovery ? `${RULES.timeoutInRecovery}; ${RULES.slowStart}` : RULES.slowStart;
    const common = () => this.answer(index, got, false, ssRule, context) ?? this.checkSsthresh(index, got, context) ?? this.checkRto(index, got, RULES.karn, context);
    if (before < this.ssthresh || (before === this.ssthresh && near(cwnd, slowStart))) {
      this.run = null;
      this.cwnd = slowStart;
      return common() ?? this.exact(index, "cwnd", cwnd, slowStart, ssRule, context);
    }
    // Congestion avoidance: an envelope, then the learner's value is the state.
    this.run ??= { w0: before, acks: 0, bytes: 0 };
    this.run.acks++;
    this.run.bytes += bytes;
    const { low, high } = caBounds(this.run, before, cwnd, s);
    const rule = before === this.ssthresh ? `${RULES.slowStart}; ${RULES.congestionAvoidance}` : RULES.congestionAvoidance;
    const expected =
      before === this.ssthresh
        ? `${round(slowStart)} (slow start) or congestion avoidance: ${round(low)} to ${round(high)}`
        : `${round(low)} to ${round(high)} (${this.run.acks} ACK${this.run.acks === 1 ? "" : "s"} of ${this.run.bytes} bytes since congestion avoidance began at cwnd ${round(this.run.w0)})`;
    const result = common() ?? (cwnd < low - 1e-6 || cwnd > high + 1e-6 ? this.mismatch(index, "cwnd", round(cwnd), expected, rule, context) : null);
    this.cwnd = cwnd;
    return result;
  }

  private dupAck(index: number, count: number, ack: number, flight: number, highestSent: number, got: ControllerState, context: string): Divergence | null {
    const s = this.smss;
    if (this.inRecovery) {
      this.cwnd += s;
      const rule = this.afterPartial ? RULES.dupAfterPartial : RULES.inflate;
      return (
        this.answer(index, got, false, rule, context) ??
        this.exact(index, "cwnd", got.cwnd as number, this.cwnd, rule, context) ??
        this.checkSsthresh(index, got, context) ??
        this.checkRto(index, got, RULES.rtoBackoff, context)
      );
    }
    if (count === 3 && ack > this.recover) {
      this.run = null;
      const ssthresh = Math.max(flight / 2, 2 * s);
      const wrong = this.checkSsthreshValue(index, got, ssthresh, RULES.fastRetransmit, context);
      this.ssthresh = typeof got.ssthresh === "number" && wrong === null ? got.ssthresh : ssthresh;
      this.cwnd = this.ssthresh + 3 * s;
      this.inRecovery = true;
      this.afterPartial = false;
      this.timedOutInRecovery = false;
      this.recover = highestSent - 1;
      return (
        this.answer(index, got, true, RULES.fastRetransmit, context) ??
        wrong ??
        this.exact(index, "cwnd", got.cwnd as number, this.cwnd, RULES.fastRetransmit, context) ??
        this.checkRto(index, got, RULES.rtoBackoff, context)
      );
    }
    const rule = count === 3 ? RULES.recoverGuard : count < 3 ? RULES.fastRetransmit : RULES.beyondThird;
    return (
      this.answer(index, got, false, rule, context) ??
      this.exact(index, "cwnd", got.cwnd as number, this.cwnd, rule, context) ??
      this.checkSsthresh(index, got, context) ??
      this.checkRto(index, got, RULES.rtoBackoff, context)
    );
  }

  private timeout(index: number, flight: number, highestSent: number, got: ControllerState, context: string): Divergence | null {
    this.run = null;
    this.timedOutInRecovery = this.inRecovery;
    const ssthresh = Math.max(flight / 2, 2 * this.smss);
    const wrong = this.checkSsthreshValue(index, got, ssthresh, RULES.timeout, context);
    this.ssthresh = typeof got.ssthresh === "number" && wrong === null ? got.ssthresh : ssthresh;
    this.cwnd = this.smss;
    this.inRecovery = false;
    this.recover = highestSent - 1;
    this.rto *= 2;
    const rule = context.startsWith("in fast recovery") ? `${RULES.timeout}; ${RULES.timeoutInRecovery}` : RULES.timeout;
    return wrong ?? this.exact(index, "cwnd", got.cwnd as number, this.smss, rule, context) ?? this.checkRto(index, got, RULES.rtoBackoff, context);
  }

  private rtt(index: number, sample: number, retransmitted: boolean, got: ControllerState, context: string): Divergence | null {
    let rule: string = RULES.karn;
    if (!retransmitted) {
      if (this.srtt === null) {
        this.srtt = sample;
        this.rttvar = sample / 2;
        rule = `${RULES.rtoFirst}; ${RULES.rtoFloor}`;
      } else {
        this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - sample);
        this.srtt = 0.875 * this.srtt + 0.125 * sample;
        rule = `${RULES.rtoNext}; ${RULES.rtoFloor}`;
      }
      this.rto = Math.max(this.srtt + Math.max(this.g, 4 * this.rttvar), this.minRto);
    }
    return (
      this.exact(index, "cwnd", got.cwnd as number, this.cwnd, "an RTT sample changes the timer only, never cwnd", context) ??
      this.checkSsthresh(index, got, context) ??
      this.checkRto(index, got, rule, context)
    );
  }

  // -------------------------------------------------------------------------

  /** RFC 5681 equation 4: `ssthresh` exactly, or rounded down to an integer. */
  private checkSsthreshValue(index: number, got: ControllerState, ssthresh: number, rule: string, context: string): Divergence | null {
    const value = got.ssthresh;
    if (typeof value === "number" && (near(value, ssthresh) || value === Math.floor(ssthresh))) return null;
    const exact = round(ssthresh);
    return this.mismatch(index, "ssthresh", value === null ? "∞" : String(value), Number.isInteger(ssthresh) ? exact : `${exact} (or ${Math.floor(ssthresh)})`, rule, context);
  }

  private checkSsthresh(index: number, got: ControllerState, context: string): Divergence | null {
    const want = this.ssthresh;
    const value = got.ssthresh;
    if (want === Infinity ? value === null : typeof value === "number" && near(value, want)) return null;
    return this.mismatch(index, "ssthresh", value === null ? "∞" : String(value), want === Infinity ? "∞ (unchanged)" : `${round(want)} (unchanged)`, RULES.ssthreshOnlyOnLoss, context);
  }

  private checkRto(index: number, got: ControllerState, rule: string, context: string): Divergence | null {
    const value = got.rto;
    const want = this.rto;
    if (typeof value === "number" && (near(value, want) || (want > RTO_CAP_LEAST && value >= RTO_CAP_LEAST - 1e-6 && value <= want + 1e-6))) return null;
    const expected = want > RTO_CAP_LEAST ? `${round(want)} (or a cap of at least 60000)` : round(want);
    return this.mismatch(index, "rto()", String(value), expected, rule, context);
  }

  private answer(index: number, got: ControllerState, want: boolean, rule: string, context: string): Divergence | null {
    if (got.retransmit === want) return null;
    return this.mismatch(index, "retransmit", got.retransmit === null ? "no answer" : String(got.retransmit), String(want), rule, context);
  }

  private exact(index: number, what: string, got: number | string, want: number, rule: string, context: string): Divergence | null {
    if (typeof got === "number" && near(got, want)) return null;
    return this.mismatch(index, what, typeof got === "number" ? round(got) : got, round(want), rule, context);
  }

  private mismatch(index: number, what: string, got: string, expected: string, rule: string, context: string): Divergence {
    return { index, what, got, expected, rule, context };
  }
}

/**
 * The congestion-avoidance envelope after a run of `run.acks` ACKs of
 * `run.bytes` bytes that began at cwnd `run.w0` (now `after`), one ACK
 * having grown cwnd from `before`. Equation 3 grows per ACK (≈ SMSS²/cwnd
 * each, so k ACKs count like k·SMSS bytes); byte counting grows SMSS per cwnd
 * of bytes. Upper: one ACK adds at most SMSS, and the run at most SMSS per w0
 * of (ACKs or bytes) plus one SMSS and a byte per ACK of rounding. Lower: no
 * shrinking, and at least SMSS per whole window of ACKs beyond the first,
 * judged at the current cwnd, less a byte per ACK of rounding.
 */
export function caBounds(run: CaRun, before: number, after: number, smss: number): { low: number; high: number } {
  const most = Math.max(run.bytes, run.acks * smss);
  const least = Math.min(run.bytes, run.acks * smss);
  const runHigh = run.w0 + smss * (Math.floor(most / run.w0) + 1) + run.acks;
  const runLow = run.w0 + smss * (Math.floor(least / Math.max(after, run.w0)) - 1) - run.acks;
  return { low: Math.max(before, runLow), high: Math.min(before + smss, runHigh) };
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}
