import type { Time } from "./time.ts";

/** A pending action in the simulator's queue; cancel it to stop it running. */
export interface Timer {
  /** The virtual time at which the action runs. */
  readonly time: Time;
  /** True until the action has run or been cancelled. */
  readonly pending: boolean;
  /** Stops the action from running. Cancelling twice, or after it ran, does nothing. */
  cancel(): void;
}

/** One queued action. `seq` orders actions scheduled for the same time. */
export class QueuedAction implements Timer {
  readonly time: Time;
  readonly seq: number;
  action: (() => void) | null;
  /** The lane this action came from, if any (its successor enters the heap when it leaves). */
  readonly lane: Lane | null;
  private readonly queue: EventQueue;

  constructor(queue: EventQueue, time: Time, seq: number, action: () => void, lane: Lane | null = null) {
    this.queue = queue;
    this.time = time;
    this.seq = seq;
    this.action = action;
    this.lane = lane;
  }

  get pending(): boolean {
    return this.action !== null;
  }

  cancel(): void {
    // A lane's actions cannot be cancelled (the simulator never hands them out as timers).
    if (this.action === null || this.lane !== null) return;
    this.action = null;
    this.queue.noteCancelled();
  }
}

/**
 * Actions scheduled in time order, each at or after the one before (such as
 * a link's in-order arrivals), that cannot be cancelled. Only the front one
 * is in the queue's heap; when it leaves, the next one takes its place with
 * the seq it was given when scheduled. Merging sorted runs this way pops
 * exactly the order that pushing each action into the heap would, with one
 * heap node per lane instead of one per action.
 */
export class Lane {
  /** Waiting actions from `head` on (the one at `head` is in the heap). */
  readonly times: Time[] = [];
  readonly seqs: number[] = [];
  readonly actions: Array<() => void> = [];
  head = 0;
}

/**
 * A binary min-heap of actions ordered by (time, seq): O(log n) insert and
 * removal, and simultaneous actions run in the order they were scheduled, so
 * runs are reproducible. Cancelling is O(1): a cancelled action stays in the
 * heap and is skipped when it reaches the top; the heap is rebuilt when more
 * than half of it is cancelled, so it cannot fill up with dead entries.
 *
 * Every simulated event passes through here twice, so the heap holds numbers
 * only: each node is a time and a slot (the slot names the entry and its seq
 * in `entryOf` and `seqOf`). Sifting then compares and moves plain numbers,
 * which V8 keeps unboxed, and never follows a pointer or pays the garbage
 * collector's write barrier for storing an object. Since (time, seq) is a
 * total order, the order of pops does not depend on how the heap is laid out.
 */
export class EventQueue {
  /** The heap: node i is due at times[i] and holds slots[i]. The two arrays move together. */
  private times: Time[] = [];
  private slots: number[] = [];
  /** By slot: the entry and its seq. A slot is reused once its entry has left the heap. */
  private entryOf: Array<QueuedAction | undefined> = [];
  private seqOf: number[] = [];
  private freeSlots: number[] = [];
  private nextSeq = 0;
  private cancelled = 0;
  /** Actions in lanes behind their lane's front (not in the heap). */
  private behindInLanes = 0;

  /** Number of actions still pending. */
  get size(): number {
    return this.times.length - this.cancelled + this.behindInLanes;
  }

  /** Adds `action` to run at `time`. */
  push(time: Time, action: () => void): QueuedAction {
    const entry = new QueuedAction(this, time, this.nextSeq++, action);
    this.insert(entry);
    return entry;
  }

  /** Adds `action` to run at `time` on `lane`; `time` must not be before the lane's last action. */
  pushInLane(lane: Lane, time: Time, action: () => void): void {
    const last = lane.times.length - 1;
    if (last >= lane.head && time < lane.times[last]!) {
      throw new RangeError(`EventQueue.pushInLane: time ${time} is before the lane's last action (${lane.times[last]})`);
    }
    const seq = this.nextSeq++;
    if (last < lane.head) {
      // An empty lane: this action is its front, so it goes in the heap.
      if (lane.head > 0) {
        lane.times.length = lane.seqs.length = lane.actions.length = lane.head = 0;
      }
      this.insert(new QueuedAction(this, time, seq, action, lane));
    } else {
      this.behindInLanes++;
    }
    lane.times.push(time);
    lane.seqs.push(seq);
    lane.actions.push(action);
  }

