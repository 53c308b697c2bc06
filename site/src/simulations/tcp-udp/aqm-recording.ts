/**
 * The queue simulation's recording (recorded/recording.ts): the four queues
 * run over the same controls. aqm.model.ts runs it live in a worker; the class
 * edition records it, since it holds a small Reno-style sender.
 */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runAqm, type AqmResult } from "./aqm.ts";
import { AQMS, aqmFile, aqmKey, BUFFERS, CLASS_SEEDS, DURATION_S, RATES_BPS, RTTS_MS, type AqmControls } from "./aqm-controls.ts";

/** The same run under each queue, in AQMS's order. */
export type AqmRuns = readonly AqmResult[];

export const recording: Recording<AqmControls, AqmRuns> = {
  sim: "aqm",
  *space() {
    for (const bufferPackets of BUFFERS) {
      for (const rateBps of RATES_BPS) {
        for (const baseRttMs of RTTS_MS) {
          for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { bufferPackets, rateBps, baseRttMs, seed };
        }
      }
    }
  },
  file: aqmFile,
  key: aqmKey,
  run: (c) => AQMS.map((aqm) => runAqm({ ...c, aqm, durationS: DURATION_S })),
};
