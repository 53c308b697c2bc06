/**
 * The browser-rules chapter's model (site/src/simulations/http/cors.ts):
 * when Fetch sends a preflight, what goes on the wire, when the script sees
 * the response, and when the session cookie is attached.
 */
import { describe, expect, it } from "vitest";
import { cookieSent, DEFAULT_MAX_AGE, needsPreflight, ONE_WAY_MS, REPEAT_MS, runCors, unsafeHeaderNames, type CorsOptions } from "#site/simulations/http/cors.ts";

const base: CorsOptions = {
  method: "GET",
  contentType: "none",
  header: "none",
  credentials: "omit",
  target: "cross-site",
  sameSite: "Lax",
  policy: "origin",
  maxAge: undefined,
};
const rtt = 2 * ONE_WAY_MS;

describe("which requests need a preflight (Fetch)", () => {
  it("lets safelisted methods and content types through as simple requests", () => {
    expect(needsPreflight({ ...base, method: "POST", contentType: "text/plain" })).toBe(false);
    expect(needsPreflight({ ...base, method: "POST", contentType: "application/x-www-form-urlencoded" })).toBe(false);
  });
  it("preflights other methods, JSON bodies and custom headers", () => {
    expect(needsPreflight({ ...base, method: "PUT" })).toBe(true);
    expect(needsPreflight({ ...base, method: "DELETE" })).toBe(true);
    expect(needsPreflight({ ...base, method: "POST", contentType: "application/json" })).toBe(true);
    expect(needsPreflight({ ...base, header: "x-requested-with" })).toBe(true);
    expect(unsafeHeaderNames({ contentType: "application/json", header: "authorization" })).toEqual(["authorization", "content-type"]);
  });
  it("never preflights a same-origin request", () => {
    expect(needsPreflight({ ...base, target: "same-origin", method: "PUT", header: "authorization" })).toBe(false);
  });
});

describe("cookies and SameSite (RFC 6265bis)", () => {
  it("sends a cross-site cookie only with credentials include and SameSite=None", () => {
    expect(cookieSent({ credentials: "include", target: "cross-site", sameSite: "None" })).toBe(true);
    expect(cookieSent({ credentials: "include", target: "cross-site", sameSite: "Lax" })).toBe(false);
    expect(cookieSent({ credentials: "include", target: "cross-site", sameSite: "Strict" })).toBe(false);
  });
  it("treats a same-site, cross-origin request as same-site for SameSite, not for credentials mode", () => {
    expect(cookieSent({ credentials: "include", target: "same-site", sameSite: "Strict" })).toBe(true);
    expect(cookieSent({ credentials: "same-origin", target: "same-site", sameSite: "None" })).toBe(false);
    expect(cookieSent({ credentials: "same-origin", target: "same-origin", sameSite: "Strict" })).toBe(true);
    expect(cookieSent({ credentials: "omit", target: "same-origin", sameSite: "None" })).toBe(false);
  });
});

describe("the exchange on the wire", () => {
  it("sends OPTIONS first, naming the method and unsafe headers, then the request", () => {
    const r = runCors({ ...base, method: "PUT", contentType: "application/json" });
    const [pre, preResp, req] = r.messages;
    expect(pre!.text).toContain("OPTIONS /cart HTTP/1.1");
    expect(pre!.text).toContain("Access-Control-Request-Method: PUT");
    expect(pre!.text).toContain("Access-Control-Request-Headers: content-type");
    expect(preResp!.text).toContain("Access-Control-Allow-Origin: https://shop.example.com");
    expect(req!.text.startsWith("PUT /cart")).toBe(true);
    expect(req!.sentMs).toBeCloseTo(preResp!.arrivedMs!, 6);
    expect(r.fetches[0]).toMatchObject({ preflight: "sent", requestSent: true, exposed: true });
    expect(r.fetches[0]!.doneMs).toBeGreaterThanOrEqual(2 * rtt);
    expect(r.fetches[0]!.doneMs).toBeLessThan(2 * rtt + 5);
  });
  it("caches the preflight for Max-Age, 5 s by default", () => {
    expect(DEFAULT_MAX_AGE * 1000).toBeLessThan(REPEAT_MS);
    const opts = { ...base, method: "DELETE" } as const;
    expect(runCors(opts).fetches.map((f) => f.preflight)).toEqual(["sent", "sent"]);
    const cached = runCors({ ...opts, maxAge: 600 });
    expect(cached.fetches.map((f) => f.preflight)).toEqual(["sent", "cached"]);
    expect(cached.messages.filter((m) => m.text.startsWith("OPTIONS"))).toHaveLength(1);
    expect(cached.fetches[1]!.doneMs).toBeLessThan(rtt + 5);
    expect(runCors({ ...opts, maxAge: 8 }).fetches[1]!.preflight).toBe("sent");
  });
  it("a simple request reaches the server even when the response is hidden", () => {
    const r = runCors({ ...base, method: "POST", contentType: "text/plain", policy: "none" });
    expect(r.messages.some((m) => m.text.startsWith("OPTIONS"))).toBe(false);
    expect(r.fetches[0]).toMatchObject({ preflight: "not needed", requestSent: true, exposed: false });
  });
  it("a failed preflight stops the real request", () => {
    const r = runCors({ ...base, method: "PUT", policy: "none" });
    expect(r.fetches[0]).toMatchObject({ preflight: "sent", requestSent: false, exposed: false });
    expect(r.messages.filter((m) => m.text.startsWith("PUT"))).toHaveLength(0);
  });
  it("refuses * for credentialed requests and needs Allow-Credentials", () => {
    const cred = { ...base, credentials: "include", sameSite: "None" } as const;
    expect(runCors({ ...cred, policy: "wildcard" }).fetches[0]!.exposed).toBe(false);
    expect(runCors({ ...cred, policy: "origin" }).fetches[0]!.exposed).toBe(false);
    const ok = runCors({ ...cred, policy: "origin-credentials" });
    expect(ok.fetches[0]).toMatchObject({ exposed: true, cookieSent: true });
    expect(ok.messages[0]!.text).toContain("Cookie: session=");
    expect(runCors({ ...base, policy: "wildcard" }).fetches[0]!.exposed).toBe(true);
  });
  it("a wildcard Allow-Headers does not cover Authorization, and preflights carry no cookie", () => {
    const r = runCors({ ...base, header: "authorization", policy: "wildcard" });
    expect(r.fetches[0]).toMatchObject({ preflight: "sent", requestSent: false });
    expect(runCors({ ...base, header: "x-requested-with", policy: "wildcard" }).fetches[0]!.exposed).toBe(true);
    const c = runCors({ ...base, method: "PUT", credentials: "include", sameSite: "None", policy: "origin-credentials" });
    expect(c.messages[0]!.text).not.toContain("Cookie");
    expect(c.messages[2]!.text).toContain("Cookie");
  });
  it("sends Origin on a same-origin POST but not on a same-origin GET", () => {
    expect(runCors({ ...base, target: "same-origin" }).messages[0]!.text).not.toContain("Origin:");
    expect(runCors({ ...base, target: "same-origin", method: "POST", contentType: "text/plain" }).messages[0]!.text).toContain("Origin:");
    expect(runCors({ ...base, target: "same-origin", policy: "none" }).fetches[0]!.exposed).toBe(true);
  });
});
