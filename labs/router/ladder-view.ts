/**
 * The router lab's `network` runs as the workbench draws them, for a failing
 * test's "Show the ladder" (labs/kit/trace.ts): the client's view, as in the
 * demo, with the client's probes going right (to the routers and the server)
 * and what came back going left. The harness already made the packets
 * (labs/router/harness.ts, `ladder`). The `forward` tests hand datagrams to
 * one Router with no network, so they have no run to draw.
 */
import type { LadderPacketView, LadderView } from "#labs/kit/demo.ts";

export function ladderView(packets: readonly LadderPacketView[], _truncated: boolean): LadderView {
  return { left: "client", right: "routers and server", packets, marks: [] };
}
