/** Controller events and states as text: the harness's error messages and the tests' steps. */
import type { ControllerEvent, ControllerState } from "./scenarios.ts";

/** One event as the call the controller received ("onDuplicateAck(3) with { flightSize: 8000, ack: 0, highestSent: 8000 }"). */
export function describeControllerEvent(event: ControllerEvent): string {
  const i = "info" in event ? ` with { flightSize: ${event.info.flightSize}, ack: ${event.info.ack}, highestSent: ${event.info.highestSent} }` : "";
  switch (event.kind) {
    case "set":
      return `set${event.cwnd === undefined ? "" : ` cwnd = ${event.cwnd}`}${event.ssthresh === undefined ? "" : ` ssthresh = ${event.ssthresh}`}`;
    case "newAck":
      return `onNewAck(${event.bytes})${i}`;
    case "dupAck":
      return `onDuplicateAck(${event.count})${i}`;
    case "timeout":
      return `onTimeout()${i}`;
    case "rtt":
      return `onRttSample(${event.ms}, { retransmitted: ${event.retransmitted === true} })`;
  }
}

/** The controller's answer and state after an event (" → { retransmit: true } cwnd 7000, ssthresh 4000, rto() 1000"). */
export function describeControllerState(state: ControllerState): string {
  const ssthresh = state.ssthresh === null ? "∞" : String(state.ssthresh);
  const answer = state.retransmit === null ? "" : ` → { retransmit: ${state.retransmit} }`;
  return `${answer} cwnd ${state.cwnd}, ssthresh ${ssthresh}, rto() ${state.rto}${state.error === undefined ? "" : `; threw ${state.error}`}`;
}
