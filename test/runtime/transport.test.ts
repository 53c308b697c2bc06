import { describe, expect, it } from "vitest";
import { ms, toMs } from "#runtime/core/time.ts";
import type { Host } from "#runtime/net/host.ts";
import {
  BULK_RECEIVER_PORT,
  BULK_SENDER_PORT,
  BULK_WINDOW,
  BulkReceiver,
  BulkSender,
  type CongestionPolicy,
  type RttSampleInfo,
  type TransferState,
} from "#runtime/transport/bulk.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import { pair } from "./helpers.ts";

/** A policy with a fixed window that records what it was told. */
function recordingPolicy(cwnd: number, options: { rtoMs?: number; fastRetransmitAt?: number } = {}) {
  const calls = {
    newAcks: [] as Array<[number, TransferState]>,
    dupAcks: [] as Array<[number, TransferState]>,
    timeouts: [] as TransferState[],
    samples: [] as Array<[number, RttSampleInfo]>,
  };
  const policy: CongestionPolicy = {
    cwnd: () => cwnd,
    onNewAck: (acked, state) => (calls.newAcks.push([acked, state]), false),
    onDuplicateAck: (count, state) => (calls.dupAcks.push([count, state]), count === options.fastRetransmitAt),
    onTimeout: (state) => void calls.timeouts.push(state),
    onRttSample: (rtt, sample) => void calls.samples.push([rtt, sample]),
    rtoMs: () => options.rtoMs ?? 1000,
  };
  return { policy, calls };
}

/** Sends an ACK for `offset` from b to the sender on a, as a receiver would (or would not). */
function injectAck(b: Host, a: Host, offset: number, extra: { payload?: number; window?: number } = {}) {
  const repr = {
    srcPort: BULK_RECEIVER_PORT,
    dstPort: BULK_SENDER_PORT,
    seq: 1,
    ack: offset + 1,
    flags: tcpFlags({ ack: true }),
    window: extra.window ?? BULK_WINDOW,
    urgentPointer: 0,
    options: [],
  };
  b.sendIp(IP_PROTOCOL.TCP, a.addressValue, emitTcp(repr, new Uint8Array(extra.payload ?? 0), b.addressValue, a.addressValue));
}

