/**
 * The sawtooth's runs, as the recorder and the live simulation compute them
 * (the recorder finds it beside sawtooth.model.ts; sawtooth-compute.ts runs it in a worker).
 */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runSawtooth, type SawtoothPoint } from "./sawtooth.ts";
import type { PackedPoint, SawtoothView } from "./sawtooth-view.ts";
import { CLASS_SEEDS, DURATION_MS, LOSS_RATES, QUEUES, RATE_BPS, RTTS, sawtoothFile, sawtoothKey, VARIANTS, type SawtoothControls } from "./sawtooth-controls.ts";

/** Keeps the points that change the picture (a CA step of a fraction of a segment does not). */
function thin(points: readonly SawtoothPoint[]): SawtoothPoint[] {
  const kept: SawtoothPoint[] = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (last === undefined || Math.abs(p.cwnd - last.cwnd) >= 0.5 || p.ssthresh !== last.ssthresh || p.recovery !== last.recovery) kept.push(p);
  }
  const end = points[points.length - 1];
  if (end !== undefined && kept[kept.length - 1] !== end) kept.push(end);
  return kept;
}

/** To a hundredth: far below a pixel of the plot. */
const round = (value: number) => Math.round(value * 100) / 100;

export const recording: Recording<SawtoothControls, SawtoothView> = {
  sim: "sawtooth",
  *space() {
    for (const [variant] of VARIANTS) {
      for (const queuePackets of QUEUES) {
        for (const [loss] of LOSS_RATES) {
          for (const [rttMs] of RTTS) for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { variant, queuePackets, lossRate: Number(loss), rttMs, seed };
        }
      }
    }
  },
  file: sawtoothFile,
  key: sawtoothKey,
  run(c) {
    const result = runSawtooth({ variant: c.variant, rateBps: RATE_BPS, rttMs: c.rttMs, queuePackets: c.queuePackets, lossRate: c.lossRate, durationMs: DURATION_MS, seed: c.seed });
    // Rounded to what the drawing can show, so the recordings stay small.
    const points = thin(result.series).map((p): PackedPoint => [round(p.t), round(p.cwnd), p.ssthresh === null ? null : round(p.ssthresh), p.recovery ? 1 : 0]);
    return {
      points,
      timeoutTimes: result.events.filter((e) => e.kind === "timeout").map((e) => round(e.t)),
      throughputBps: result.throughputBps,
      fastRetransmits: result.fastRetransmits,
      queueDrops: result.queueDrops,
      bdpSegments: result.bdpSegments,
    };
  },
};
