/**
 * Bufferbloat on the runtime's clock: one bulk TCP flow (Reno-style AIMD
 * that also answers ECN echoes, RFC 5681 §3, RFC 3168 §6.1.2) and a ping
 * every 100 ms share one bottleneck. The bottleneck's queue is drop-tail,
 * CoDel (RFC 8289 §5's dequeue logic: target 5 ms, interval 100 ms), CoDel
 * marking ECN-capable packets instead of dropping them, or FQ-CoDel (RFC
 * 8290), reduced here to two flow queues where the sparse ping queue is
 * served first, as RFC 8290 §4.1's new-flows list does for a flow that
 * never builds a queue. ACKs and echo replies come back on an idle path.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { ms, seconds, toMs, toSeconds, type Time } from "#runtime/core/time.ts";
import type { Aqm } from "./aqm-controls.ts";


/** RFC 8289 §4: the defaults for the Internet. */
export const CODEL_TARGET = ms(5);
export const CODEL_INTERVAL = ms(100);
/** A full-size TCP segment on Ethernet, and an ICMP echo with 56 bytes of data (IPv4). */
export const DATA_BYTES = 1500;
export const PING_BYTES = 84;
export const PING_EVERY = ms(100);
/** RFC 6928's initial window (segments) and RFC 6298 §2.4's minimum RTO. */
const INITIAL_CWND = 10;
const MIN_RTO = seconds(1);

export interface AqmOptions {
  readonly aqm: Aqm;
  /** Bottleneck rate, bits per second. */
  readonly rateBps: number;
  /** Round-trip time with empty queues. */
  readonly baseRttMs: number;
  /** The bottleneck's buffer, in packets (CoDel's hard limit too). */
  readonly bufferPackets: number;
  readonly durationS: number;
  readonly seed: number;
}

export interface PingSample {
  /** When the echo request was sent, s. */
  readonly t: number;
  /** Its round-trip time, ms; null when the request was dropped. */
  readonly rttMs: number | null;
}

export interface AqmResult {
  readonly pings: readonly PingSample[];
  /** Ping RTT minus the base RTT (queueing plus serialisation), ms. */
  readonly medianAddedMs: number;
  readonly p95AddedMs: number;
  readonly maxAddedMs: number;
  readonly pingsLost: number;
  /** Bulk data delivered per second over the run, bits per second. */
  readonly goodputBps: number;
  readonly drops: number;
  readonly marks: number;
  /** Times the sender halved its window (loss or ECN echo, at most once a window). */
  readonly reductions: number;
  readonly timeouts: number;
}

interface Packet {
  readonly kind: "data" | "ping";
  readonly seq: number;
  readonly bytes: number;
  readonly sentAt: Time;
  enqueuedAt: Time;
  /** Congestion Experienced: set by the queue instead of a drop (RFC 3168 §5). */
  ce: boolean;
}

/** RFC 8289 §5: the next drop is interval / sqrt(count) after the last one. */
function controlLaw(t: Time, count: number): Time {
  return t + CODEL_INTERVAL / Math.sqrt(count);
}

/** A FIFO with CoDel's state (unused by drop-tail). */
class CodelQueue {
  readonly packets: Packet[] = [];
  bytes = 0;
  firstAboveTime = 0;
  dropNext = 0;
  count = 0;
  lastCount = 0;
  dropping = false;

  push(p: Packet): void {
    this.packets.push(p);
    this.bytes += p.bytes;
  }

  take(): Packet | undefined {
    const p = this.packets.shift();
    if (p) this.bytes -= p.bytes;
    return p;
  }

  /** RFC 8289 §5 dodequeue: is the packet at the head OK to drop? */
  private doDequeue(now: Time): { p: Packet | undefined; okToDrop: boolean } {
    const p = this.take();
    if (!p) {
      this.firstAboveTime = 0;
      return { p, okToDrop: false };
    }
    let okToDrop = false;
    if (now - p.enqueuedAt < CODEL_TARGET || this.bytes <= DATA_BYTES) this.firstAboveTime = 0;
    else if (this.firstAboveTime === 0) this.firstAboveTime = now + CODEL_INTERVAL;
    else if (now >= this.firstAboveTime) okToDrop = true;
    return { p, okToDrop };
  }

