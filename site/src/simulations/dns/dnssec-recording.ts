/** The DNSSEC simulation's runs, as the recorder and the live simulation compute them (the recorder finds it beside dnssec.model.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runDnssec, type DnssecResult } from "./dnssec.ts";
import { BREAKAGES, dnssecFile, dnssecKey, TARGETS, type DnssecControls } from "./dnssec-controls.ts";

export const recording: Recording<DnssecControls, DnssecResult> = {
  sim: "dnssec",
  *space() {
    for (const [target] of TARGETS) for (const [breakage] of BREAKAGES) for (const validating of [true, false]) yield { target, breakage, validating };
  },
  file: dnssecFile,
  key: dnssecKey,
  run: (c) => runDnssec(c),
};
