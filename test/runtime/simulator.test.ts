import { describe, expect, it } from "vitest";
import { EventQueue } from "#runtime/core/event-queue.ts";
import { Random } from "#runtime/core/random.ts";
import { Simulator } from "#runtime/core/simulator.ts";
import { formatTime, ms, seconds, serialisationDelay, us } from "#runtime/core/time.ts";

describe("virtual time", () => {
  it("is integer nanoseconds", () => {
    expect([us(1), ms(1.5), seconds(2)]).toEqual([1_000, 1_500_000, 2_000_000_000]);
    expect(formatTime(ms(12.3456))).toBe("12.346 ms");
    expect(formatTime(seconds(1.5))).toBe("1.500 s");
  });

  it("serialises bits at the link rate exactly, rounding partial nanoseconds up", () => {
    expect(serialisationDelay(1500, 10e6)).toBe(1_200_000); // 12,000 bits at 10 Mb/s = 1.2 ms
    expect(serialisationDelay(1500, 1e9)).toBe(12_000);
    expect(serialisationDelay(1, 3)).toBe(2_666_666_667); // 8/3 s, rounded up
    expect(serialisationDelay(1500, Infinity)).toBe(0);
  });
});

describe("EventQueue", () => {
  it("pops in time order, and in insertion order for equal times", () => {
    const queue = new EventQueue();
    const random = new Random(1);
    const inserted: Array<{ time: number; label: number }> = [];
    for (let label = 0; label < 2000; label++) {
      const time = random.int(0, 50); // many ties
      inserted.push({ time, label });
      queue.push(time, () => label);
    }
    const popped: Array<{ time: number; label: number }> = [];
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
      popped.push({ time: entry.time, label: entry.seq });
    }
    const expected = [...inserted].sort((a, b) => a.time - b.time || a.label - b.label);
    expect(popped).toEqual(expected);
  });

  it("skips cancelled entries and compacts when most are cancelled", () => {
    const queue = new EventQueue();
    const timers = Array.from({ length: 1000 }, (_, i) => queue.push(i, () => {}));
    for (const timer of timers) if (timer.time % 10 !== 0) timer.cancel();
    timers[0]!.cancel();
    timers[0]!.cancel(); // twice is harmless
    expect(queue.size).toBe(99);
    const times: number[] = [];
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) times.push(entry.time);
    expect(times).toEqual(Array.from({ length: 99 }, (_, i) => (i + 1) * 10));
  });
});

describe("Simulator", () => {
  it("advances the clock to each action and runs simultaneous actions in scheduling order", () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.after(ms(5), () => log.push(`b@${sim.now}`));
    sim.after(ms(1), () => {
      log.push(`a@${sim.now}`);
      sim.after(ms(4), () => log.push(`c@${sim.now}`)); // same time as b, scheduled later
    });
    sim.run();
    expect(log).toEqual(["a@1000000", "b@5000000", "c@5000000"]);
    expect(sim.eventsRun).toBe(3);
  });

  it("cancels timers", () => {
    const sim = new Simulator();
    let fired = false;
    const timer = sim.after(ms(10), () => (fired = true));
    expect(timer.pending).toBe(true);
    timer.cancel();
    sim.run();
    expect(fired).toBe(false);
    expect(timer.pending).toBe(false);
  });

  it("stops at `until` and moves the clock there", () => {
    const sim = new Simulator();
    const fired: number[] = [];
    for (const t of [1, 2, 3, 4]) sim.at(ms(t), () => fired.push(t));
    sim.run({ until: ms(2.5) });
    expect(fired).toEqual([1, 2]);
    expect(sim.now).toBe(ms(2.5));
    expect(sim.pendingEvents).toBe(2);
  });

  it("stops after maxEvents, which bounds a runaway timer loop", () => {
    const sim = new Simulator();
    const loop = () => void sim.after(0, loop);
    loop();
    sim.run({ maxEvents: 1000 });
    expect(sim.eventsRun).toBe(1000);
    expect(sim.now).toBe(0);
  });

  it("refuses times in the past and invalid delays with a clear message", () => {
    const sim = new Simulator();
    sim.run({ until: ms(10) });
    expect(() => sim.at(ms(5), () => {})).toThrow(/before now/);
    expect(() => sim.after(-1, () => {})).toThrow(/delay must be/);
    expect(() => sim.after(Number.NaN, () => {})).toThrow(/delay must be/);
  });
});

describe("Simulator lanes", () => {
  it("run a lane's actions in exactly the order at() would, ties included", () => {
    // One schedule run twice: all through at(), then with three lanes (each in time order) mixed with at().
    const random = new Random(3);
    const laneTimes = [0, 0, 0];
    const plan = Array.from({ length: 3000 }, (_, label) => {
      const lane = random.int(-1, 2);
      const time = lane < 0 ? random.int(0, 2000) : (laneTimes[lane]! += random.int(0, 3));
      return { label, lane, time };
    });
    const order = (useLanes: boolean): number[] => {
      const sim = new Simulator({ seed: 1 });
      const lanes = [sim.lane(), sim.lane(), sim.lane()];
      const ran: number[] = [];
      for (const { label, lane, time } of plan) {
        if (useLanes && lane >= 0) sim.atInLane(lanes[lane]!, time, () => ran.push(label));
        else sim.at(time, () => ran.push(label));
      }
      expect(sim.pendingEvents).toBe(plan.length);
      sim.run();
      expect(sim.pendingEvents).toBe(0);
      return ran;
    };
    const plain = order(false);
    expect(plain).toHaveLength(plan.length);
    expect(order(true)).toEqual(plain);
  });

  it("refuses a time before the lane's last one, or before now", () => {
    const sim = new Simulator({ seed: 1 });
    const lane = sim.lane();
    sim.atInLane(lane, ms(5), () => {});
    expect(() => sim.atInLane(lane, ms(4), () => {})).toThrow(RangeError);
    sim.atInLane(lane, ms(5), () => {});
    sim.run();
    expect(() => sim.atInLane(lane, ms(1), () => {})).toThrow(RangeError);
    // An emptied lane starts again from any time not before now.
    sim.atInLane(lane, ms(6), () => {});
    expect(sim.pendingEvents).toBe(1);
  });
});
