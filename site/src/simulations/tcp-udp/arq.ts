/**
 * Stop-and-wait, Go-Back-N and Selective Repeat over a lossy runtime link,
 * for the loss-and-retransmission simulation. Packets travel as UDP
 * datagrams with a 3-byte header of our own (type, sequence number); the
 * link loses data and ACKs alike. "none" sends every message once, as a bare
 * UDP application would, and counts what never arrived.
 */
import type { Timer } from "#runtime/core/event-queue.ts";
import { ms, seconds } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { LadderRecorder, type Ladder } from "./ladder.ts";
import { MESSAGE_BYTES } from "./loss-controls.ts";

export type ArqProtocol = "none" | "stop-and-wait" | "go-back-n" | "selective-repeat";

export interface ArqOptions {
  readonly protocol: ArqProtocol;
  /** Messages to deliver. */
  readonly messages: number;
  /** Sender window in packets (stop-and-wait always uses 1). */
  readonly window: number;
  /** Loss probability of every packet, each direction. */
  readonly lossRate: number;
  /** One-way delay, ms. */
  readonly oneWayMs: number;
  /** Retransmission timeout, ms (default: twice the round trip plus 10 ms). */
  readonly timeoutMs?: number;
  /** Link rate, bits per second (default 10 Mb/s). */
  readonly rateBps?: number;
  readonly seed?: number;
}

export interface ArqResult {
  readonly ladder: Ladder;
  /** Data packets sent, first copies and retransmissions. */
  readonly transmissions: number;
  readonly retransmissions: number;
  /** Messages handed to the receiving application, in order and once each. */
  readonly delivered: number;
  /** When the last message was acknowledged (or, for "none", the last arrival), ms; null if not finished. */
  readonly finishedMs: number | null;
  readonly timeouts: number;
}

const DATA = 1;
const ACK = 2;

