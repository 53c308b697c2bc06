/** The DNSSEC simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { DnssecResult } from "./dnssec.ts";
import type { DnssecControls } from "./dnssec-controls.ts";
import { recording } from "./dnssec-recording.ts";

/** The run for these controls (undefined only while a recording loads: see dnssec.recorded.ts). */
export function runDnssecView(controls: DnssecControls): DnssecResult | undefined {
  return recording.run(controls);
}
