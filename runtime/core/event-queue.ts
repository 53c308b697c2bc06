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
  private readonly queue: EventQueue;

  constructor(queue: EventQueue, time: Time, seq: number, action: () => void) {
    this.queue = queue;
    this.time = time;
    this.seq = seq;
    this.action = action;
  }

  get pending(): boolean {
    return this.action !== null;
  }

  cancel(): void {
    if (this.action === null) return;
    this.action = null;
    this.queue.noteCancelled();
  }
}

/**
 * A binary min-heap of actions ordered by (time, seq): O(log n) insert and
 * removal, and simultaneous actions run in the order they were scheduled, so
 * runs are reproducible. Cancelling is O(1): a cancelled action stays in the
 * heap and is skipped when it reaches the top; the heap is rebuilt when more
 * than half of it is cancelled, so it cannot fill up with dead entries.
 */
export class EventQueue {
  private heap: QueuedAction[] = [];
  private nextSeq = 0;
  private cancelled = 0;

  /** Number of actions still pending. */
  get size(): number {
    return this.heap.length - this.cancelled;
  }

  /** Adds `action` to run at `time`. */
  push(time: Time, action: () => void): QueuedAction {
    const entry = new QueuedAction(this, time, this.nextSeq++, action);
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
    return entry;
  }

  /** The earliest pending action, without removing it. */
  peek(): QueuedAction | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  /** Removes and returns the earliest pending action. */
  pop(): QueuedAction | undefined {
    this.dropCancelledTop();
    return this.removeTop();
  }

  /** Removes and returns the earliest pending action if it is due at or before `limit`. */
  popDue(limit: Time): QueuedAction | undefined {
    this.dropCancelledTop();
    const top = this.heap[0];
    if (top === undefined || top.time > limit) return undefined;
    return this.removeTop();
  }

  /** Called by a QueuedAction when it is cancelled. */
  noteCancelled(): void {
    this.cancelled++;
    if (this.cancelled > 64 && this.cancelled * 2 > this.heap.length) this.rebuild();
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.action === null) {
      this.removeTop();
      this.cancelled--;
    }
  }

  private removeTop(): QueuedAction | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top !== last && last !== undefined) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private rebuild(): void {
    this.heap = this.heap.filter((entry) => entry.action !== null);
    this.cancelled = 0;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const entry = heap[index]!;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length && before(heap[right]!, heap[child]!)) child = right;
      if (!before(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = entry;
  }
}

function before(a: QueuedAction, b: QueuedAction): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
