/**
 * The course's parts in reading order. Each part is a folder of course/
 * (its chapters) and the name labs give as their `chapter` in lab.json.
 * The folder names match the sidebar's groups in astro.config.mjs.
 */
export interface CoursePart {
  /** The folder of course/ and the `chapter` of its labs. */
  readonly id: string;
  /** "Part 1", or "Capstone". */
  readonly label: string;
  readonly title: string;
  readonly blurb: string;
  /**
   * The part's labs in the order to take them, each with the chapter (its page
   * id) it follows in the sidebar and in Previous/Next; labs not named here
   * come last in the part, by id.
   */
  readonly labs?: readonly PartLab[];
}

/** A lab of a part, and the chapter after which a learner takes it. */
export interface PartLab {
  readonly id: string;
  /** The chapter's page id, e.g. "tcp-udp/reliable-delivery" (an index page's id is its folder). */
  readonly after: string;
}

export const COURSE_PARTS: readonly CoursePart[] = [
  {
    id: "models-and-layers",
    label: "Part 1",
    title: "Models and layers",
    blurb: "Why networks are built in layers, what each layer promises the one above it, and what a packet looks like on the wire.",
    labs: [{ id: "router", after: "models-and-layers/addressing-and-routing" }],
  },
  {
    id: "tcp-udp",
    label: "Part 2",
    title: "TCP and UDP",
    blurb: "Two ways to move data between programs: plain datagrams, or a reliable, ordered byte stream that also decides how fast to send.",
    labs: [
      { id: "framing", after: "tcp-udp" },
      { id: "tcp", after: "tcp-udp/tcp-connections" },
      { id: "arq", after: "tcp-udp/reliable-delivery" },
      { id: "congestion", after: "tcp-udp/congestion-control" },
    ],
  },
  {
    id: "http",
    label: "Part 3",
    title: "HTTP",
    blurb: "Requests and responses, from readable text in HTTP/1.1 to binary frames and compressed headers in HTTP/2.",
    labs: [
      { id: "http1", after: "http/http1-and-http2" },
      { id: "hpack", after: "http/http1-and-http2" },
    ],
  },
  {
    id: "tls",
    label: "Part 4",
    title: "TLS",
    blurb: "How two strangers agree on keys, check who they are talking to, and keep a conversation private and untampered.",
    labs: [{ id: "tls-keys", after: "tls/handshakes" }],
  },
  {
    id: "dns",
    label: "Part 5",
    title: "DNS",
    blurb: "How a name becomes an address: queries, caches, and the hierarchy of servers behind them.",
    labs: [{ id: "dns", after: "dns/resolution" }],
  },
  {
    id: "patterns",
    label: "Part 6",
    title: "Communication patterns",
    blurb: "Request-response, streaming and publish-subscribe, and what each costs when the network is slow or lossy.",
    labs: [{ id: "websocket", after: "patterns/push-and-polling" }],
  },
  {
    id: "capstone",
    label: "Capstone",
    title: "What happens when you open a URL",
    blurb: "Every part at once: the name lookup, the connection, the handshake and the request, followed packet by packet.",
  },
];