export function runArq(options: ArqOptions): ArqResult {
  const { protocol, messages } = options;
  const window = protocol === "stop-and-wait" ? 1 : Math.max(1, Math.floor(options.window));
  const timeout = options.timeoutMs ?? 4 * options.oneWayMs + 10;
  const net = new Network({ seed: options.seed ?? 1, trace: { record: false } });
  const a = net.host("sender", "10.0.0.1");
  const b = net.host("receiver", "10.0.0.2");
  const loss = options.lossRate > 0 ? ({ model: "bernoulli", rate: options.lossRate } as const) : ({ model: "none" } as const);
  net.connect(a, b, { rate: options.rateBps ?? 10e6, delay: ms(options.oneWayMs), queueBytes: 1_000_000, loss });
  const recorder = new LadderRecorder(net, "sender", "receiver");
  const tx = a.udp(5000);
  const rx = b.udp(6000);
  const rxAddress = { address: b.address, port: 6000 };
  const txAddress = { address: a.address, port: 5000 };

  let transmissions = 0;
  let retransmissions = 0;
  let timeouts = 0;
  let delivered = 0;
  let finishedMs: number | null = null;

  const encode = (type: number, seq: number, length: number) => {
    const bytes = new Uint8Array(3 + length);
    bytes[0] = type;
    bytes[1] = seq >> 8;
    bytes[2] = seq & 0xff;
    return bytes;
  };

  // When each direction's transmitter is next free, so the ladder shows a packet leaving when it
  // really starts onto the wire rather than when it joined the queue. IPv4 + UDP headers: 28 bytes.
  const rate = options.rateBps ?? 10e6;
  const freeAt = { left: 0, right: 0 };
  const departure = (side: "left" | "right", bytes: number) => {
    const start = Math.max(recorder.nowMs, freeAt[side]);
    freeAt[side] = start + ((bytes + 28) * 8 * 1000) / rate;
    return start;
  };

  const sendData = (seq: number, again: boolean) => {
    transmissions++;
    if (again) retransmissions++;
    const payload = encode(DATA, seq, MESSAGE_BYTES);
    const at = departure("left", payload.length);
    const id = tx.send(rxAddress, payload);
    recorder.sent(id, "left", `DATA ${seq}`, again, false, at);
  };

  // Sender state.
  let base = 0; // oldest unacknowledged
  let next = 0; // next new message
  const acked = new Set<number>(); // Selective Repeat: individually acknowledged
  const timers = new Map<number, Timer>(); // per packet (SR) or one keyed 0 (SAW, GBN)

  const setTimer = (key: number, action: () => void) => {
    timers.get(key)?.cancel();
    timers.set(key, a.timer(ms(timeout), "retransmission timer", action));
  };
  const clearTimer = (key: number) => {
    timers.get(key)?.cancel();
    timers.delete(key);
  };

  const onGbnTimeout = () => {
    timers.delete(0);
    timeouts++;
    recorder.mark("left", "timeout", base === next - 1 ? `RTO: resend ${base}` : `RTO: resend ${base}–${next - 1}`);
    for (let s = base; s < next; s++) sendData(s, true);
    setTimer(0, onGbnTimeout);
  };
  const onSrTimeout = (seq: number) => () => {
    timers.delete(seq);
    timeouts++;
    recorder.mark("left", "timeout", `RTO: resend ${seq}`);
    sendData(seq, true);
    setTimer(seq, onSrTimeout(seq));
  };

  const fill = () => {
    while (next < messages && next < base + window) {
      sendData(next, false);
      if (protocol === "selective-repeat") setTimer(next, onSrTimeout(next));
      else if (!timers.has(0)) setTimer(0, onGbnTimeout);
      next++;
    }
  };

  const finish = () => {
    if (base >= messages && finishedMs === null) {
      finishedMs = recorder.nowMs;
      for (const key of [...timers.keys()]) clearTimer(key);
    }
  };

  tx.onDatagram = (d) => {
    recorder.arrived(d.packet);
    if (d.payload[0] !== ACK) return;
    const value = (d.payload[1]! << 8) | d.payload[2]!;
    if (protocol === "selective-repeat") {
      // An individual ACK of packet `value`.
      if (value < base || value >= next) return;
      acked.add(value);
      clearTimer(value);
      while (acked.has(base)) {
        acked.delete(base);
        base++;
      }
    } else {
      // A cumulative ACK: `value` is the next sequence number expected.
      if (value <= base) return;
      base = value;
      clearTimer(0);
      if (base < next) setTimer(0, onGbnTimeout);
    }
    finish();
    fill();
  };

  // Receiver state.
  let expected = 0;
  const buffer = new Set<number>();
  rx.onDatagram = (d) => {
    recorder.arrived(d.packet);
    const seq = (d.payload[1]! << 8) | d.payload[2]!;
    if (protocol === "none") {
      if (seq >= expected) {
        delivered++;
        expected = seq + 1;
      }
      finishedMs = recorder.nowMs; // the last arrival so far
      return;
    }
    let ackValue: number;
    if (protocol === "selective-repeat") {
      if (seq >= expected && seq < expected + window) buffer.add(seq);
      while (buffer.has(expected)) {
        buffer.delete(expected);
        expected++;
        delivered++;
      }
      ackValue = seq; // ACK each packet by its own number, even an old one (its first ACK may have been lost)
    } else {
      if (seq === expected) {
        expected++;
        delivered++;
      }
      ackValue = expected; // Go-Back-N (and stop-and-wait): discard anything out of order, ACK cumulatively
    }
    const ackBytes = encode(ACK, ackValue, 0);
    const at = departure("right", ackBytes.length);
    const id = rx.send(txAddress, ackBytes);
    recorder.sent(id, "right", `ACK ${ackValue}`, false, false, at);
  };

  if (protocol === "none") {
    for (let s = 0; s < messages; s++) sendData(s, false);
  } else {
    fill();
  }
  net.run({ until: seconds(600), maxEvents: 200_000 });
  return { ladder: recorder.ladder, transmissions, retransmissions, delivered, finishedMs, timeouts };
}
