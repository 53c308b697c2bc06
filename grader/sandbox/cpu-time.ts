/**
 * A process's CPU time, read from Linux's /proc (user plus system time of
 * all its threads), so the sandbox's limits count the learner's CPU time,
 * not the wall clock a busy machine stretches (clock.ts). Elsewhere there
 * is no such file and the limits stay wall-clock time.
 */
import { existsSync, readFileSync } from "node:fs";

/** True when this system shows processes' CPU time in /proc. */
export const CPU_FROM_PROC = process.platform === "linux" && existsSync(`/proc/${process.pid}/stat`);

/** Clock ticks per second in /proc's figures: USER_HZ, 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** The CPU time process `pid` has used (ms), or undefined if it cannot be read (it has ended). */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15; here field 3 is index 0.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}