describe("BulkSender and BulkReceiver", () => {
  it("deliver every byte over a clean link, never exceeding the policy's window", () => {
    const { net, a, b } = pair({ rate: 10e6, delay: ms(5) });
    const { policy, calls } = recordingPolicy(4000);
    let maxFlight = 0;
    const sender: BulkSender = new BulkSender({
      now: () => toMs(net.now),
      from: a,
      to: b,
      total: 20_000,
      smss: 1000,
      policy,
      observer: { sent: () => void (maxFlight = Math.max(maxFlight, sender.flightSize + 1000)) },
    });
    const receiver = new BulkReceiver(b, a);
    sender.start();
    net.run();
    expect(receiver.next).toBe(20_000);
    expect(sender.finishedAt).not.toBeNull();
    expect(maxFlight).toBe(4000);
    expect(calls.newAcks.reduce((sum, [acked]) => sum + acked, 0)).toBe(20_000);
    expect(calls.dupAcks).toEqual([]);
    expect(calls.samples.length).toBeGreaterThan(0);
    // One segment timed per round trip: 2 × 5 ms of delay plus serialisation, never a retransmitted one here.
    for (const [rtt, sample] of calls.samples) {
      expect(rtt).toBeGreaterThan(10);
      expect(rtt).toBeLessThan(20);
      expect(sample).toEqual({ retransmitted: false });
    }
  });

  it("counts only ACKs that are duplicates by RFC 5681 §2: no data, no window change, nothing new", () => {
    const { net, a, b } = pair({ rate: Infinity, delay: ms(1) });
    const { policy, calls } = recordingPolicy(4000);
    b.listenTcp(BULK_RECEIVER_PORT, () => {}); // a silent receiver: the test sends the ACKs
    const sender = new BulkSender({ now: () => toMs(net.now), from: a, to: b, total: 10_000, smss: 1000, policy });
    sender.start();
    net.sim.at(ms(10), () => injectAck(b, a, 1000));
    net.sim.at(ms(11), () => injectAck(b, a, 1000));
    net.sim.at(ms(12), () => injectAck(b, a, 1000, { payload: 10 }));
    net.sim.at(ms(13), () => injectAck(b, a, 1000, { window: 1000 }));
    net.sim.at(ms(14), () => injectAck(b, a, 1000));
    net.sim.at(ms(15), () => injectAck(b, a, 0)); // old: acknowledges nothing, is not SND.UNA
    net.run({ until: ms(50) });
    expect(calls.newAcks.map(([acked]) => acked)).toEqual([1000]);
    expect(calls.dupAcks.map(([count]) => count)).toEqual([1, 2]);
    expect(calls.dupAcks[0]![1]).toEqual({ flightSize: 4000, ack: 1000, highestSent: 5000 });
  });

  it("retransmits on the policy's say-so only, and reports the sample of a retransmitted timed segment as such (for Karn's rule)", () => {
    const { net, a, b } = pair({ rate: Infinity, delay: ms(1) });
    const { policy, calls } = recordingPolicy(4000, { fastRetransmitAt: 3 });
    const resent: number[] = [];
    b.listenTcp(BULK_RECEIVER_PORT, () => {});
    const sender = new BulkSender({
      now: () => toMs(net.now),
      from: a,
      to: b,
      total: 10_000,
      smss: 1000,
      policy,
      observer: { sent: (offset, _length, retransmission) => void (retransmission && resent.push(offset)) },
    });
    sender.start();
    for (const t of [10, 11, 12, 13]) net.sim.at(ms(t), () => injectAck(b, a, 0));
    net.sim.at(ms(20), () => injectAck(b, a, 4000));
    net.run({ until: ms(30) });
    expect(calls.dupAcks.map(([count]) => count)).toEqual([1, 2, 3, 4]);
    expect(resent).toEqual([0]);
    // Segment 0 was timed from its first transmission at 0 ms; the ACK injected at 20 ms arrives at 21 ms.
    expect(calls.samples).toEqual([[21, { retransmitted: true }]]);
  });

  it("drops the segments its `lose` script names before the link, and the receiver reports every ACK it sends", () => {
    const { net, a, b } = pair({ rate: 10e6, delay: ms(5) });
    const { policy, calls } = recordingPolicy(4000, { fastRetransmitAt: 3 });
    const sends: Array<[number, boolean]> = [];
    const acks: number[] = [];
    const sender = new BulkSender({
      now: () => toMs(net.now),
      from: a,
      to: b,
      total: 10_000,
      smss: 1000,
      policy,
      observer: { sent: (offset, _length, retransmission) => void sends.push([offset, retransmission]) },
      lose: (offset, _length, retransmission) => offset === 1000 && !retransmission,
    });
    const receiver = new BulkReceiver(b, a, { acked: (ack) => void acks.push(ack) });
    sender.start();
    net.run();
    expect(receiver.next).toBe(10_000);
    expect(sends.filter(([, retransmission]) => retransmission)).toEqual([[1000, true]]);
    // Segment 0 is acknowledged, then three segments past the hole each bring a duplicate ACK of 1000.
    expect(acks.slice(0, 4)).toEqual([1000, 1000, 1000, 1000]);
    expect(calls.dupAcks.map(([count]) => count)).toEqual([1, 2, 3]);
    expect(acks).toHaveLength(10);
    expect(acks.at(-1)).toBe(10_000);
  });

  it("runs the retransmission timer for the policy's RTO and goes back to SND.UNA when it expires", () => {
    const { net, a, b } = pair({ rate: Infinity, delay: ms(1) });
    const { policy, calls } = recordingPolicy(3000, { rtoMs: 200 });
    const sends: Array<[number, number, boolean]> = [];
    b.listenTcp(BULK_RECEIVER_PORT, () => {});
    const sender = new BulkSender({
      now: () => toMs(net.now),
      from: a,
      to: b,
      total: 10_000,
      smss: 1000,
      policy,
      observer: { sent: (offset, _length, retransmission) => void sends.push([toMs(net.now), offset, retransmission]) },
    });
    sender.start();
    net.run({ until: ms(250) });
    expect(calls.timeouts).toEqual([{ flightSize: 3000, ack: 0, highestSent: 3000 }]);
    expect(sends).toEqual([
      [0, 0, false],
      [0, 1000, false],
      [0, 2000, false],
      [200, 0, true],
      [200, 1000, true],
      [200, 2000, true],
    ]);
  });
});
