import type { Lane } from "../core/event-queue.ts";
import type { Random } from "../core/random.ts";
import { serialisationDelay, type Time } from "../core/time.ts";
import type { DropReason } from "../trace/events.ts";
import type { LinkMetrics } from "../trace/metrics.ts";
import type { NetworkContext } from "./context.ts";
import type { LinkConfig } from "./link-config.ts";
import { createLossProcess, type LossProcess } from "./loss.ts";
import type { Packet } from "./packet.ts";

/**
 * One random stream per kind of fault, each forked from the link's own, so
 * one setting never changes another's draws: turning on 1 ms of jitter or a
 * corruption rate of 1e-9 leaves the same packets lost as before.
 */
interface FaultStreams {
  readonly jitter: Random;
  readonly reorder: Random;
  readonly loss: Random;
  readonly corrupt: Random;
  /** Which bits a corrupted packet has flipped (apart from whether it is corrupted). */
  readonly corruptBits: Random;
  readonly duplicate: Random;
}

function faultStreams(link: Random): FaultStreams {
  return {
    jitter: link.fork("jitter"),
    reorder: link.fork("reorder"),
    loss: link.fork("loss"),
    corrupt: link.fork("corrupt"),
    corruptBits: link.fork("corrupt-bits"),
    duplicate: link.fork("duplicate"),
  };
}

/**
 * What happens to one packet on the wire, decided when it enters the link:
 * these flags or'ed together (a number, so a packet in flight costs no object).
 */
const LOST = 1;
const CORRUPTED = 2;
const DUPLICATED = 4;

/**
 * One direction of a link. A packet that enters it is checked against the
 * MTU, waits in a drop-tail queue while earlier packets are serialised at the
 * link's rate, then propagates (with jitter, maybe reordering) and may be
 * lost, corrupted or duplicated before it arrives at the far end.
 *
 * The queue is modelled arithmetically: a packet's transmission starts when
 * the previous one ends, so each packet costs one scheduled event (its
 * arrival), however long the queue.
 *
 * Packets that are not reordered arrive in the order they were sent: their
 * arrival times never decrease, and the simulator runs actions due at the
 * same time in the order they were scheduled. So they wait in a FIFO
 * (`wirePackets`, `wireFates`) and their arrival events all run one shared
 * function that takes the front one, rather than a closure made per packet,
 * and go on a simulator lane, so the event queue's heap holds only the next
 * one: this is the hot path of every simulation. A reordered packet gets its
 * own closure and an ordinary event.
 */
export class Link {
  /** "from->to". */
  readonly name: string;
  readonly config: LinkConfig;
  private readonly context: NetworkContext;
  private readonly random: FaultStreams;
  private readonly loss: LossProcess;
  private readonly metrics: LinkMetrics;
  private receiver: (packet: Packet) => void = () => {};
  /** When the transmitter finishes the last packet it accepted. */
  private busyUntil: Time = 0;
  /** Latest arrival so far, so jitter never reorders packets. */
  private lastArrival: Time = 0;
  /** Packets accepted but not yet being transmitted: start times and sizes. */
  private waitingStarts: Time[] = [];
  private waitingSizes: number[] = [];
  private waitingHead = 0;
  private waitingBytes = 0;
  /** Packets on the wire in arrival order (not the reordered ones), and their fates. */
  private wirePackets: Packet[] = [];
  private wireFates: number[] = [];
  private wireHead = 0;
  /** The arrival events of the packets in `wirePackets`, in order. */
  private readonly lane: Lane;
  private readonly arriveNext = (): void => {
    const head = this.wireHead++;
    const packet = this.wirePackets[head]!;
    const fate = this.wireFates[head]!;
    if (this.wireHead > 1024 && this.wireHead * 2 > this.wirePackets.length) {
      this.wirePackets = this.wirePackets.slice(this.wireHead);
      this.wireFates = this.wireFates.slice(this.wireHead);
      this.wireHead = 0;
    }
    this.arrive(packet, fate);
  };

  constructor(context: NetworkContext, name: string, config: LinkConfig) {
    this.context = context;
    this.name = name;
    this.config = config;
    this.random = faultStreams(context.sim.random.fork(`link:${name}`));
    this.lane = context.sim.lane();
    this.loss = createLossProcess(config.loss);
    this.metrics = context.metrics.link(name);
  }

  /** Sets who gets the packets that arrive at the far end. */
  connect(receiver: (packet: Packet) => void): void {
    this.receiver = receiver;
  }

  /** Bytes waiting in the queue now (not counting the packet being sent). */
  get queuedBytes(): number {
    this.releaseStarted(this.context.sim.now);
    return this.waitingBytes;
  }

