/**
 * The handshake's runs, as the recorder and the live simulation compute them
 * (the recorder finds it beside handshake.model.ts).
 */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runHandshake, type HandshakeResult } from "./handshake.ts";
import { CLASS_DELAY, CLASS_SEEDS, DROPPABLE_SEGMENTS, handshakeFile, handshakeKey, LOSS_RATES, type HandshakeControls } from "./handshake-controls.ts";

export const recording: Recording<HandshakeControls, HandshakeResult> = {
  sim: "handshake",
  *space() {
    for (let oneWayMs = CLASS_DELAY.min; oneWayMs <= CLASS_DELAY.max; oneWayMs += CLASS_DELAY.step) {
      for (const drop of ["none", ...DROPPABLE_SEGMENTS] as const) {
        for (const [loss] of LOSS_RATES) {
          for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { oneWayMs, drop, lossRate: Number(loss), seed };
        }
      }
    }
  },
  file: handshakeFile,
  key: handshakeKey,
  run: (c) => runHandshake({ oneWayMs: c.oneWayMs, drop: c.drop === "none" ? [] : [c.drop], lossRate: c.lossRate, seed: c.seed }),
};