  /** Puts an entry in the heap. */
  private insert(entry: QueuedAction): void {
    const time = entry.time;
    const seq = entry.seq;
    let slot = this.freeSlots.pop();
    if (slot === undefined) slot = this.entryOf.length;
    this.entryOf[slot] = entry;
    this.seqOf[slot] = seq;
    // Sift up. (A lane's action enters with the seq it got when scheduled, so ties compare seqs.)
    const times = this.times;
    const slots = this.slots;
    const seqOf = this.seqOf;
    let index = times.length;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && seqOf[slots[parent]!]! < seq)) break;
      times[index] = times[parent]!;
      slots[index] = slots[parent]!;
      index = parent;
    }
    times[index] = time;
    slots[index] = slot;
  }

  /** The earliest pending action, without removing it. */
  peek(): QueuedAction | undefined {
    this.dropCancelledTop();
    return this.times.length === 0 ? undefined : this.entryOf[this.slots[0]!];
  }

  /** Removes and returns the earliest pending action. */
  pop(): QueuedAction | undefined {
    this.dropCancelledTop();
    return this.times.length === 0 ? undefined : this.removeTop();
  }

  /** Removes and returns the earliest pending action if it is due at or before `limit`. */
  popDue(limit: Time): QueuedAction | undefined {
    // The simulator's loop: reads the top entry once (cancelled ones due by `limit` are dropped on the way).
    while (this.times.length > 0 && this.times[0]! <= limit) {
      const top = this.removeTop();
      if (top.action !== null) return top;
      this.cancelled--;
    }
    return undefined;
  }

  /** Called by a QueuedAction when it is cancelled. */
  noteCancelled(): void {
    this.cancelled++;
    if (this.cancelled > 64 && this.cancelled * 2 > this.times.length) this.rebuild();
  }

  private dropCancelledTop(): void {
    while (this.times.length > 0 && this.entryOf[this.slots[0]!]!.action === null) {
      this.removeTop();
      this.cancelled--;
    }
  }

  /** Removes the top entry (the heap must not be empty), frees its slot and returns it. */
  private removeTop(): QueuedAction {
    const slot = this.slots[0]!;
    const top = this.entryOf[slot]!;
    this.entryOf[slot] = undefined;
    this.freeSlots.push(slot);
    const lastSlot = this.slots.pop()!;
    const lastTime = this.times.pop()!;
    if (this.times.length > 0) this.siftDown(0, lastTime, lastSlot);
    if (top.lane !== null) this.advance(top.lane);
    return top;
  }

  /** The front of `lane` has left the heap: its next action, if any, goes in. */
  private advance(lane: Lane): void {
    const head = ++lane.head;
    if (head === lane.times.length) return;
    this.behindInLanes--;
    this.insert(new QueuedAction(this, lane.times[head]!, lane.seqs[head]!, lane.actions[head]!, lane));
    if (head > 1024 && head * 2 > lane.times.length) {
      lane.times.splice(0, head);
      lane.seqs.splice(0, head);
      lane.actions.splice(0, head);
      lane.head = 0;
    }
  }

  private rebuild(): void {
    const times: Time[] = [];
    const slots: number[] = [];
    for (let i = 0; i < this.times.length; i++) {
      const slot = this.slots[i]!;
      if (this.entryOf[slot]!.action === null) {
        this.entryOf[slot] = undefined;
        this.freeSlots.push(slot);
      } else {
        times.push(this.times[i]!);
        slots.push(slot);
      }
    }
    this.times = times;
    this.slots = slots;
    this.cancelled = 0;
    for (let i = (times.length >> 1) - 1; i >= 0; i--) this.siftDown(i, times[i]!, slots[i]!);
  }

  /** Puts the node (time, slot) at `index` or below it, moving earlier children up. */
  private siftDown(index: number, time: Time, slot: number): void {
    const times = this.times;
    const slots = this.slots;
    const seqOf = this.seqOf;
    const length = times.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      let childTime = times[child]!;
      const right = child + 1;
      if (right < length) {
        const rightTime = times[right]!;
        // Seqs are looked up only on a tie of times.
        if (rightTime < childTime || (rightTime === childTime && seqOf[slots[right]!]! < seqOf[slots[child]!]!)) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && seqOf[slot]! < seqOf[slots[child]!]!)) break;
      times[index] = childTime;
      slots[index] = slots[child]!;
      index = child;
    }
    times[index] = time;
    slots[index] = slot;
  }
}
