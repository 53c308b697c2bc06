/**
 * Opening one URL, end to end, on the runtime's simulated network: a DNS
 * lookup (UDP datagrams between the browser, its recursive resolver and, when
 * nothing is cached, the root, TLD and authoritative servers), a TCP
 * handshake and a TLS 1.3 handshake (or one QUIC handshake), the HTTP
 * request, the HTML arriving through slow start, the subresources the HTML
 * names fetched over the same connection, and the first paint.
 *
 * Every handshake flight is real IPv4 packets of realistic sizes (see
 * sizes.ts). A lost packet in a handshake flight is recovered by the
 * waiting side's retry timer (1 s). The responses travel as one TCP-like
 * byte stream sent by the runtime's BulkSender with {@link SlowStartPolicy};
 * the model decides which response each new segment carries (most urgent
 * first, round-robin among equals, as an HTTP/2 or HTTP/3 server does).
 * Over HTTP/2 a response is usable when every byte before its last one has
 * arrived (TCP delivers in order); over HTTP/3 when its own bytes have
 * (QUIC orders each stream separately). For HTTP/3 the model keeps the same
 * congestion control for the download, since RFC 9002's is a NewReno-style
 * slow start from the same 10-packet initial window.
 *
 * DOM-free: the same code runs in the page and in the unit tests.
 */
import type { Timer } from "#runtime/core/event-queue.ts";
import { ms, toMs } from "#runtime/core/time.ts";
import type { Host } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import type { UdpSocket } from "#runtime/net/udp-socket.ts";
import { BULK_RECEIVER_PORT, BULK_SENDER_PORT, BULK_WINDOW, BulkSender } from "#runtime/transport/bulk.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import type { TcpOption } from "#runtime/wire/tcp-options.ts";
import {
  HANDSHAKE_TIMEOUT_MS,
  HTML_BYTES,
  PACKET,
  RENDER_MS,
  responseBytes,
  RESPONSE_HEADER_BYTES,
  SERVER_THINK_MS,
  SMSS,
  SUBRESOURCES,
  UPSTREAM_RTT_MS,
  type ResourceKind,
} from "./sizes.ts";
import { SlowStartPolicy } from "./slow-start.ts";

export type Protocol = "h2" | "h3";
/** Where the answer for the name already sits: nowhere, in the resolver's cache, or in the browser's own. */
export type DnsCache = "none" | "resolver" | "browser";
/** A first TLS contact, a resumed session (PSK), or a resumed session sending the request as 0-RTT early data. */
export type TlsMode = "full" | "resumed" | "zero-rtt";
/** Whether the subresources are fresh in the browser's HTTP cache. */
export type HttpCache = "empty" | "fresh";

export interface PageLoadOptions {
  /** Round-trip time between the browser and the web server, ms. */
  readonly serverRttMs: number;
  /** Round-trip time between the browser and its recursive resolver, ms. */
  readonly resolverRttMs: number;
  /** Access link rate, Mb/s, both ways. */
  readonly bandwidthMbps: number;
  /** Probability that the access link loses a packet, each way. */
  readonly loss: number;
  readonly dns: DnsCache;
  readonly tls: TlsMode;
  readonly protocol: Protocol;
  readonly httpCache?: HttpCache;
  readonly seed?: number;
  /** Keep a record of every packet (for a ladder diagram). */
  readonly record?: boolean;
  /** Packets to drop on their first transmission, by {@link PacketRecord.dropKey} from an earlier run. */
  readonly drop?: readonly string[];
}

/** One packet of the run, for a ladder diagram. */
export interface PacketRecord {
  /** The runtime's packet id (negative for a packet dropped before it reached the wire). */
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly phase: PhaseKey;
  /** IP bytes. */
  readonly bytes: number;
  readonly sentMs: number;
  arrivedMs: number | null;
  /** "loss" (the access link lost it) or "dropped by you". */
  lost?: string;
  readonly retransmission: boolean;
  /** Stable name of a first transmission, to drop it in the next run. */
  readonly dropKey?: string;
}

