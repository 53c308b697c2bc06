/** The handshake simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { HandshakeResult } from "./handshake.ts";
import type { HandshakeControls } from "./handshake-controls.ts";
import { recording } from "./handshake-recording.ts";

/** The run for these controls (undefined only while a recording loads: see handshake.recorded.ts). */
export function runHandshakeView(controls: HandshakeControls): HandshakeResult | undefined {
  return recording.run(controls);
}
