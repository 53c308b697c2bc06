/**
 * Wirelab's simulated network: a deterministic discrete-event simulator with
 * links, hosts, routers and real IPv4/UDP/TCP wire formats. Pure TypeScript:
 * it runs the same in a browser worker and in Node.
 *
 * Start with {@link Network}.
 * @packageDocumentation
 */
export * from "./core/time.ts";
export { Random } from "./core/random.ts";
export { Simulator, type RunOptions } from "./core/simulator.ts";
export type { Lane, Timer } from "./core/event-queue.ts";

export { Network, type NetworkOptions, type DuplexLink } from "./net/network.ts";
export { Host, type TcpSegment } from "./net/host.ts";
export { Router } from "./net/router.ts";
export { Link } from "./net/link.ts";
export { UdpSocket, type Datagram, type UdpSocketOptions } from "./net/udp-socket.ts";
export { ByteStream, type ByteStreamOptions } from "./net/byte-stream.ts";
export { RoutingTable, type Route } from "./net/routing-table.ts";
export {
  BulkReceiver,
  BulkSender,
  type BulkReceiverObserver,
  type BulkSenderObserver,
  type BulkSenderOptions,
  type CongestionPolicy,
  type RttSampleInfo,
  type TransferState,
} from "./transport/bulk.ts";
export type { Endpoint } from "./net/endpoint.ts";
export type { Packet } from "./net/packet.ts";
export { DEFAULT_LINK, validateLinkConfig, type LinkConfig, type LossModel } from "./net/link-config.ts";
export { LINK_PROFILES, resolveLinkSpec, type LinkSpec, type ProfileName } from "./net/profiles.ts";

export { Trace, type TraceOptions, type CapturedPacket } from "./trace/trace.ts";
export type { TraceEvent, TraceEventKind, DropReason } from "./trace/events.ts";
export { Metrics, FlowMetrics, LinkMetrics, type RttSample } from "./trace/metrics.ts";
export { writePcapng } from "./trace/pcapng.ts";

export * from "./wire/index.ts";