  /** RFC 8289 §5 dequeue; `ecn` marks ECN-capable data instead of dropping it (as Linux's codel does). */
  dequeue(now: Time, ecn: boolean, drop: (p: Packet) => void): Packet | undefined {
    let r = this.doDequeue(now);
    if (!r.p) {
      this.dropping = false;
      return undefined;
    }
    const markable = (p: Packet) => ecn && p.kind === "data";
    if (this.dropping) {
      if (!r.okToDrop) this.dropping = false;
      else {
        while (r.p && now >= this.dropNext && this.dropping) {
          this.count++;
          if (markable(r.p)) {
            r.p.ce = true;
            this.dropNext = controlLaw(this.dropNext, this.count);
            break;
          }
          drop(r.p);
          r = this.doDequeue(now);
          if (!r.okToDrop) this.dropping = false;
          else this.dropNext = controlLaw(this.dropNext, this.count);
        }
      }
    } else if (r.okToDrop) {
      if (markable(r.p)) r.p.ce = true;
      else {
        drop(r.p);
        r = this.doDequeue(now);
      }
      this.dropping = true;
      const delta = this.count - this.lastCount;
      this.count = delta > 1 && now - this.dropNext < 16 * CODEL_INTERVAL ? delta : 1;
      this.dropNext = controlLaw(now, this.count);
      this.lastCount = this.count;
    }
    return r.p;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function runAqm(options: AqmOptions): AqmResult {
  const sim = new Simulator({ seed: options.seed });
  const jitter = sim.random.fork("ping");
  const oneWay = ms(options.baseRttMs / 2);
  const end = seconds(options.durationS);
  const codel = options.aqm !== "droptail";
  const ecn = options.aqm === "codel-ecn" || options.aqm === "fq-codel";
  const fq = options.aqm === "fq-codel";
  const bulkQueue = new CodelQueue();
  const pingQueue = new CodelQueue();
  const queued = () => bulkQueue.packets.length + pingQueue.packets.length;
  let busy = false;
  let drops = 0;
  let marks = 0;
  let delivered = 0;

  // The sender: cwnd in segments, segments in flight in order (they are delivered in order).
  let cwnd = INITIAL_CWND;
  let ssthresh = Infinity;
  let nextSeq = 0;
  let recoverSeq = -1;
  let reductions = 0;
  let timeouts = 0;
  let lastProgress: Time = 0;
  const inFlight: number[] = [];
  const pings: { t: Time; rtt: Time | null }[] = [];

  // A dropped segment simply never arrives; the sender learns of it from the next one's ACK.
  const drop = () => {
    drops++;
  };

  const reduce = () => {
    ssthresh = Math.max(cwnd / 2, 2);
    cwnd = ssthresh;
    recoverSeq = nextSeq - 1;
    reductions++;
  };

  const onAck = (seq: number, ece: boolean) => {
    lastProgress = sim.now;
    let lost = false;
    while (inFlight.length > 0 && inFlight[0]! <= seq) {
      if (inFlight.shift()! < seq) lost = true; // a later segment arrived first: duplicate ACKs (RFC 5681 §3.2)
    }
    if ((lost || ece) && seq > recoverSeq) reduce();
    else if (seq > recoverSeq) cwnd += cwnd < ssthresh ? 1 : 1 / cwnd;
    send();
  };

  const serve = () => {
    const now = sim.now;
    let p: Packet | undefined;
    if (fq && pingQueue.packets.length > 0) p = pingQueue.dequeue(now, false, drop);
    if (!p) p = codel ? bulkQueue.dequeue(now, ecn, drop) : bulkQueue.take();
    if (!p) {
      busy = false;
      return;
    }
    busy = true;
    const packet = p;
    if (packet.ce) marks++;
    const tx = Math.round((packet.bytes * 8 * 1e9) / options.rateBps);
    sim.after(tx, () => {
      sim.after(oneWay, () => {
        if (packet.kind === "ping") {
          sim.after(oneWay, () => pings.push({ t: packet.sentAt, rtt: sim.now - packet.sentAt }));
        } else {
          if (sim.now <= end) delivered++;
          sim.after(oneWay, () => onAck(packet.seq, packet.ce));
        }
      });
      serve();
    });
  };

  const enqueue = (p: Packet) => {
    if (queued() >= options.bufferPackets) {
      // FQ-CoDel makes room by dropping from the head of the fattest queue (RFC 8290 §4.1); a FIFO drops the arrival.
      const victim = fq ? bulkQueue.take() : undefined;
      drop();
      if (!victim) return;
    }
    p.enqueuedAt = sim.now;
    (fq && p.kind === "ping" ? pingQueue : bulkQueue).push(p);
    if (!busy) serve();
  };

  function send(): void {
    while (inFlight.length < Math.floor(cwnd) && sim.now < end) {
      const seq = nextSeq++;
      inFlight.push(seq);
      enqueue({ kind: "data", seq, bytes: DATA_BYTES, sentAt: sim.now, enqueuedAt: sim.now, ce: false });
    }
  }

  // RFC 6298: with nothing acknowledged for an RTO, everything in flight is presumed lost.
  const checkTimeout = () => {
    if (inFlight.length > 0 && sim.now - lastProgress >= MIN_RTO) {
      timeouts++;
      ssthresh = Math.max(inFlight.length / 2, 2);
      cwnd = 1;
      recoverSeq = nextSeq - 1;
      inFlight.length = 0;
      lastProgress = sim.now;
      send();
    }
    sim.after(ms(50), checkTimeout);
  };

  sim.at(0, () => {
    send();
    checkTimeout();
  });
  let seq = 0;
  for (let t: Time = 0; t < end; t += PING_EVERY) {
    // A few ms of seeded jitter, so the pings do not lock to the flow's rhythm.
    const at = t + Math.round(jitter.float() * ms(10));
    sim.at(at, () => {
      const p: Packet = { kind: "ping", seq: seq++, bytes: PING_BYTES, sentAt: sim.now, enqueuedAt: sim.now, ce: false };
      pings.push({ t: at, rtt: null });
      enqueue(p);
    });
  }
  sim.run({ until: end + seconds(5) });

  // Each ping left a placeholder when sent and a second entry when answered; keep one per send time.
  const answered = new Map<Time, Time>();
  for (const p of pings) if (p.rtt !== null) answered.set(p.t, p.rtt);
  const samples: PingSample[] = [];
  for (const p of pings) {
    if (p.rtt !== null) continue;
    const rtt = answered.get(p.t);
    // Rounded to the microsecond: the class edition stores these runs.
    samples.push({ t: round(toSeconds(p.t)), rttMs: rtt === undefined ? null : round(toMs(rtt)) });
  }
  const added = samples
    .filter((s) => s.rttMs !== null)
    .map((s) => s.rttMs! - options.baseRttMs)
    .sort((a, b) => a - b);
  return {
    pings: samples,
    medianAddedMs: quantile(added, 0.5),
    p95AddedMs: quantile(added, 0.95),
    maxAddedMs: added.length === 0 ? 0 : added[added.length - 1]!,
    pingsLost: samples.filter((s) => s.rttMs === null).length,
    goodputBps: (delivered * DATA_BYTES * 8) / options.durationS,
    drops,
    marks,
    reductions,
    timeouts,
  };
}
