/**
 * A publish/subscribe toy: one publisher, a broker and a few subscribers on
 * a runtime network whose broker-to-subscriber links lose packets. The broker
 * forwards each message with MQTT's delivery levels (MQTT v5 §4.3):
 * QoS 0 sends it once; QoS 1 resends PUBLISH until a PUBACK comes back, so
 * a lost PUBACK makes a duplicate; QoS 2 adds PUBREC/PUBREL/PUBCOMP so the
 * subscriber can recognise a resent PUBLISH and deliver the message once.
 *
 * Packets travel as UDP datagrams and are resent on a timer, as MQTT-SN does
 * over UDP. MQTT over TCP leaves loss to TCP and resends only after a
 * reconnect, but the outcome per QoS level is the same.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import type { UdpSocket } from "#runtime/net/udp-socket.ts";

export type Qos = 0 | 1 | 2;

export interface PubSubOptions {
  readonly qos: Qos;
  /** Loss probability on each broker-subscriber link, each way. */
  readonly lossRate: number;
  readonly subscribers: number;
  readonly messages?: number;
  readonly seed: number;
  /** One-way delay of every link, ms (default 20). */
  readonly oneWayMs?: number;
  /** How long the broker waits for an acknowledgement before resending, ms (default 200). */
  readonly retryMs?: number;
}

export interface SubscriberResult {
  readonly name: string;
  /** How many times the application was handed each message (index = message number - 1). */
  readonly copies: readonly number[];
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
}

export interface PubSubResult {
  readonly subscribers: readonly SubscriberResult[];
  /** Packets the broker and the subscribers sent (publisher's not counted). */
  readonly packets: number;
  /** PUBLISH packets the broker resent. */
  readonly resends: number;
  /** When the last subscriber was handed its last message, ms. */
  readonly finishedMs: number;
}

const TYPES = { PUBLISH: 3, PUBACK: 4, PUBREC: 5, PUBREL: 6, PUBCOMP: 7 } as const;

/** [type, packet id high, packet id low, flags (bit 3 = DUP, bits 1-2 = QoS)] + payload. */
function packet(type: number, id: number, dup = false, qos: Qos = 0, payload = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out.set([type, id >> 8, id & 0xff, (dup ? 8 : 0) | (qos << 1)]);
  out.set(payload, 4);
  return out;
}

export function runPubSub(options: PubSubOptions): PubSubResult {
  const messages = options.messages ?? 20;
  const retry = ms(options.retryMs ?? 200);
  const net = new Network({ seed: options.seed });
  const broker = net.host("broker", "10.0.0.1");
  const link = { delay: ms(options.oneWayMs ?? 20), rate: 10e6, loss: options.lossRate > 0 ? ({ model: "bernoulli", rate: options.lossRate } as const) : ({ model: "none" } as const) };
  const brokerSocket = broker.udp(1883);
  const subscriberSockets: UdpSocket[] = [];
  const copies: number[][] = [];
  let packets = 0;
  let resends = 0;
  let finishedMs = 0;
  for (let i = 0; i < options.subscribers; i++) {
    const host = net.host(`sub${i + 1}`, `10.0.1.${i + 1}`);
    net.connect(broker, host, link);
    broker.addRoute(`10.0.1.${i + 1}/32`, host);
    const socket = host.udp(1883);
    subscriberSockets.push(socket);
    copies.push(new Array<number>(messages).fill(0));
    // Packet ids of QoS 2 messages received but not yet released (MQTT v5 §4.3.3).
    const unreleased = new Set<number>();
    socket.onDatagram = (d) => {
      const [type, hi, lo, flags] = d.payload;
      const id = (hi! << 8) | lo!;
      const reply = (t: number) => {
        packets++;
        socket.send(d.from, packet(t, id));
      };
      const deliver = () => {
        copies[i]![d.payload[4]! - 1]!++;
        finishedMs = Math.max(finishedMs, toMs(net.now));
      };
      if (type === TYPES.PUBLISH) {
        const qos = ((flags! >> 1) & 3) as Qos;
        if (qos === 0) deliver();
        else if (qos === 1) {
          deliver(); // a resent PUBLISH looks new to the application: QoS 1 is at least once
          reply(TYPES.PUBACK);
        } else {
          if (!unreleased.has(id)) {
            unreleased.add(id);
            deliver();
          }
          reply(TYPES.PUBREC);
        }
      } else if (type === TYPES.PUBREL) {
        unreleased.delete(id);
        reply(TYPES.PUBCOMP);
      }
    };
  }
  // The broker's outgoing state per (subscriber, packet id).
  const waiting = new Map<string, { stage: "publish" | "release"; timer: { cancel(): void } }>();
  const sendToSubscriber = (i: number, id: number, message: number, dup: boolean) => {
    const to = { address: `10.0.1.${i + 1}`, port: 1883 };
    const key = `${i}:${id}`;
    const state = waiting.get(key);
    const stage = state?.stage ?? "publish";
    packets++;
    if (dup) resends += stage === "publish" ? 1 : 0;
    brokerSocket.send(to, stage === "publish" ? packet(TYPES.PUBLISH, id, dup, options.qos, new Uint8Array([message])) : packet(TYPES.PUBREL, id));
    if (options.qos === 0) return;
    const timer = net.sim.after(retry, () => sendToSubscriber(i, id, message, true));
    waiting.set(key, { stage, timer });
  };
  brokerSocket.onDatagram = (d) => {
    const [type, hi, lo] = d.payload;
    const id = (hi! << 8) | lo!;
    const i = subscriberSockets.findIndex((_, k) => d.from.address === `10.0.1.${k + 1}`);
    const key = `${i}:${id}`;
    const state = waiting.get(key);
    if (type === TYPES.PUBACK || type === TYPES.PUBCOMP) {
      state?.timer.cancel();
      waiting.delete(key);
    } else if (type === TYPES.PUBREC) {
      // Move on to PUBREL (and answer a repeated PUBREC with PUBREL again).
      state?.timer.cancel();
      waiting.set(key, { stage: "release", timer: { cancel() {} } });
      sendToSubscriber(i, id, 0, false);
    }
  };
  // The publisher hands the broker one message every 100 ms (that hop is not drawn or lost).
  for (let m = 1; m <= messages; m++) {
    net.sim.at(ms(100 * m), () => {
      for (let i = 0; i < options.subscribers; i++) sendToSubscriber(i, m, m, false);
    });
  }
  net.run({ until: ms(100 * messages + 60_000) });
  return {
    subscribers: copies.map((c, i) => ({
      name: `Subscriber ${i + 1}`,
      copies: c,
      delivered: c.filter((n) => n > 0).length,
      lost: c.filter((n) => n === 0).length,
      duplicates: c.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    })),
    packets,
    resends,
    finishedMs,
  };
}
