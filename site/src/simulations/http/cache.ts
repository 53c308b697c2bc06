/**
 * A private browser cache in front of one resource, for the caching
 * simulation. The origin sends `Cache-Control: max-age=N` and, if asked, an
 * ETag. A stored response is fresh while its age is below max-age (RFC 9111
 * §4.2) and is then used with no request at all; a stale one is revalidated
 * with If-None-Match (RFC 9110 §13.1.2), and a 304 Not Modified refreshes
 * the stored response (RFC 9111 §4.3.4). Without a validator the cache can
 * only fetch the whole response again. Age is counted from when the response
 * was received (one cache, no intermediaries, no Age header).
 */

export interface CacheOptions {
  /** Cache-Control: max-age, seconds. */
  readonly maxAgeS: number;
  /** When the resource changes at the origin, seconds, or null if it never does. */
  readonly changeAtS: number | null;
  /** When the page asks for the resource, seconds. */
  readonly requestTimesS: readonly number[];
  /** Whether the origin sends an ETag. */
  readonly etag: boolean;
  /** Body size, bytes (default 50,000). */
  readonly bodyBytes?: number;
}

export type CacheOutcome = "miss" | "fresh-hit" | "revalidated" | "refetched";

export interface CacheEvent {
  readonly t: number;
  readonly outcome: CacheOutcome;
  /** The status on the wire, or null when no request was sent. */
  readonly status: 200 | 304 | null;
  /** The stored response's age when asked, seconds (null on a miss). */
  readonly ageS: number | null;
  /** The ETag the origin holds at this moment. */
  readonly currentTag: string;
  /** The request's conditional header, if any. */
  readonly conditional: string | null;
  /** Bytes that crossed the network for this request (headers and body). */
  readonly bytes: number;
}

export interface CacheResult {
  readonly events: CacheEvent[];
  readonly bytesOnWire: number;
  /** Requests that had to go to the origin. */
  readonly requests: number;
}

const REQUEST_HEADERS = 350;
const RESPONSE_HEADERS = 250;

export function runCache(options: CacheOptions): CacheResult {
  const body = options.bodyBytes ?? 50_000;
  const versionAt = (t: number) => (options.changeAtS !== null && t >= options.changeAtS ? 2 : 1);
  const tagOf = (version: number) => `"v${version}"`;
  let stored: { receivedAt: number; version: number } | null = null;
  const events: CacheEvent[] = [];
  for (const t of [...options.requestTimesS].sort((a, b) => a - b)) {
    const version = versionAt(t);
    const currentTag = tagOf(version);
    if (stored === null) {
      stored = { receivedAt: t, version };
      events.push({ t, outcome: "miss", status: 200, ageS: null, currentTag, conditional: null, bytes: REQUEST_HEADERS + RESPONSE_HEADERS + body });
      continue;
    }
    const age = t - stored.receivedAt;
    if (age < options.maxAgeS) {
      events.push({ t, outcome: "fresh-hit", status: null, ageS: age, currentTag, conditional: null, bytes: 0 });
      continue;
    }
    if (options.etag) {
      const conditional = `If-None-Match: ${tagOf(stored.version)}`;
      if (stored.version === version) {
        stored = { receivedAt: t, version };
        events.push({ t, outcome: "revalidated", status: 304, ageS: age, currentTag, conditional, bytes: REQUEST_HEADERS + 20 + RESPONSE_HEADERS });
      } else {
        stored = { receivedAt: t, version };
        events.push({ t, outcome: "refetched", status: 200, ageS: age, currentTag, conditional, bytes: REQUEST_HEADERS + 20 + RESPONSE_HEADERS + body });
      }
      continue;
    }
    stored = { receivedAt: t, version };
    events.push({ t, outcome: "refetched", status: 200, ageS: age, currentTag, conditional: null, bytes: REQUEST_HEADERS + RESPONSE_HEADERS + body });
  }
  return { events, bytesOnWire: events.reduce((sum, e) => sum + e.bytes, 0), requests: events.filter((e) => e.status !== null).length };
}
