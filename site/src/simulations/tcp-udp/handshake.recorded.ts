/** The handshake simulation in the class edition: recorded runs instead of the TCP state machine (see handshake.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import type { HandshakeResult } from "./handshake.ts";
import { handshakeFile, handshakeKey, type HandshakeControls } from "./handshake-controls.ts";

export function runHandshakeView(controls: HandshakeControls): HandshakeResult | undefined {
  return replay<HandshakeResult>("handshake", handshakeFile(controls), handshakeKey(controls));
}
