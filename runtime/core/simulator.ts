import { EventQueue, Lane, type Timer } from "./event-queue.ts";
import { Random } from "./random.ts";
import type { Time } from "./time.ts";

/** Options for {@link Simulator.run}. */
export interface RunOptions {
  /** Stop after the last action at or before this time; `now` becomes `until`. */
  until?: Time;
  /** Stop after this many actions (a guard against endless timer loops). */
  maxEvents?: number;
}

/**
 * The discrete-event simulator: a virtual clock and a queue of actions.
 * Time only moves when the simulator runs the next action, so a simulated
 * minute takes as long as the work in it, and the same seed always gives the
 * same run.
 */
export class Simulator {
  /** The root random stream; fork it per component (`sim.random.fork("name")`). */
  readonly random: Random;
  private readonly queue = new EventQueue();
  private clock: Time = 0;
  private executed = 0;

  /** A simulator whose randomness all derives from `seed`. */
  constructor(options: { seed?: number | bigint } = {}) {
    this.random = new Random(options.seed ?? 1);
  }

  /** The current virtual time, in nanoseconds. */
  get now(): Time {
    return this.clock;
  }

  /** Number of actions run so far. */
  get eventsRun(): number {
    return this.executed;
  }

  /** Number of actions waiting to run. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Runs `action` at virtual time `time` (not before now). */
  at(time: Time, action: () => void): Timer {
    if (!(time >= this.clock) || !Number.isFinite(time)) {
      throw new RangeError(`Simulator.at: time ${time} is before now (${this.clock}) or not finite`);
    }
    return this.queue.push(time, action);
  }

  /**
   * A lane for actions scheduled in time order ({@link atInLane}): a link's
   * in-order arrivals, for example. The order they run in is the same as with
   * {@link at}; the queue's heap just holds one of them at a time.
   */
  lane(): Lane {
    return new Lane();
  }

  /**
   * Runs `action` at `time` like {@link at}, on `lane`, whose times must never
   * decrease. It cannot be cancelled.
   */
  atInLane(lane: Lane, time: Time, action: () => void): void {
    if (!(time >= this.clock) || !Number.isFinite(time)) {
      throw new RangeError(`Simulator.atInLane: time ${time} is before now (${this.clock}) or not finite`);
    }
    this.queue.pushInLane(lane, time, action);
  }

  /** Runs `action` after `delay` nanoseconds of virtual time. */
  after(delay: Time, action: () => void): Timer {
    if (!(delay >= 0) || !Number.isFinite(delay)) {
      throw new RangeError(`Simulator.after: delay must be a finite number >= 0, got ${delay}`);
    }
    return this.queue.push(this.clock + delay, action);
  }

  /** Runs the next action, if any. Returns false when the queue is empty. */
  step(): boolean {
    return this.runNext(Infinity);
  }

  /** Runs actions until the queue is empty or a limit in `options` is reached. */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    const lastEvent = options.maxEvents === undefined ? Infinity : this.executed + options.maxEvents;
    while (this.executed < lastEvent && this.runNext(until));
    if (until !== Infinity && until > this.clock && this.executed < lastEvent) this.clock = until;
  }

  /** Runs the earliest action if it is due by `limit`; false if there is none. */
  private runNext(limit: Time): boolean {
    const next = this.queue.popDue(limit);
    if (next === undefined) return false;
    this.clock = next.time;
    const action = next.action!;
    next.action = null;
    this.executed++;
    action();
    return true;
  }
}
