/**
 * The recursive resolver of the resolution simulation as a sans-I/O model:
 * fed a stub's query or a name server's response, it answers with the one
 * thing to do next (ask a server, or answer the stub), and never touches
 * the network (resolve.ts does that).
 *
 * It follows RFC 1034 §5.3.3 in outline: answer from the cache when it can;
 * otherwise ask the closest servers it knows for the name (root hints at
 * first), follow referrals, cache what it learns (answers, NS records and
 * glue, negative answers for the SOA's minimum), and answer the stub with
 * TTLs counted down.
 */
import { header, RCODE, TYPE, CLASS_IN, type DnsMessage, type DnsQuestion, type DnsRecord } from "#runtime/wire/dns.ts";
import { isWithin } from "./zones.ts";
import { Cache, cacheKey, NXDOMAIN_KEY } from "./resolver-cache.ts";

/** What the resolver does next: ask a name server (its reply goes to onResponse with `id`), or answer its client. */
export type ResolverAction<C> =
  | { readonly kind: "ask"; readonly id: number; readonly server: string; readonly question: DnsQuestion }
  | { readonly kind: "answer"; readonly client: C; readonly response: DnsMessage };

/** One stub query being resolved: the name it has reached (after CNAMEs) and the records gathered so far. */
interface Resolution<C> {
  readonly client: C;
  readonly query: DnsMessage;
  readonly type: number;
  name: string;
  chain: DnsRecord[];
  depth: number;
}

interface Outcome {
  readonly rcode: number;
  readonly answers: DnsRecord[];
  readonly authority: DnsRecord[];
}

/** Referrals and CNAME hops one query may take before the resolver gives up with SERVFAIL. */
const MAX_DEPTH = 12;
/** CNAME hops followed inside one answer. */
const MAX_HOPS = 10;

export class RecursiveResolver<C> {
  readonly cache: Cache;
  private readonly servers: ReadonlySet<string>;
  private readonly rootHint: string;
  private readonly waiting = new Map<number, Resolution<C>>();
  private nextId = 0;

  /** `servers`: the name servers' addresses it can reach; `rootHint`: the root server it starts from when the cache knows no closer one. */
  constructor(now: () => number, servers: Iterable<string>, rootHint: string) {
    this.cache = new Cache(now);
    this.servers = new Set(servers);
    this.rootHint = rootHint;
  }

  /** A stub's query (`client` says where to send the answer). */
  onQuery(client: C, query: DnsMessage): ResolverAction<C> {
    const q = query.questions[0]!;
    return this.step({ client, query, type: q.type, name: q.name, chain: [], depth: 0 });
  }

  /** A name server's response to the ask with this id. */
  onResponse(id: number, response: DnsMessage): ResolverAction<C> {
    const r = this.waiting.get(id)!;
    this.waiting.delete(id);
    const { answers, authority, additional } = response;
    if (response.header.rcode === RCODE.NXDOMAIN) {
      const soa = authority.find((x) => x.type === TYPE.SOA);
      // RFC 2308 §5: a negative answer lives for min(SOA TTL, SOA MINIMUM).
      if (soa?.data.kind === "SOA") this.cache.put(r.name, NXDOMAIN_KEY, [soa], "negative", Math.min(soa.ttl, soa.data.minimum));
      return this.answer(r, { rcode: RCODE.NXDOMAIN, answers: [...r.chain, ...answers], authority: soa === undefined ? [] : [soa] });
    }
    if (answers.length > 0) return this.onAnswers(r, answers);
    const ns = authority.filter((x) => x.type === TYPE.NS);
    if (ns.length > 0 && !response.header.aa && isWithin(r.name, ns[0]!.name)) {
      this.cache.put(ns[0]!.name, TYPE.NS, ns, "referral");
      for (const glue of additional.filter((x) => x.type === TYPE.A)) this.cache.put(glue.name, TYPE.A, [glue], "glue");
      r.depth += 1;
      return this.step(r);
    }
    const soa = authority.find((x) => x.type === TYPE.SOA);
    if (soa?.data.kind === "SOA") this.cache.put(r.name, r.type, [soa], "negative", Math.min(soa.ttl, soa.data.minimum));
    return this.answer(r, { rcode: response.header.rcode, answers: r.chain, authority: soa === undefined ? [] : [soa] });
  }

