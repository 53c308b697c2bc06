/** The DNSSEC simulation in the class edition: recorded runs instead of the DNS codec and the validator (see dnssec.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import type { DnssecResult } from "./dnssec.ts";
import { dnssecFile, dnssecKey, type DnssecControls } from "./dnssec-controls.ts";

export function runDnssecView(controls: DnssecControls): DnssecResult | undefined {
  return replay<DnssecResult>("dnssec", dnssecFile(), dnssecKey(controls));
}
