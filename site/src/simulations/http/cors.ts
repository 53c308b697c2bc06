/**
 * What a browser does with one fetch() from https://shop.example.com: the
 * CORS rules of the WHATWG Fetch standard (safelisted methods and headers,
 * the preflight, the CORS check, the preflight cache), plus whether the
 * session cookie rides along (credentials mode and SameSite, RFC 6265bis).
 * The page makes the same request twice, 10 s apart, so the preflight
 * cache shows. Requests and responses are HTTP/1.1 text written to a runtime
 * byte stream (the TLS connection is taken as already open); the server
 * answers each whole message it receives.
 */
import { ms, seconds, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";
export type ContentType = "none" | "text/plain" | "application/x-www-form-urlencoded" | "application/json";
export type ExtraHeader = "none" | "authorization" | "x-requested-with";
export type Credentials = "omit" | "same-origin" | "include";
export type Target = "same-origin" | "same-site" | "cross-site";
export type SameSite = "Strict" | "Lax" | "None";
/** What the API server answers with: no CORS headers, wildcards, or the exact origin (with credentials allowed or not). */
export type Policy = "none" | "wildcard" | "origin" | "origin-credentials";

export interface CorsOptions {
  readonly method: Method;
  readonly contentType: ContentType;
  readonly header: ExtraHeader;
  readonly credentials: Credentials;
  readonly target: Target;
  /** The SameSite attribute of the API's session cookie. */
  readonly sameSite: SameSite;
  readonly policy: Policy;
  /** Access-Control-Max-Age on preflight responses, seconds; undefined leaves it out. */
  readonly maxAge: number | undefined;
}

export const PAGE_ORIGIN = "https://shop.example.com";
export const TARGETS: Record<Target, string> = {
  "same-origin": "https://shop.example.com",
  "same-site": "https://api.example.com",
  "cross-site": "https://api.payments.net",
};
export const ONE_WAY_MS = 20;
/** The page repeats its request this long after the first one. */
export const REPEAT_MS = 10_000;
/** Fetch's default preflight cache lifetime when Max-Age is absent: 5 seconds. */
export const DEFAULT_MAX_AGE = 5;

/** Fetch, "CORS-safelisted method": methods that never need a preflight. */
const SAFELISTED_METHODS = new Set(["GET", "HEAD", "POST"]);
/** Fetch's CORS-safelisted Content-Type values (the MIME type's essence). */
const SAFELISTED_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

export interface Message {
  readonly dir: "request" | "response";
  readonly sentMs: number;
  arrivedMs?: number;
  /** The start line and headers, as on the wire. */
  readonly text: string;
  readonly note: string;
}

export interface FetchOutcome {
  readonly preflight: "sent" | "cached" | "not needed";
  /** Whether the real request left the browser (and reached the server). */
  readonly requestSent: boolean;
  readonly cookieSent: boolean;
  /** Whether the page's script gets the response; otherwise fetch() rejects with a TypeError. */
  readonly exposed: boolean;
  readonly reason: string;
  readonly doneMs: number;
}

export interface CorsResult {
  readonly crossOrigin: boolean;
  /** The request's headers that are not CORS-safelisted (lower-case, sorted), which a preflight must name. */
  readonly unsafeHeaders: readonly string[];
  readonly messages: readonly Message[];
  readonly fetches: readonly FetchOutcome[];
}

/** Header names the page sets that Fetch does not safelist. */
export function unsafeHeaderNames(o: Pick<CorsOptions, "contentType" | "header">): string[] {
  const names: string[] = [];
  if (o.contentType !== "none" && !SAFELISTED_TYPES.has(o.contentType)) names.push("content-type");
  if (o.header !== "none") names.push(o.header);
  return names.sort();
}

export function needsPreflight(o: CorsOptions): boolean {
  return o.target !== "same-origin" && (!SAFELISTED_METHODS.has(o.method) || unsafeHeaderNames(o).length > 0);
}

/** RFC 6265bis §5.8.3: a cross-site subresource request carries only SameSite=None cookies. */
export function cookieSent(o: Pick<CorsOptions, "credentials" | "target" | "sameSite">): boolean {
  if (o.credentials === "omit" || (o.credentials === "same-origin" && o.target !== "same-origin")) return false;
  return o.target !== "cross-site" || o.sameSite === "None";
}

/** The CORS headers the server's policy puts on a response (to a preflight when `preflight`). */
function policyHeaders(o: CorsOptions, preflight: boolean): string[] {
  const h: string[] = [];
  if (o.policy === "none") return h;
  const wildcard = o.policy === "wildcard";
  h.push(`Access-Control-Allow-Origin: ${wildcard ? "*" : PAGE_ORIGIN}`);
  if (o.policy === "origin-credentials") h.push("Access-Control-Allow-Credentials: true");
  if (!wildcard) h.push("Vary: Origin");
  if (preflight) {
    h.push(`Access-Control-Allow-Methods: ${wildcard ? "*" : "GET, POST, PUT, DELETE"}`);
    h.push(`Access-Control-Allow-Headers: ${wildcard ? "*" : "Content-Type, Authorization, X-Requested-With"}`);
    if (o.maxAge !== undefined) h.push(`Access-Control-Max-Age: ${o.maxAge}`);
  }
  return h;
}

/** Fetch's CORS check on a response: the reason it fails, or undefined. */
function corsCheck(o: CorsOptions, credentialed: boolean): string | undefined {
  if (o.policy === "none") return "no Access-Control-Allow-Origin in the response";
  if (credentialed && o.policy === "wildcard") return "Access-Control-Allow-Origin is * on a credentialed request, which needs the exact origin";
  if (credentialed && o.policy !== "origin-credentials") return "credentialed request, but no Access-Control-Allow-Credentials: true";
  return undefined;
}

/** The preflight's own checks beyond the CORS check: are the method and headers allowed? */
function preflightCheck(o: CorsOptions, credentialed: boolean): string | undefined {
  const failed = corsCheck(o, credentialed);
  if (failed !== undefined) return failed;
  if (o.policy !== "wildcard") return undefined;
  // "*" is a wildcard only without credentials, and never covers Authorization (Fetch, "CORS-preflight fetch").
  if (o.header === "authorization") return "Access-Control-Allow-Headers: * does not cover Authorization";
  return undefined;
}

export function runCors(o: CorsOptions): CorsResult {
  const net = new Network({ seed: 1 });
  const browser = net.host("browser", "10.0.0.2");
  const server = net.host("server", "198.51.100.7");
  net.connect(browser, server, { delay: ms(ONE_WAY_MS), rate: 50e6 });
  const up = net.stream(browser, server);
  const down = net.stream(server, browser);
  const messages: Message[] = [];
  const inFlight: { request: Message[]; response: Message[] } = { request: [], response: [] };
  const now = () => toMs(net.now);
  const crossOrigin = o.target !== "same-origin";
  const unsafe = unsafeHeaderNames(o);
  // Fetch checks credentials by the request's mode, whether or not a cookie was attached.
  const credentialed = o.credentials === "include" && crossOrigin;
  const host = TARGETS[o.target].slice("https://".length);
  const body = o.method === "GET" || o.method === "DELETE" ? "" : o.contentType === "application/json" ? '{"item":42}' : "item=42";

  const send = (dir: "request" | "response", lines: readonly string[], note: string, payload = "") => {
    const text = lines.join("\r\n");
    const m: Message = { dir, sentMs: now(), text, note };
    messages.push(m);
    inFlight[dir].push(m);
    const wire = `${text}\r\n\r\n${payload}`;
    (dir === "request" ? up : down).write(Uint8Array.from(wire, (c) => c.charCodeAt(0)));
  };
  /** Calls `then` when the oldest message in flight that way has fully arrived. */
  const waiters: { request: (() => void)[]; response: (() => void)[] } = { request: [], response: [] };
  const expect = { request: 0, response: 0 };
  const received = { request: 0, response: 0 };
  const sizes: { request: number[]; response: number[] } = { request: [], response: [] };
  const arrive = (dir: "request" | "response", n: number) => {
    received[dir] += n;
    while (sizes[dir].length > 0 && received[dir] >= expect[dir] + sizes[dir][0]!) {
      expect[dir] += sizes[dir].shift()!;
      inFlight[dir].shift()!.arrivedMs = now();
      waiters[dir].shift()?.();
    }
  };
  up.onData = (chunk) => arrive("request", chunk.length);
  down.onData = (chunk) => arrive("response", chunk.length);
  const exchange = (lines: readonly string[], note: string, payload: string, answer: () => [string[], string, string], then: () => void) => {
    sizes.request.push(lines.join("\r\n").length + 4 + payload.length);
    waiters.request.push(() => {
      const [response, responseNote, responseBody] = answer();
      sizes.response.push(response.join("\r\n").length + 4 + responseBody.length);
      waiters.response.push(then);
      send("response", response, responseNote, responseBody);
    });
    send("request", lines, note, payload);
  };

  const fetches: FetchOutcome[] = [];
  let cacheUntil = -Infinity;
  const oneFetch = (done: () => void) => {
    const start = now();
    const finish = (f: Omit<FetchOutcome, "doneMs">) => {
      fetches.push({ ...f, doneMs: now() - start });
      done();
    };
    const cookie = cookieSent(o);
    const real = (preflight: FetchOutcome["preflight"]) => {
      const lines = [`${o.method} /cart HTTP/1.1`, `Host: ${host}`];
      // Fetch appends Origin to every CORS request, and to same-origin ones whose method is not GET or HEAD.
      if (crossOrigin || o.method !== "GET") lines.push(`Origin: ${PAGE_ORIGIN}`);
      if (o.contentType !== "none" && body !== "") lines.push(`Content-Type: ${o.contentType}`);
      if (o.header === "authorization") lines.push("Authorization: Bearer eyJhbGciOi…");
      if (o.header === "x-requested-with") lines.push("X-Requested-With: XMLHttpRequest");
      if (cookie) lines.push("Cookie: session=7f3a9c");
      if (body !== "") lines.push(`Content-Length: ${body.length}`);
      const note = crossOrigin ? (preflight === "not needed" ? "a simple request: sent at once" : "the real request") : "same origin: no CORS";
      exchange(
        lines,
        note,
        body,
        () => {
          const respBody = '{"items":3}';
          const headers = ["HTTP/1.1 200 OK", "Content-Type: application/json", ...(crossOrigin ? policyHeaders(o, false) : []), `Content-Length: ${respBody.length}`];
          return [headers, cookie ? "the server acts as the logged-in user" : "the server acts without a session", respBody];
        },
        () => {
          const failed = crossOrigin ? corsCheck(o, credentialed) : undefined;
          finish({
            preflight,
            requestSent: true,
            cookieSent: cookie,
            exposed: failed === undefined,
            reason: failed === undefined ? (crossOrigin ? "the CORS check passed" : "same origin") : `${failed}: the script sees a TypeError, though the server already handled the request`,
          });
        },
      );
    };
    if (!needsPreflight(o)) return real("not needed");
    if (now() < cacheUntil) return real("cached");
    const lines = [
      "OPTIONS /cart HTTP/1.1",
      `Host: ${host}`,
      `Origin: ${PAGE_ORIGIN}`,
      `Access-Control-Request-Method: ${o.method}`,
      ...(unsafe.length > 0 ? [`Access-Control-Request-Headers: ${unsafe.join(",")}`] : []),
    ];
    exchange(
      lines,
      "preflight: never carries cookies",
      "",
      () => [["HTTP/1.1 204 No Content", ...policyHeaders(o, true)], o.policy === "none" ? "no CORS headers: the server knows nothing of CORS" : "the server's CORS policy", ""],
      () => {
        const failed = preflightCheck(o, credentialed);
        if (failed !== undefined) {
          finish({ preflight: "sent", requestSent: false, cookieSent: false, exposed: false, reason: `preflight failed (${failed}): the real request is never sent` });
          return;
        }
        cacheUntil = now() + 1000 * (o.maxAge ?? DEFAULT_MAX_AGE);
        real("sent");
      },
    );
  };
  oneFetch(() => net.sim.after(seconds(REPEAT_MS / 1000) - net.now, () => oneFetch(() => undefined)));
  net.run();
  return { crossOrigin, unsafeHeaders: unsafe, messages, fetches };
}
