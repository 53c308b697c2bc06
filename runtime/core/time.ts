/**
 * Virtual time. Every time and duration in the runtime is an integer number of
 * nanoseconds since the simulation started. Integers keep arithmetic exact
 * (a 1500-byte packet at 10 Mb/s takes exactly 1_200_000 ns) and identical in
 * every JavaScript engine; doubles hold integers exactly up to 2^53 ns, about
 * 104 days of virtual time.
 *
 * Build durations with {@link ns}, {@link us}, {@link ms} and {@link seconds}
 * rather than writing raw numbers: `sim.after(ms(200), retransmit)`.
 */
export type Time = number;

/** A duration of `n` nanoseconds (rounded to a whole nanosecond). */
export function ns(n: number): Time {
  return Math.round(n);
}

/** A duration of `n` microseconds, in nanoseconds. */
export function us(n: number): Time {
  return Math.round(n * 1_000);
}

/** A duration of `n` milliseconds, in nanoseconds. */
export function ms(n: number): Time {
  return Math.round(n * 1_000_000);
}

/** A duration of `n` seconds, in nanoseconds. */
export function seconds(n: number): Time {
  return Math.round(n * 1_000_000_000);
}

/** Converts a virtual time or duration to (fractional) milliseconds. */
export function toMs(time: Time): number {
  return time / 1_000_000;
}

/** Converts a virtual time or duration to (fractional) seconds. */
export function toSeconds(time: Time): number {
  return time / 1_000_000_000;
}

/**
 * Time on the wire to serialise `bytes` at `bitsPerSecond`, rounded up to a
 * whole nanosecond so a link never sends faster than its rate.
 * An infinite rate takes no time.
 */
export function serialisationDelay(bytes: number, bitsPerSecond: number): Time {
  if (bitsPerSecond === Infinity) return 0;
  return Math.ceil((bytes * 8 * 1_000_000_000) / bitsPerSecond);
}

/** Formats a time for people: `12.345 ms`, `1.500 s`, `250 µs`, `40 ns`. */
export function formatTime(time: Time): string {
  const magnitude = Math.abs(time);
  if (magnitude >= 1_000_000_000) return `${(time / 1_000_000_000).toFixed(3)} s`;
  if (magnitude >= 1_000_000) return `${(time / 1_000_000).toFixed(3)} ms`;
  if (magnitude >= 1_000) return `${(time / 1_000).toFixed(3)} µs`;
  return `${time} ns`;
}
