/** Helpers for benchmarks: repeat a measurement and keep the median. */

/** Runs `work` (which returns how many operations it did) `runs` times; returns the median rate per second. */
export function medianRate(runs: number, work: () => number): number {
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const operations = work();
    const seconds = (performance.now() - start) / 1000;
    rates.push(operations / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

/** Prints one figure as `name: value unit`. */
export function report(name: string, value: number, unit: string): void {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  console.log(`${name}: ${value.toFixed(digits)} ${unit}`);
}
