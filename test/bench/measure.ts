/**
 * Helpers for benchmarks: repeat a measurement, keep the median and the
 * spread, and say how busy the machine was (these 2-core machines are often
 * shared, and a figure means little without its load).
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/** Several measurements of one figure. */
export interface Sample {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function sampleOf(values: readonly number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

/** Runs `work` (which returns how many operations it did) `runs` times; returns the rates per second. */
export function rates(runs: number, work: () => number): Sample {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const operations = work();
    values.push(operations / ((performance.now() - start) / 1000));
  }
  return sampleOf(values);
}

/** Runs `work` `runs` times; returns its wall-clock times in ms. */
export async function times(runs: number, work: () => unknown): Promise<Sample> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    values.push(performance.now() - start);
  }
  return sampleOf(values);
}

const format = (value: number) => value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);

/** Prints one figure as `name: median unit (min–max over N runs)`, scaled by `scale`. */
export function report(name: string, value: number | Sample, unit: string, scale = 1): void {
  if (typeof value === "number") {
    console.log(`${name}: ${format(value / scale)} ${unit}`);
    return;
  }
  const spread = value.runs > 1 ? ` (${format(value.min / scale)}–${format(value.max / scale)} over ${value.runs} runs)` : "";
  console.log(`${name}: ${format(value.median / scale)} ${unit}${spread}`);
}

/** The machine's load, to print before and after: "load 0.42 0.51 0.60 on 2 cores". */
export function machineLoad(): string {
  return `load ${loadavg().map((l) => l.toFixed(2)).join(" ")} on ${availableParallelism()} cores`;
}

/**
 * CPU time (ms) used so far by this process and by the children it has
 * waited for (and theirs): on a shared machine a grader's CPU time holds
 * still when its wall-clock time does not. Undefined where /proc is missing.
 */
export function cpuMsWithChildren(): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime, stime, cutime, cstime are the 12th to 15th.
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    // In clock ticks of 1/USER_HZ s, which Linux fixes at 100 for user space on x86 and Arm.
    return ticks * 10;
  } catch {
    return undefined;
  }
}