export type PhaseKey = "dns" | "tcp" | "tls" | "quic" | "request" | "html" | "subresources";

export interface Phase {
  readonly key: PhaseKey;
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ResourceTiming {
  readonly name: string;
  readonly kind: ResourceKind;
  /** Body bytes. */
  readonly bytes: number;
  /** When the browser knew it needed it (null for the HTML: from the start). */
  readonly discoveredMs: number;
  /** When its request left (null: served from the HTTP cache). */
  readonly requestMs: number | null;
  /** When its first bytes (the response headers) could be read. */
  readonly firstByteMs: number;
  /** When all of it could be read. */
  readonly doneMs: number;
  readonly fromCache: boolean;
  readonly blocksPaint: boolean;
}

/** What the network carried for one phase. */
export interface PhaseTraffic {
  readonly key: PhaseKey;
  /** IP packets sent (both ways, on every link they were first put on). */
  readonly packets: number;
  readonly bytes: number;
  /** Packets lost on the access link. */
  readonly lost: number;
  /** Packets sent again by a retry timer or a retransmission. */
  readonly resent: number;
}

export interface PageLoadResult {
  readonly options: Required<PageLoadOptions>;
  /** Phases in order (TCP and TLS for HTTP/2; QUIC for HTTP/3). */
  readonly phases: readonly Phase[];
  /** The HTML first, then the subresources in document order. */
  readonly resources: readonly ResourceTiming[];
  readonly firstPaintMs: number;
  /** Everything on the page has arrived. */
  readonly loadMs: number;
  readonly traffic: readonly PhaseTraffic[];
  /** The congestion window after the download, segments. */
  readonly finalCwndSegments: number;
  /** Every packet, in the order sent, when `record` was asked for. */
  readonly packets: readonly PacketRecord[];
}

const ADDRESS = {
  client: "192.168.1.20",
  isp: "192.168.1.1",
  resolver: "10.53.0.53",
  server: "93.184.215.14",
  root: "198.41.0.4",
  tld: "192.5.6.30",
  authoritative: "199.43.135.53",
} as const;

const CLIENT_TCP_PORT = 50123;
const HTTPS_PORT = 443;
const DNS_PORT = 53;

type Channel = "udp" | "tcp";

/** One message: a flight of packets, of these IP sizes, from one host to another. */
interface Message {
  readonly label: string;
  /** The label and its occurrence: "SYN#1". */
  readonly key: string;
  readonly phase: PhaseKey;
  readonly sizes: readonly number[];
  readonly channel: Channel;
  /** TCP control bits for the one-packet handshake segments. */
  readonly syn?: boolean;
}

/** A message as the model writes it; {@link newMessage} adds the key. */
type MessageSpec = Omit<Message, "key">;

interface Delivery {
  readonly messageId: number;
  readonly index: number;
  readonly count: number;
}

/** A host's end of the message machinery: one UDP socket and (for the client and server) one TCP port. */
interface Endpoint {
  readonly host: Host;
  readonly socket: UdpSocket;
  readonly tcpPort: number | null;
}

/** Runs one page load and returns its timeline. */
export function runPageLoad(input: PageLoadOptions): PageLoadResult {
  const options: Required<PageLoadOptions> = { httpCache: "empty", seed: 1, record: false, drop: [], ...input };
  const dropSet = new Set(options.drop);
  const net = new Network({ seed: options.seed, trace: { record: false } });
  const now = () => toMs(net.now);

  // Topology: the browser's access link (the bandwidth and the loss) to its ISP's router, and from there
  // the propagation delay to the resolver and to the web server. The resolver reaches the upstream
  // name servers directly.
  const client = net.host("client", ADDRESS.client);
  const isp = net.router("isp");
  const resolver = net.host("resolver", ADDRESS.resolver);
  const server = net.host("server", ADDRESS.server);
  const upstream = {
    root: net.host("root", ADDRESS.root),
    tld: net.host("tld", ADDRESS.tld),
    authoritative: net.host("authoritative", ADDRESS.authoritative),
  };
  const rate = options.bandwidthMbps * 1e6;
  const loss = options.loss > 0 ? ({ model: "bernoulli", rate: options.loss } as const) : ({ model: "none" } as const);
  const access = net.connect(client, isp, { rate, delay: 0, queueBytes: 256_000, loss });
  net.connect(isp, resolver, { rate: Infinity, delay: ms(options.resolverRttMs / 2) });
  net.connect(isp, server, { rate: Infinity, delay: ms(options.serverRttMs / 2) });
  isp.addRoute(`${ADDRESS.client}/32`, client).addRoute(`${ADDRESS.resolver}/32`, resolver).addRoute(`${ADDRESS.server}/32`, server);
  for (const [name, host] of Object.entries(upstream)) {
    net.connect(resolver, host, { rate: Infinity, delay: ms(UPSTREAM_RTT_MS[name as keyof typeof UPSTREAM_RTT_MS] / 2) });
    resolver.addRoute(`${host.address}/32`, host);
  }
  resolver.addRoute("0.0.0.0/0", isp);

  // ---- Accounting: which phase each packet belongs to, and what became of it.
  const phaseOf = new Map<number, PhaseKey>();
  const firstSeen = new Map<number, number>();
  const lostIds = new Set<number>();
  const resent = new Map<PhaseKey, number>();
  let pendingTag: PhaseKey | null = null;
  net.trace.listen((event) => {
    if ((event.kind === "send" || event.kind === "queue") && !firstSeen.has(event.packet)) {
      firstSeen.set(event.packet, event.size);
      if (pendingTag !== null) {
        phaseOf.set(event.packet, pendingTag);
        pendingTag = null;
        if (pendingData !== null) {
          const d = pendingData;
          pendingData = null;
          note({ id: event.packet, from: "server", to: "client", label: dataLabel(d), phase: d.phase, bytes: event.size, sentMs: toMs(event.time), arrivedMs: null, retransmission: d.retransmission, ...(d.retransmission ? {} : { dropKey: `data@${d.offset}` }) });
        }
      }
    }
    if (event.kind === "drop" && event.reason === "loss") lostIds.add(event.packet);
  });
  const countResend = (phase: PhaseKey) => resent.set(phase, (resent.get(phase) ?? 0) + 1);

  // ---- The packet record, for ladder diagrams.
  const packets: PacketRecord[] = [];
  const recordById = new Map<number, PacketRecord>();
  let droppedIds = 0;
  const note = (record: PacketRecord) => {
    if (!options.record) return;
    packets.push(record);
    if (record.id >= 0) recordById.set(record.id, record);
  };
  if (options.record) {
    net.trace.listen((event) => {
      if (event.kind === "arrive" && event.link.startsWith("isp->")) {
        const record = recordById.get(event.packet);
        if (record !== undefined) record.arrivedMs = toMs(event.time);
      } else if (event.kind === "arrive" && event.link.startsWith("resolver->") && event.link !== "resolver->isp") {
        const record = recordById.get(event.packet);
        if (record !== undefined) record.arrivedMs = toMs(event.time);
      } else if (event.kind === "arrive" && event.link.endsWith("->resolver") && event.link !== "isp->resolver") {
        const record = recordById.get(event.packet);
        if (record !== undefined) record.arrivedMs = toMs(event.time);
      } else if (event.kind === "drop" && event.reason === "loss") {
        const record = recordById.get(event.packet);
        if (record !== undefined) record.lost = "loss";
      }
    });
  }
  /** How many messages have had each label so far: makes drop keys stable from run to run. */
  const labelCount = new Map<string, number>();

  // ---- Messages: flights of packets, retried by the requester until the answer is complete.
  const messages: Message[] = [];
  const meta = new Map<number, Delivery>();
  const received = new Map<number, Set<number>>();
  const onComplete = new Map<number, () => void>();

  /** A packet of a message arrived: once the whole flight is in, its handler runs (again for each repeated copy). */
  const arrive = (packetId: number) => {
    const delivery = meta.get(packetId);
    if (delivery === undefined) return;
    let got = received.get(delivery.messageId);
    if (got === undefined) received.set(delivery.messageId, (got = new Set()));
    got.add(delivery.index);
    if (got.size === delivery.count) onComplete.get(delivery.messageId)?.();
  };

  const endpoint = (host: Host, tcpPort: number | null, udpPort?: number): Endpoint => {
    const socket = host.udp(udpPort);
    const ep: Endpoint = { host, socket, tcpPort };
    socket.onDatagram = (datagram) => arrive(datagram.packet);
    if (tcpPort !== null) host.listenTcp(tcpPort, (segment) => arrive(segment.packet));
    return ep;
  };

  /** Puts one message's packets on the wire (again, when retried). */
  const transmit = (id: number, from: Endpoint, to: Endpoint, skip?: ReadonlySet<number>, retransmission = false) => {
    const message = messages[id]!;
    message.sizes.forEach((size, index) => {
      if (skip?.has(index) === true) return;
      const label = message.sizes.length > 1 ? `${message.label} (${index + 1}/${message.sizes.length})` : message.label;
      const dropKey = retransmission ? undefined : `${message.key}:${index}`;
      const base = { from: from.host.name, to: to.host.name, label, phase: message.phase, bytes: size, sentMs: now(), arrivedMs: null, retransmission, dropKey };
      if (dropKey !== undefined && dropSet.has(dropKey)) {
        note({ ...base, id: -++droppedIds, lost: "dropped by you" });
        return;
      }
      let packetId: number;
      if (message.channel === "udp") {
        packetId = from.socket.send({ address: to.host.address, port: to.socket.port }, new Uint8Array(Math.max(0, size - 28)));
      } else {
        const options: TcpOption[] = message.syn === true ? [{ kind: "mss", value: SMSS }, { kind: "window-scale", shift: 7 }, { kind: "sack-permitted" }] : [];
        const headerBytes = 20 + 20 + (message.syn === true ? 12 : 0);
        const payload = new Uint8Array(Math.max(0, size - headerBytes));
        const repr = {
          srcPort: from.tcpPort ?? CLIENT_TCP_PORT,
          dstPort: to.tcpPort ?? HTTPS_PORT,
          seq: 0,
          ack: 0,
          flags: tcpFlags({ syn: message.syn === true, ack: message.label !== "SYN", psh: payload.length > 0 }),
          window: 65535,
          urgentPointer: 0,
          options,
        };
        packetId = from.host.sendIp(IP_PROTOCOL.TCP, to.host.addressValue, emitTcp(repr, payload, from.host.addressValue, to.host.addressValue)).id;
      }
      meta.set(packetId, { messageId: id, index, count: message.sizes.length });
      phaseOf.set(packetId, message.phase);
      note({ ...base, id: packetId });
    });
  };

  const newMessage = (message: MessageSpec): number => {
    const n = (labelCount.get(message.label) ?? 0) + 1;
    labelCount.set(message.label, n);
    messages.push({ ...message, key: `${message.label}#${n}` });
    return messages.length - 1;
  };

  /** Sends a message nobody answers (a final ACK, a Finished): no retry. */
  const fire = (from: Endpoint, to: Endpoint, message: MessageSpec) => transmit(newMessage(message), from, to);

  /**
   * Sends `message` and retries it every {@link HANDSHAKE_TIMEOUT_MS} (doubling) until `respond`'s answer has
   * arrived whole. `respond` runs at the responder each time the request arrives whole; it returns the answer
   * (sent back at once) or calls `later` to send it after other work (a recursive lookup, the server's think time).
   */
  const ask = (
    from: Endpoint,
    to: Endpoint,
    message: MessageSpec,
    respond: (later: (answer: MessageSpec) => void) => void,
    done: () => void,
  ) => {
    const id = newMessage(message);
    let answerId: number | null = null;
    let finished = false;
    let timer: Timer | null = null;
    let timeout = HANDSHAKE_TIMEOUT_MS;
    const arm = () => {
      timer = from.host.timer(ms(timeout), `${message.label} retry`, () => {
        if (finished) return;
        timeout *= 2;
        countResend(message.phase);
        transmit(id, from, to, undefined, true);
        arm();
      });
    };
    let answered = false;
    onComplete.set(id, () => {
      // At the responder: answer the first time; when the request comes again, resend the parts of the answer
      // that have not arrived (what the requester's acknowledgements would say).
      if (answerId !== null) {
        const got = received.get(answerId) ?? new Set<number>();
        if (got.size < messages[answerId]!.sizes.length) {
          countResend(messages[answerId]!.phase);
          transmit(answerId, to, from, got, true);
        }
        return;
      }
      if (answered) return;
      answered = true;
      respond((answer) => {
        answerId = newMessage(answer);
        onComplete.set(answerId, () => {
          if (finished) return;
          finished = true;
          timer?.cancel();
          done();
        });
        transmit(answerId, to, from);
      });
    });
    transmit(id, from, to);
    arm();
  };

  const cli = endpoint(client, CLIENT_TCP_PORT);
  const res = endpoint(resolver, null, DNS_PORT);
  const srv = endpoint(server, HTTPS_PORT, HTTPS_PORT);
  const up = {
    root: endpoint(upstream.root, null, DNS_PORT),
    tld: endpoint(upstream.tld, null, DNS_PORT),
    authoritative: endpoint(upstream.authoritative, null, DNS_PORT),
  };

  // ---- The responses: one byte stream from the server, shared by every response.
  interface Stream {
    readonly index: number; // 0 = HTML, then SUBRESOURCES
    readonly total: number;
    readonly urgency: number;
    assigned: number;
    /** Pieces of the connection's byte stream that carry this response, in stream order. */
    readonly pieces: { start: number; end: number }[];
    /** Bytes of the response readable at the client, from its start. */
    readable: number;
    firstByteMs: number | null;
    doneMs: number | null;
  }
  const streams: Stream[] = [];
  let connectionBytes = 0; // bytes handed to the sender so far
  let roundRobin = 0;
  const open = (index: number, body: number, urgency: number) => {
    streams.push({ index, total: responseBytes(body), urgency, assigned: 0, pieces: [], readable: 0, firstByteMs: null, doneMs: null });
    connectionBytes += responseBytes(body);
    bulk.finishedAt = null;
    bulk.start();
  };
  /** Which responses the segment at [offset, offset + length) carries: most urgent first, round-robin among equals. */
  const assign = (offset: number, length: number): PhaseKey => {
    let at = offset;
    let first: Stream | null = null;
    while (at < offset + length) {
      const waiting = streams.filter((s) => s.assigned < s.total);
      if (waiting.length === 0) break;
      const urgency = Math.min(...waiting.map((s) => s.urgency));
      const candidates = waiting.filter((s) => s.urgency === urgency);
      const stream = candidates[roundRobin++ % candidates.length]!;
      const take = Math.min(stream.total - stream.assigned, offset + length - at);
      const last = stream.pieces[stream.pieces.length - 1];
      if (last !== undefined && last.end === at) last.end += take;
      else stream.pieces.push({ start: at, end: at + take });
      stream.assigned += take;
      at += take;
      first ??= stream;
    }
    return first === null || first.index === 0 ? "html" : "subresources";
  };

  const policy = new SlowStartPolicy();
  const bulk = new BulkSender({
    now,
    from: server,
    to: client,
    get total() {
      return connectionBytes;
    },
    smss: SMSS,
    policy,
    observer: {
      sent: (offset, length, retransmission) => {
        if (retransmission) {
          const tag = streamAt(offset)?.index === 0 ? "html" : "subresources";
          countResend(tag);
          pendingTag = tag;
        } else {
          pendingTag = assign(offset, length);
        }
        if (options.record) pendingData = { offset, length, retransmission, phase: pendingTag };
      },
    },
    lose: (offset, _length, retransmission) => {
      const dropKey = `data@${offset}`;
      if (retransmission || !dropSet.has(dropKey) || pendingData === null) return false;
      note({ id: -++droppedIds, from: "server", to: "client", label: dataLabel(pendingData), phase: pendingData.phase, bytes: pendingData.length + 40, sentMs: now(), arrivedMs: null, lost: "dropped by you", retransmission: false, dropKey });
      pendingTag = null;
      pendingData = null;
      return true;
    },
  });
  /** The data segment about to be sent (for the packet record). */
  let pendingData: { offset: number; length: number; retransmission: boolean; phase: PhaseKey } | null = null;
  const dataLabel = (d: { offset: number; length: number }) => {
    const names = streams.filter((st) => st.pieces.some((p) => p.start < d.offset + d.length && d.offset < p.end)).map((st) => (st.index === 0 ? "index.html" : SUBRESOURCES[st.index - 1]!.name));
    return `DATA ${d.offset}–${d.offset + d.length} (${names.join(", ")})`;
  };
  const streamAt = (offset: number): Stream | undefined => streams.find((s) => s.pieces.some((p) => p.start <= offset && offset < p.end));

  // The browser's side of the connection: which bytes have arrived, and what it can read.
  const arrived: boolean[] = [];
  let inOrder = 0;
  client.listenTcp(BULK_RECEIVER_PORT, (segment) => {
    const offset = segment.repr.seq - 1;
    const length = segment.payload.length;
    for (let i = offset; i < offset + length; i++) arrived[i] = true;
    while (arrived[inOrder] === true) inOrder++;
    const ackTag = streamAt(offset)?.index === 0 ? "html" : "subresources";
    const repr = { srcPort: BULK_RECEIVER_PORT, dstPort: BULK_SENDER_PORT, seq: 1, ack: inOrder + 1, flags: tcpFlags({ ack: true }), window: BULK_WINDOW, urgentPointer: 0, options: [] };
    const ackId = client.sendIp(IP_PROTOCOL.TCP, server.addressValue, emitTcp(repr, new Uint8Array(0), client.addressValue, server.addressValue)).id;
    phaseOf.set(ackId, ackTag);
    note({ id: ackId, from: "client", to: "server", label: `ACK ${inOrder}`, phase: ackTag, bytes: 40, sentMs: now(), arrivedMs: null, retransmission: false });
    progress();
  });
  /** Bytes of `stream` readable from its start: in-order delivery over TCP, per-stream order over QUIC. */
  const readable = (stream: Stream): number => {
    let bytes = 0;
    for (const piece of stream.pieces) {
      if (options.protocol === "h2") {
        if (inOrder >= piece.end) bytes += piece.end - piece.start;
        else {
          if (inOrder > piece.start) bytes += inOrder - piece.start;
          break;
        }
      } else {
        let at = piece.start;
        while (at < piece.end && arrived[at] === true) at++;
        bytes += at - piece.start;
        if (at < piece.end) break;
      }
    }
    return bytes;
  };

  // ---- The browser.
  const marks = { dnsEnd: 0, tcpEnd: 0, tlsEnd: 0, requestSent: 0, firstByte: 0 };
  const discovered: (number | null)[] = SUBRESOURCES.map(() => null);
  const requested: (number | null)[] = SUBRESOURCES.map(() => null);
  const cachedDone: (number | null)[] = SUBRESOURCES.map(() => null);
  let laterRequests = 0;

  const progress = () => {
    for (const stream of streams) {
      stream.readable = readable(stream);
      if (stream.firstByteMs === null && stream.readable >= Math.min(RESPONSE_HEADER_BYTES, stream.total)) stream.firstByteMs = now();
      if (stream.doneMs === null && stream.readable >= stream.total) stream.doneMs = now();
    }
    const html = streams[0];
    if (html === undefined) return;
    const body = Math.max(0, html.readable - RESPONSE_HEADER_BYTES);
    SUBRESOURCES.forEach((resource, i) => {
      if (discovered[i] !== null || body < Math.min(resource.discoveredAt, HTML_BYTES)) return;
      discovered[i] = now();
      if (options.httpCache === "fresh") {
        cachedDone[i] = now();
        return;
      }
      requested[i] = now();
      const size = options.protocol === "h2" ? PACKET.laterRequestH2 : PACKET.laterRequestH3;
      laterRequests++;
      ask(
        cli,
        srv,
        { label: `GET /${resource.name}`, phase: "subresources", sizes: [size], channel: options.protocol === "h2" ? "tcp" : "udp" },
        (later) => {
          open(i + 1, resource.bytes, resource.urgency);
          later({ label: "ACK", phase: "subresources", sizes: [options.protocol === "h2" ? PACKET.ack : PACKET.quicAck], channel: options.protocol === "h2" ? "tcp" : "udp" });
        },
        () => {},
      );
    });
  };

  /** The server's side of the first request: the HTML, after it has been produced. */
  const serveHtml = () => {
    server.timer(ms(SERVER_THINK_MS), "render HTML", () => open(0, HTML_BYTES, 0));
  };

  const h2 = options.protocol === "h2";
  const ch: Channel = h2 ? "tcp" : "udp";
  const ackMessage = (phase: PhaseKey): MessageSpec => ({ label: "ACK", phase, sizes: [h2 ? PACKET.ack : PACKET.quicAck], channel: ch });

  const sendFirstRequest = () => {
    marks.requestSent = now();
    ask(
      cli,
      srv,
      { label: "GET /", phase: "request", sizes: [h2 ? PACKET.firstRequestH2 : PACKET.firstRequestH3], channel: ch },
      (later) => {
        serveHtml();
        later(ackMessage("request"));
      },
      () => {},
    );
  };

  const secureHandshake = () => {
    const resumed = options.tls !== "full";
    const zeroRtt = options.tls === "zero-rtt";
    const flight = h2 ? (resumed ? PACKET.serverFlightResumed : PACKET.serverFlightFull) : resumed ? PACKET.quicServerFlightResumed : PACKET.quicServerFlightFull;
    const phase: PhaseKey = h2 ? "tls" : "quic";
    const hello = h2 ? (zeroRtt ? PACKET.clientHelloEarlyData : PACKET.clientHello) : PACKET.quicInitial;
    if (zeroRtt) marks.requestSent = now();
    ask(
      cli,
      srv,
      { label: zeroRtt ? "ClientHello + early data" : "ClientHello", phase, sizes: hello, channel: ch },
      (later) => {
        if (zeroRtt) serveHtml();
        later({ label: "server handshake flight", phase, sizes: flight, channel: ch });
      },
      () => {
        marks.tlsEnd = now();
        if (zeroRtt) fire(cli, srv, { label: "Finished", phase, sizes: [h2 ? PACKET.clientFinished : PACKET.quicClientFinished], channel: ch });
        else sendFirstRequest();
      },
    );
  };

  const connect = () => {
    if (!h2) {
      marks.tcpEnd = now();
      secureHandshake();
      return;
    }
    ask(
      cli,
      srv,
      { label: "SYN", phase: "tcp", sizes: [PACKET.syn], channel: "tcp", syn: true },
      (later) => later({ label: "SYN-ACK", phase: "tcp", sizes: [PACKET.syn], channel: "tcp", syn: true }),
      () => {
        marks.tcpEnd = now();
        fire(cli, srv, { label: "ACK", phase: "tcp", sizes: [PACKET.ack], channel: "tcp" });
        secureHandshake();
      },
    );
  };

  const dnsQuery = (label: string): MessageSpec => ({ label, phase: "dns", sizes: [PACKET.dnsQuery], channel: "udp" });
  const dnsReply = (size: number): MessageSpec => ({ label: "DNS response", phase: "dns", sizes: [size], channel: "udp" });
  const lookUp = () => {
    if (options.dns === "browser") {
      marks.dnsEnd = 0;
      connect();
      return;
    }
    ask(
      cli,
      res,
      dnsQuery("A www.example.com?"),
      (later) => {
        if (options.dns === "resolver") {
          later(dnsReply(PACKET.dnsAnswer));
          return;
        }
        // Iterative resolution: the resolver asks the root, the .com servers and example.com's servers in turn.
        ask(res, up.root, dnsQuery("root: A www.example.com?"), (l) => l(dnsReply(PACKET.dnsRootReferral)), () =>
          ask(res, up.tld, dnsQuery(".com: A www.example.com?"), (l) => l(dnsReply(PACKET.dnsTldReferral)), () =>
            ask(res, up.authoritative, dnsQuery("example.com: A www.example.com?"), (l) => l(dnsReply(PACKET.dnsAnswer)), () => later(dnsReply(PACKET.dnsAnswer))),
          ),
        );
      },
      () => {
        marks.dnsEnd = now();
        connect();
      },
    );
  };

  lookUp();
  net.run({ until: ms(600_000), maxEvents: 2_000_000 });

  // ---- The timeline.
  const html = streams[0];
  if (html === undefined || html.doneMs === null || html.firstByteMs === null) throw new Error("the page did not load within the simulated 10 minutes");
  const resources: ResourceTiming[] = [
    { name: "index.html", kind: "html", bytes: HTML_BYTES, discoveredMs: 0, requestMs: marks.requestSent, firstByteMs: html.firstByteMs, doneMs: html.doneMs, fromCache: false, blocksPaint: true },
  ];
  SUBRESOURCES.forEach((resource, i) => {
    const d = discovered[i];
    if (d === null) throw new Error(`${resource.name} was never discovered`);
    const stream = streams.find((s) => s.index === i + 1);
    const cached = cachedDone[i];
    const firstByte = cached ?? stream?.firstByteMs ?? null;
    const done = cached ?? stream?.doneMs ?? null;
    if (firstByte === null || done === null) throw new Error(`${resource.name} never arrived`);
    resources.push({ name: resource.name, kind: resource.kind, bytes: resource.bytes, discoveredMs: d, requestMs: requested[i] ?? null, firstByteMs: firstByte, doneMs: done, fromCache: cached !== null, blocksPaint: resource.blocksPaint });
  });
  const firstPaintMs = Math.max(...resources.filter((r) => r.blocksPaint).map((r) => r.doneMs)) + RENDER_MS;
  const loadMs = Math.max(...resources.map((r) => r.doneMs));

  const phases: Phase[] = [{ key: "dns", label: "DNS lookup", startMs: 0, endMs: marks.dnsEnd }];
  if (h2) {
    phases.push({ key: "tcp", label: "TCP handshake", startMs: marks.dnsEnd, endMs: marks.tcpEnd });
    phases.push({ key: "tls", label: options.tls === "full" ? "TLS 1.3 handshake" : "TLS 1.3 resumption", startMs: marks.tcpEnd, endMs: marks.tlsEnd });
  } else {
    phases.push({ key: "quic", label: options.tls === "full" ? "QUIC handshake (with TLS 1.3)" : "QUIC resumption", startMs: marks.dnsEnd, endMs: marks.tlsEnd });
  }
  phases.push({ key: "request", label: "Request → first byte", startMs: marks.requestSent, endMs: html.firstByteMs });
  phases.push({ key: "html", label: "HTML download", startMs: html.firstByteMs, endMs: html.doneMs });
  const subs = resources.slice(1).filter((r) => !r.fromCache);
  if (subs.length > 0) phases.push({ key: "subresources", label: "Subresources", startMs: Math.min(...subs.map((r) => r.requestMs ?? r.discoveredMs)), endMs: Math.max(...subs.map((r) => r.doneMs)) });

  const traffic: PhaseTraffic[] = phases.map((phase) => {
    let packets = 0;
    let bytes = 0;
    let lost = 0;
    for (const [id, tag] of phaseOf) {
      if (tag !== phase.key) continue;
      packets++;
      bytes += firstSeen.get(id) ?? 0;
      if (lostIds.has(id)) lost++;
    }
    return { key: phase.key, packets, bytes, lost, resent: resent.get(phase.key) ?? 0 };
  });
  void access;
  void laterRequests;

  return { options, phases, resources, firstPaintMs, loadMs, traffic, finalCwndSegments: policy.window / SMSS, packets };
}

// Kept apart so a page that replays recorded runs can use it without this model (page-load.recorded.ts).
export { durationOf } from "./phases.ts";
