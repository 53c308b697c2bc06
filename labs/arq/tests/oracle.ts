/**
 * Independent models of the lab's rules, for the hidden tests only (never
 * imported by the public tests or the harness: they are answers). Each
 * replays a transfer's ladder and returns the first event that breaks a
 * rule, with a sentence that names the number or time that was expected.
 * Where the rules leave a choice (when exactly a Go-Back-N timer fires: from
 * the last new ACK, or from the oldest packet's own send), they check the
 * envelope every correct choice stays in.
 */
import type { ArqOptions, LadderEvent, TransferResult } from "../scenarios.ts";

const DATA = 1;
const ACK = 2;
/** Virtual times are exact; this only absorbs ms ↔ ns rounding. */
const EPSILON = 1e-6;

/** A broken rule: where in the ladder, and what was expected. */
export interface Violation {
  readonly at: number;
  readonly message: string;
}

/** RFC 1071 the long way: add every word without folding, then fold until no carry is left. */
export function checksumOracle(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += bytes[i]! * 256 + (i + 1 < bytes.length ? bytes[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return 0xffff - sum;
}

/** The unwrapped number in [base, base + space) that a wrapped `seq` stands for. */
function unwrap(seq: number, base: number, space: number): number {
  return base + ((((seq - base) % space) + space) % space);
}

function list(numbers: readonly (number | null)[]): string {
  if (numbers.length === 0) return "no ACK";
  return numbers.map((n) => (n === null ? "a malformed ACK" : `ACK ${n}`)).join(", then ");
}

/**
 * The receiver's replies: for every DATA arrival, the ACKs it must send and
 * how many messages it must deliver (the instructions, stages 2-4).
 */
export function checkReceiver(result: TransferResult, options: ArqOptions): Violation | null {
  const space = 2 ** options.seqBits;
  const selective = options.mode === "selective-repeat";
  const window = options.window;
  let next = 0; // unwrapped: the next message to deliver
  const buffered = new Set<number>();
  for (const [at, event] of result.ladder.entries()) {
    if (event.kind !== "arrive" || event.dir !== "data" || event.replies === undefined) continue;
    const replies = event.replies;
    const got = `it sent ${list(replies)}${event.delivered ? ` and delivered ${event.delivered} message(s)` : ""}`;
    if (!event.intact || event.type !== DATA || event.seq === null || event.seq >= space) {
      if (replies.length === 0 && event.delivered === 0) continue;
      return { at, message: `a DATA packet arrived with a wrong checksum and must be ignored like a lost one (no ACK, no delivery), but ${got}` };
    }
    const seq = event.seq;
    const expecting = `the receiver expects ${next % space} next (message ${next})`;
    let ack: number | null;
    let deliver = 0;
    let why: string;
    if (!selective) {
      if (seq === next % space) {
        next++;
        deliver = 1;
        why = `DATA ${seq} is the one expected: deliver it and ACK ${next % space}, the number expected next`;
      } else {
        why = `DATA ${seq} is not the one expected (${expecting}): deliver nothing and send the duplicate ACK ${next % space}`;
      }
      ack = next % space;
    } else {
      const offset = (seq - (next % space) + space) % space;
      if (offset < window) {
        const n = next + offset;
        const again = buffered.has(n);
        buffered.add(n);
        while (buffered.delete(next)) {
          next++;
          deliver++;
        }
        ack = seq;
        why =
          `DATA ${seq} is inside the receive window (rcv_base ${(next - deliver) % space}, window ${window})` +
          (again ? ", already buffered: ACK it again (the first ACK may have been lost)" : "") +
          `: ACK ${seq}` +
          (deliver > 0 ? ` and deliver ${deliver} message(s) in order` : offset === 0 ? "" : ", buffer it and deliver nothing yet");
      } else if (offset >= space - window) {
        ack = seq;
        why = `DATA ${seq} is from the window just before rcv_base ${next % space}: it was delivered already, so ACK ${seq} again and deliver nothing`;
      } else {
        ack = null;
        why = `DATA ${seq} is outside the receive window (rcv_base ${next % space}, window ${window}) and the one before it: ignore it (no ACK)`;
      }
    }
    const expected = ack === null ? [] : [ack];
    if (replies.length === expected.length && replies.every((n, i) => n === expected[i]) && event.delivered === deliver) continue;
    return { at, message: `${why}; but ${got === "it sent no ACK" ? "it sent no ACK" : got}` };
  }
  return null;
}

/**
 * The sender's timers and retransmissions: only a timer expiry resends; a
 * timer that fires has something to resend; Go-Back-N resends exactly the
 * outstanding packets, its timer fires no sooner than a timeout after the
 * oldest packet was sent and no later than a timeout after the last new ACK
 * (or that send); Selective Repeat resends packet n exactly a timeout after
 * it was last sent, unless its ACK came first.
 */
export function checkSender(result: TransferResult, options: ArqOptions): Violation | null {
  const space = 2 ** options.seqBits;
  const selective = options.mode === "selective-repeat";
  const timeout = options.timeoutMs;
  const lastSent = new Map<number, number>();
  const acked = new Set<number>();
  let base = 0;
  let highest = -1;
  let lastNewAck = Number.NEGATIVE_INFINITY;
  let pendingResend: number[] | null = null; // GBN: what the current timeout must resend
  const ladder = result.ladder;
  const gbnDue = () => Math.max(lastSent.get(base) ?? 0, lastNewAck) + timeout;

  for (const [at, event] of ladder.entries()) {
    // A timer that should have fired before this event.
    const late = overdue(event.t);
    if (late !== null) return { at, message: late };
    // Go-Back-N: the sends of onTimer (packets lost on the way out are noted between them).
    if (pendingResend !== null && event.kind !== "lost" && !(event.kind === "send" && event.dir === "data" && event.cause === "timer")) {
      if (pendingResend.length > 0) return { at, message: goBackMessage(pendingResend, null) };
      pendingResend = null;
    }
    if (event.kind === "send" && event.dir === "data" && event.message === -1 && event.malformed === undefined) {
      return { at, message: `DATA ${event.seq} carries bytes that are no message offered: a sender only ever sends (or resends) messages it accepted` };
    }
    if (event.kind === "send" && event.dir === "data" && event.message !== undefined && event.message >= 0) {
      const m = event.message;
      if (event.retransmission === true) {
        if (event.cause !== "timer") {
          return {
            at,
            message:
              `message ${m} was retransmitted by ${event.cause === "packet" ? "onPacket (on an ACK)" : "offer"}: only a timer expiry may ` +
              "cause a retransmission (a duplicate ACK is no loss signal in this lab)",
          };
        }
        if (selective) {
          if (acked.has(m)) return { at, message: `message ${m} was retransmitted after its ACK had arrived: its timer must be cancelled by the ACK` };
          const due = (lastSent.get(m) ?? 0) + timeout;
          if (Math.abs(event.t - due) > EPSILON) {
            return {
              at,
              message: `message ${m} was retransmitted at ${event.t.toFixed(3)} ms, but its own timer was due at ${due.toFixed(3)} ms ` +
                `(last sent at ${(lastSent.get(m) ?? 0).toFixed(3)} ms + timeout ${timeout} ms): each packet has its own timer, started when it is sent`,
            };
          }
        }
      }
      if (pendingResend !== null && event.cause === "timer") {
        if (pendingResend[0] !== m) return { at, message: goBackMessage(pendingResend, m) };
        pendingResend.shift();
      }
      lastSent.set(m, event.t);
      highest = Math.max(highest, m);
    } else if (event.kind === "arrive" && event.dir === "ack" && event.intact && event.type === ACK && event.seq !== null && event.seq < space) {
      const n = unwrap(event.seq, base, space);
      if (selective) {
        if (n <= highest) acked.add(n);
        while (acked.has(base)) base++;
      } else if (n > base && n <= highest + 1) {
        base = n;
        lastNewAck = event.t;
      }
    } else if (event.kind === "timeout") {
      if (event.resent === 0) {
        return {
          at,
          message: `timer ${event.key} fired and the sender resent nothing: stop a timer once the packets it guards are acknowledged ` +
            "(Go-Back-N: when base reaches next; Selective Repeat: when that packet's ACK arrives)",
        };
      }
      if (!selective && base <= highest) {
        const earliest = (lastSent.get(base) ?? 0) + timeout;
        if (event.t < earliest - EPSILON) {
          return {
            at,
            message: `the timer fired at ${event.t.toFixed(3)} ms, but the oldest unacknowledged message, ${base}, was sent at ` +
              `${(lastSent.get(base) ?? 0).toFixed(3)} ms: no sooner than ${earliest.toFixed(3)} ms (restart the timer on every ACK that moves base)`,
          };
        }
        pendingResend = Array.from({ length: highest - base + 1 }, (_, i) => base + i);
      }
    }
  }
  return null;

  function overdue(t: number): string | null {
    if (selective) {
      for (const [m, sent] of lastSent) {
        if (m < base || acked.has(m)) continue;
        if (t > sent + timeout + EPSILON) {
          return `message ${m} was sent at ${sent.toFixed(3)} ms and not acknowledged, so its timer should have resent it at ` +
            `${(sent + timeout).toFixed(3)} ms; by ${t.toFixed(3)} ms it had not`;
        }
      }
      return null;
    }
    if (base > highest) return null;
    const due = gbnDue();
    if (t <= due + EPSILON) return null;
    const from = lastNewAck > (lastSent.get(base) ?? 0)
      ? `the ACK at ${lastNewAck.toFixed(3)} ms that made message ${base} the oldest unacknowledged one`
      : `message ${base} was sent at ${(lastSent.get(base) ?? 0).toFixed(3)} ms`;
    return `messages ${base}..${highest} were outstanding and the timer should have fired at ${due.toFixed(3)} ms (a timeout after ${from}), ` +
      `but by ${t.toFixed(3)} ms it had not: was it restarted by a duplicate ACK, or never started?`;
  }
}

function goBackMessage(expected: readonly number[], got: number | null): string {
  const rest = expected.length === 0 ? "nothing more" : `message ${expected[0]}`;
  return `on a timeout Go-Back-N resends every outstanding message, oldest first (${expected.length === 0 ? "it had resent them all" : `still to go: ${expected.join(", ")}`}); ` +
    (got === null ? `the sender stopped before ${rest}` : `the sender sent message ${got} where ${rest} was due`);
}

/** DATA arrivals that came after a packet sent later had already arrived (the link reordered them). */
export function reorderedArrivals(ladder: readonly LadderEvent[]): number {
  const order = new Map<number, number>();
  let sends = 0;
  let latest = -1;
  let count = 0;
  for (const event of ladder) {
    if (event.kind === "send" && event.dir === "data" && event.packet > 0) order.set(event.packet, sends++);
    else if (event.kind === "duplicated" && event.dir === "data" && order.has(event.packet)) order.set(event.copy, order.get(event.packet)!);
    else if (event.kind === "arrive" && event.dir === "data") {
      const index = order.get(event.packet);
      if (index === undefined) continue;
      if (index < latest) count++;
      else latest = index;
    }
  }
  return count;
}

/** A packet as the lab's format writes it, in hex (for the scripted tests that play one side). */
export function packetHex(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): string {
  const bytes = new Uint8Array(5 + payload.length);
  bytes[0] = type;
  bytes[1] = seq >> 8;
  bytes[2] = seq & 0xff;
  bytes.set(payload, 5);
  const checksum = checksumOracle(bytes);
  bytes[3] = checksum >> 8;
  bytes[4] = checksum & 0xff;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}
