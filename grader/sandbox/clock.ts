/**
 * The time limit of one wait on a child (its boot, a load, a run). Where
 * the host can measure the child's CPU time (Node on Linux reads it from
 * /proc), the limit counts that: a busy machine slows the child's wall
 * clock, not its CPU time, so a correct submission keeps its points however
 * loaded the machine is. A much longer wall-clock backstop still ends a
 * child that never gets to use its CPU time. A browser cannot measure a
 * worker's CPU time, so there the limit is wall-clock time, as it was.
 * No Node or browser API beyond performance.now().
 */

/**
 * How much longer than the CPU limit a child may take by the wall clock.
 * Nothing in the sandbox can block without using CPU (no timers, I/O or
 * Atomics; a promise that never settles is reported at once), so this
 * only ends a child starved of CPU: generous, as a class's grading on a
 * shared machine can leave each child a tenth of a core.
 */
export function wallBackstopMs(cpuLimitMs: number): number {
  return 20 * cpuLimitMs + 10_000;
}

/** Waits are cut into slices no longer than this, to look at the CPU time between them. */
const LONGEST_SLICE_MS = 250;
/** ... and no shorter than this: /proc counts CPU time in 10 ms ticks. */
const SHORTEST_SLICE_MS = 20;

/** What ran out. */
export type Expiry = "cpu" | "wall";

export class Clock {
  readonly #cpu: () => number | undefined;
  readonly #limitMs: number;
  readonly #wallLimitMs: number;
  readonly #cpuStart: number | undefined;
  readonly #wallStart = performance.now();

  /** `cpu`: the child's CPU time so far (ms), or undefined if it cannot be measured. */
  constructor(cpu: () => number | undefined, limitMs: number) {
    this.#cpu = cpu;
    this.#limitMs = limitMs;
    this.#cpuStart = cpu();
    this.#wallLimitMs = this.#cpuStart === undefined ? limitMs : wallBackstopMs(limitMs);
  }

  /** True when the limit is CPU time. */
  get countsCpu(): boolean {
    return this.#cpuStart !== undefined;
  }

  /** The CPU time used since the clock started (ms), if measured. */
  cpuUsedMs(): number | undefined {
    const now = this.#cpu();
    return now === undefined || this.#cpuStart === undefined ? undefined : now - this.#cpuStart;
  }

  /** How long to wait before looking again (0: look now). */
  nextWaitMs(): number {
    const wallLeft = this.#wallStart + this.#wallLimitMs - performance.now();
    const cpuUsed = this.cpuUsedMs();
    if (cpuUsed === undefined) return Math.max(0, wallLeft);
    // CPU time grows no faster than wall time on the child's main thread (its other threads do little).
    const slice = Math.min(LONGEST_SLICE_MS, Math.max(SHORTEST_SLICE_MS, this.#limitMs - cpuUsed));
    return Math.max(0, Math.min(wallLeft, slice));
  }

  /** What has run out, if anything. */
  expired(): Expiry | undefined {
    const cpuUsed = this.cpuUsedMs();
    if (cpuUsed !== undefined && cpuUsed >= this.#limitMs) return "cpu";
    return performance.now() - this.#wallStart >= this.#wallLimitMs ? "wall" : undefined;
  }

  /** The wall-clock limit (ms): the limit itself, or the backstop when CPU time is counted. */
  get wallLimitMs(): number {
    return this.#wallLimitMs;
  }
}