  /** A response with answers: cache each RRset, then follow the records for the name or its CNAME chain. */
  private onAnswers(r: Resolution<C>, answers: readonly DnsRecord[]): ResolverAction<C> {
    const groups = new Map<string, DnsRecord[]>();
    for (const x of answers) groups.set(cacheKey(x.name, x.type), [...(groups.get(cacheKey(x.name, x.type)) ?? []), x]);
    for (const set of groups.values()) this.cache.put(set[0]!.name, set[0]!.type, set, "answer");
    let target = r.name;
    const collected: DnsRecord[] = [];
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const direct = answers.filter((x) => x.name.toLowerCase() === target.toLowerCase() && x.type === r.type);
      if (direct.length > 0) return this.answer(r, { rcode: RCODE.NOERROR, answers: [...r.chain, ...collected, ...direct], authority: [] });
      const c = answers.find((x) => x.name.toLowerCase() === target.toLowerCase() && x.type === TYPE.CNAME);
      if (c === undefined || c.data.kind !== "CNAME") break;
      collected.push(c);
      target = c.data.target;
    }
    // The chain leaves what this server answered for: resolve the rest from the top.
    r.name = target;
    r.chain = [...r.chain, ...collected];
    r.depth += 1;
    return this.step(r);
  }

  /** Answers from the cache (following cached CNAMEs) or asks the closest known server. */
  private step(r: Resolution<C>): ResolverAction<C> {
    const cache = this.cache;
    for (;;) {
      if (r.depth > MAX_DEPTH) return this.answer(r, { rcode: RCODE.SERVFAIL, answers: r.chain, authority: [] });
      const hit = cache.get(r.name, r.type);
      if (hit !== undefined) {
        if (hit.origin === "negative") return this.answer(r, { rcode: RCODE.NOERROR, answers: r.chain, authority: cache.aged(hit) });
        return this.answer(r, { rcode: RCODE.NOERROR, answers: [...r.chain, ...cache.aged(hit)], authority: [] });
      }
      const nx = cache.get(r.name, NXDOMAIN_KEY);
      if (nx !== undefined) return this.answer(r, { rcode: RCODE.NXDOMAIN, answers: r.chain, authority: cache.aged(nx) });
      const alias = cache.get(r.name, TYPE.CNAME);
      if (alias === undefined || alias.records[0]?.data.kind !== "CNAME") break;
      r.chain = [...r.chain, ...cache.aged(alias)];
      r.name = alias.records[0].data.target;
      r.depth += 1;
    }
    const id = this.nextId++;
    this.waiting.set(id, r);
    return { kind: "ask", id, server: this.closestServer(r.name), question: { name: r.name, type: r.type, class: CLASS_IN } };
  }

  /** The closest zone whose servers the cache knows (NS and an address), else the root hints. */
  private closestServer(name: string): string {
    const labels = name.split(".");
    for (let i = 0; i < labels.length; i++) {
      const ns = this.cache.get(labels.slice(i).join("."), TYPE.NS);
      if (ns === undefined) continue;
      for (const record of ns.records) {
        if (record.data.kind !== "NS") continue;
        const address = this.cache.get(record.data.host, TYPE.A)?.records[0];
        if (address?.data.kind !== "A") continue;
        if (this.servers.has(address.data.address)) return address.data.address;
      }
    }
    return this.rootHint;
  }

  private answer(r: Resolution<C>, outcome: Outcome): ResolverAction<C> {
    const { query } = r;
    const response: DnsMessage = {
      header: header({ id: query.header.id, qr: true, rd: query.header.rd, ra: true, rcode: outcome.rcode }),
      questions: query.questions,
      answers: outcome.answers,
      authority: outcome.authority,
      additional: [],
    };
    return { kind: "answer", client: r.client, response };
  }
}