  /** Puts a packet on the link. */
  send(packet: Packet): void {
    const { sim, trace } = this.context;
    const now = sim.now;
    const size = packet.bytes.length;
    const config = this.config;
    this.metrics.packetsSent++;
    this.metrics.bytesSent += size;
    if (trace.active) trace.emit({ kind: "send", time: now, link: this.name, packet: packet.id, size });
    if (trace.capturing) trace.capture({ time: now, link: this.name, packet: packet.id, bytes: packet.bytes });
    if (size > config.mtu) return this.drop(packet, "mtu");

    this.releaseStarted(now);
    let start = now;
    if (this.busyUntil > now) {
      if (this.waitingBytes + size > config.queueBytes) return this.drop(packet, "queue-full");
      if (trace.active) {
        trace.emit({ kind: "queue", time: now, link: this.name, packet: packet.id, size, queueBytes: this.waitingBytes });
      }
      start = this.busyUntil;
      this.waitingStarts.push(start);
      this.waitingSizes.push(size);
      this.waitingBytes += size;
      this.metrics.noteQueue(now, this.waitingBytes);
    }
    this.busyUntil = start + serialisationDelay(size, config.rate);

    const random = this.random;
    let arrival = this.busyUntil + config.delay;
    if (config.jitter > 0) arrival += random.jitter.int(0, config.jitter);
    const reordered = config.reorder > 0 && random.reorder.chance(config.reorder);
    if (reordered) {
      arrival += config.reorderDelay;
    } else {
      if (arrival < this.lastArrival) arrival = this.lastArrival;
      this.lastArrival = arrival;
    }
    // Drawn in this order: loss, corruption, duplication.
    let fate = this.loss.next(random.loss) ? LOST : 0;
    if (config.corrupt > 0 && random.corrupt.chance(config.corrupt)) fate |= CORRUPTED;
    if (config.duplicate > 0 && random.duplicate.chance(config.duplicate)) fate |= DUPLICATED;
    if (reordered) {
      sim.at(arrival, () => this.arrive(packet, fate));
    } else {
      this.wirePackets.push(packet);
      this.wireFates.push(fate);
      sim.atInLane(this.lane, arrival, this.arriveNext);
    }
  }

  /** Brings the queue statistics up to the current time. */
  settle(): void {
    this.releaseStarted(this.context.sim.now);
  }

  private arrive(packet: Packet, fate: number): void {
    if (fate & LOST) return this.drop(packet, "loss");
    const arrived = fate & CORRUPTED ? this.corrupt(packet) : packet;
    const copy = fate & DUPLICATED ? this.duplicate(arrived) : undefined;
    this.deliver(arrived);
    if (copy !== undefined) this.deliver(copy);
  }

  private deliver(packet: Packet): void {
    const { sim, trace } = this.context;
    this.metrics.packetsArrived++;
    this.metrics.bytesArrived += packet.bytes.length;
    if (trace.active) {
      trace.emit({ kind: "arrive", time: sim.now, link: this.name, packet: packet.id, size: packet.bytes.length });
    }
    this.receiver(packet);
  }

  private corrupt(packet: Packet): Packet {
    const bytes = packet.bytes.slice();
    const bits: number[] = [];
    for (let i = 0; i < this.config.corruptBits; i++) {
      const bit = this.random.corruptBits.int(0, bytes.length * 8 - 1);
      bytes[bit >> 3]! ^= 0x80 >> (bit & 7);
      bits.push(bit);
    }
    const { sim, trace } = this.context;
    if (trace.active) trace.emit({ kind: "corrupt", time: sim.now, link: this.name, packet: packet.id, bits });
    return { id: packet.id, bytes };
  }

  private duplicate(packet: Packet): Packet {
    const copy = { id: this.context.newPacketId(), bytes: packet.bytes.slice() };
    const { sim, trace } = this.context;
    if (trace.active) trace.emit({ kind: "duplicate", time: sim.now, link: this.name, packet: packet.id, copy: copy.id });
    return copy;
  }

  private drop(packet: Packet, reason: DropReason): void {
    const { sim, trace } = this.context;
    this.metrics.noteDrop(reason);
    if (trace.active) {
      trace.emit({ kind: "drop", time: sim.now, where: this.name, packet: packet.id, size: packet.bytes.length, reason });
    }
  }

  /** Forgets queued packets whose transmission has started by `now`. */
  private releaseStarted(now: Time): void {
    const starts = this.waitingStarts;
    while (this.waitingHead < starts.length && starts[this.waitingHead]! <= now) {
      this.waitingBytes -= this.waitingSizes[this.waitingHead]!;
      this.metrics.noteQueue(starts[this.waitingHead]!, this.waitingBytes);
      this.waitingHead++;
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > starts.length) {
      this.waitingStarts = starts.slice(this.waitingHead);
      this.waitingSizes = this.waitingSizes.slice(this.waitingHead);
      this.waitingHead = 0;
    }
  }
}
