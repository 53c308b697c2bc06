/** Axis arithmetic shared by the ladder and the window plot: nice steps and their labels. */

/**
 * The smallest "nice" step (1, 2 or 5 times a power of ten) that is at
 * least `minStep`. `niceStep(37)` is 50, `niceStep(0.3)` is 0.5.
 */
export function niceStep(minStep: number): number {
  if (!(minStep > 0) || !Number.isFinite(minStep)) return 1;
  const power = 10 ** Math.floor(Math.log10(minStep));
  for (const factor of [1, 2, 5, 10]) {
    const step = factor * power;
    // Tolerate float noise: 0.30000000000000004 should still give 0.5, not 1.
    if (step >= minStep * (1 - 1e-9)) return step;
  }
  return 10 * power;
}

/** Tick values from 0 (or the first multiple of `step` at or above `min`) to `max`, inclusive. */
export function ticks(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(min / step - 1e-9) * step;
  for (let i = 0; ; i++) {
    const value = first + i * step;
    if (value > max + step * 1e-9) break;
    out.push(Number(value.toPrecision(12)));
    if (out.length > 10_000) break;
  }
  return out;
}

/** A number with at most `digits` decimals and no trailing zeros: 12, 12.5, 0.25. */
export function formatNumber(value: number, digits = 3): string {
  return String(Number(value.toFixed(digits)));
}

/** A time in milliseconds for labels: "0", "12.5", "1200". */
export function msLabel(ms: number): string {
  return formatNumber(ms, Math.abs(ms) >= 100 ? 0 : ms >= 10 ? 1 : 3);
}

/** Bytes for axis labels: 900, 14.6k, 1.2M. */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= 1_000_000) return `${formatNumber(bytes / 1_000_000, 2)}M`;
  if (Math.abs(bytes) >= 10_000) return `${formatNumber(bytes / 1000, 1)}k`;
  return formatNumber(bytes, 0);
}
