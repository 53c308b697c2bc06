/**
 * The lookups a pod's resolver makes for one name, on the runtime's clock.
 * The pod's resolv.conf is what the kubelet writes for the default DNS
 * policy (kubernetes.io, "DNS for Services and Pods"): the cluster DNS
 * Service as nameserver, the search list <ns>.svc.cluster.local,
 * svc.cluster.local, cluster.local (plus the node's own search domains), and
 * `options ndots:5`. The resolver follows glibc's rule (resolv.conf(5)): a
 * name with fewer dots than ndots goes through the search list first and is
 * tried as written last; a name with at least ndots dots is tried as written
 * first; a name ending in a dot is never searched. Each candidate is asked
 * for A and AAAA at once, as glibc does. CoreDNS answers cluster.local
 * itself and forwards everything else upstream, unless its cache holds the
 * answer. Query sizes are real DNS messages from the runtime's encoder.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { ms, toMs, type Time } from "#runtime/core/time.ts";
import { CLASS_IN, encodeMessage, header, TYPE } from "#runtime/wire/dns.ts";

export const CLUSTER_DOMAIN = "cluster.local";
/** The pod's namespace in the simulation. */
export const POD_NAMESPACE = "shop";
/** A node search domain as a cloud's DHCP hands it out (the kubelet appends the node's search list). */
export const NODE_SEARCH = "eu-west-1.compute.internal";

/** Services in the cluster (ClusterIPs) and names on the Internet (documentation addresses, RFC 5737). */
const CLUSTER: Readonly<Record<string, string>> = {
  [`web.shop.svc.${CLUSTER_DOMAIN}`]: "10.96.12.34",
  [`db.data.svc.${CLUSTER_DOMAIN}`]: "10.96.40.7",
};
const INTERNET: Readonly<Record<string, string>> = { "api.example.com": "192.0.2.10" };

export interface DnsOptions {
  /** The name the application asked for. */
  readonly name: string;
  readonly ndots: number;
  /** Whether the node's search domain is appended to the pod's search list. */
  readonly nodeSearch: boolean;
  /** Whether CoreDNS's cache already holds every answer (positive and negative). */
  readonly warmCache: boolean;
  readonly seed: number;
}

export interface Query {
  readonly name: string;
  readonly type: "A" | "AAAA";
  readonly sentMs: number;
  readonly answeredMs: number;
  /** NXDOMAIN, or NOERROR with an address or with no data (NODATA). */
  readonly rcode: "NOERROR" | "NXDOMAIN";
  readonly address: string | null;
  /** Whether CoreDNS had to ask the upstream resolver. */
  readonly upstream: boolean;
  /** The query's size in bytes (a DNS message over UDP, without IP and UDP headers). */
  readonly bytes: number;
}

export interface DnsResult {
  /** The pod's search list, in order. */
  readonly search: readonly string[];
  /** The candidate names in the order the resolver tries them. */
  readonly candidates: readonly string[];
  readonly queries: readonly Query[];
  /** The address the application gets, or null when every candidate failed. */
  readonly address: string | null;
  /** The name that answered. */
  readonly answeredBy: string | null;
  /** When the application gets its answer, ms after it asked. */
  readonly totalMs: number;
  readonly bytesSent: number;
}

/** Round trips: pod to CoreDNS (another node of the same cluster), and CoreDNS to the upstream resolver. */
const POD_RTT_MS = 0.4;
const UPSTREAM_RTT_MS = 12;

export function searchList(nodeSearch: boolean): string[] {
  const list = [`${POD_NAMESPACE}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  return nodeSearch ? [...list, NODE_SEARCH] : list;
}

/** glibc's order of candidates for `name` (resolv.conf(5), "ndots" and "search"). */
export function candidates(name: string, ndots: number, search: readonly string[]): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  const searched = search.map((domain) => `${name}.${domain}`);
  return dots >= ndots ? [name, ...searched] : [...searched, name];
}

function lookup(name: string, type: "A" | "AAAA"): { rcode: "NOERROR" | "NXDOMAIN"; address: string | null } {
  const address = CLUSTER[name] ?? INTERNET[name];
  // IPv4-only Services and names: AAAA gets NOERROR with no data (NODATA).
  if (address !== undefined) return { rcode: "NOERROR", address: type === "A" ? address : null };
  return { rcode: "NXDOMAIN", address: null };
}

function querySize(id: number, name: string, type: "A" | "AAAA"): number {
  return encodeMessage({
    header: header({ id, rd: true }),
    questions: [{ name, type: TYPE[type], class: CLASS_IN }],
    answers: [],
    authority: [],
    additional: [],
  }).length;
}

export function resolveInPod(options: DnsOptions): DnsResult {
  const sim = new Simulator({ seed: options.seed });
  const random = sim.random.fork("rtt");
  // ±25% of each round trip, drawn from the seed.
  const rtt = (base: number): Time => ms(base * (0.75 + 0.5 * random.float()));
  const search = searchList(options.nodeSearch);
  const names = candidates(options.name, options.ndots, search);
  const queries: Query[] = [];
  let address: string | null = null;
  let answeredBy: string | null = null;
  let done: Time = 0;
  let id = 0x1000;

  const tryCandidate = (index: number) => {
    const name = names[index];
    if (name === undefined) {
      done = sim.now;
      return;
    }
    let pending = 2;
    let exists = false;
    for (const type of ["A", "AAAA"] as const) {
      const sentAt = sim.now;
      const answer = lookup(name, type);
      const inCluster = name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`);
      const upstream = !inCluster && !options.warmCache;
      const bytes = querySize(id++, name, type);
      sim.after(rtt(POD_RTT_MS) + (upstream ? rtt(UPSTREAM_RTT_MS) : 0), () => {
        queries.push({ name, type, sentMs: toMs(sentAt), answeredMs: toMs(sim.now), ...answer, upstream, bytes });
        if (answer.rcode === "NOERROR") exists = true;
        if (answer.address !== null) address = answer.address;
        if (--pending > 0) return;
        // Both answers are in: a name that exists ends the search, even with no A record.
        if (exists) {
          answeredBy = name;
          done = sim.now;
        } else tryCandidate(index + 1);
      });
    }
  };
  sim.at(0, () => tryCandidate(0));
  sim.run();
  queries.sort((a, b) => a.sentMs - b.sentMs || a.type.localeCompare(b.type));
  return {
    search,
    candidates: names,
    queries,
    address,
    answeredBy,
    totalMs: toMs(done),
    bytesSent: queries.reduce((sum, q) => sum + q.bytes, 0),
  };
}
