/**
 * A toy of X.509 certificate path validation (RFC 5280 §6.1, much reduced):
 * the server presents its certificate and an intermediate, the client holds a
 * store of trusted roots, and the client checks, for the name it asked for,
 * that a path leads from the leaf to a trusted root, that every signature on
 * the path verifies, that every certificate is within its validity period,
 * that every issuer is a CA (basic constraints, §4.2.1.9) and that the leaf
 * names the host (subjectAltName, §4.2.1.6, matched as RFC 9525 says).
 * Signatures are not computed: each certificate records which key signed it.
 */

export interface Certificate {
  /** The subject's distinguished name, shortened to its common name. */
  readonly subject: string;
  readonly issuer: string;
  /** DNS names in subjectAltName (leaf certificates only). */
  readonly dnsNames: readonly string[];
  /** ISO dates, inclusive. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** basicConstraints cA. */
  readonly isCa: boolean;
  /** The name of this certificate's own key pair. */
  readonly key: string;
  /** The key that actually made the signature on this certificate. */
  readonly signedWith: string;
}

export const BREAKS = {
  none: "nothing: a valid chain",
  expired: "the server certificate has expired",
  "wrong-name": "the certificate is for another name",
  "untrusted-root": "the root is not in the client's store",
  "missing-intermediate": "the server forgot to send the intermediate",
  "not-a-ca": "the chain is signed by a certificate that is not a CA",
  "bad-signature": "the server certificate was altered after signing",
} as const;
export type Break = keyof typeof BREAKS;

export const HOSTNAMES = ["shop.example.com", "example.com", "api.example.com", "eu.api.example.com"] as const;

export interface Scenario {
  /** The name the client connects to (it sent it as SNI). */
  readonly hostname: string;
  /** The client's clock, ISO date. */
  readonly today: string;
  /** What the server sent, leaf first (the TLS Certificate message's order). */
  readonly presented: readonly Certificate[];
  /** The client's trust anchors. */
  readonly trusted: readonly Certificate[];
}

const ROOT: Certificate = {
  subject: "Example Root CA X1",
  issuer: "Example Root CA X1",
  dnsNames: [],
  notBefore: "2020-01-01",
  notAfter: "2040-01-01",
  isCa: true,
  key: "root-key",
  signedWith: "root-key",
};
const INTERMEDIATE: Certificate = {
  subject: "Example Issuing CA R3",
  issuer: "Example Root CA X1",
  dnsNames: [],
  notBefore: "2024-03-01",
  notAfter: "2029-03-01",
  isCa: true,
  key: "r3-key",
  signedWith: "root-key",
};
const LEAF: Certificate = {
  subject: "example.com",
  issuer: "Example Issuing CA R3",
  dnsNames: ["example.com", "*.example.com"],
  notBefore: "2026-09-01",
  notAfter: "2026-11-30",
  isCa: false,
  key: "site-key",
  signedWith: "r3-key",
};
/** Another site's certificate, valid in itself. */
const OTHER_SITE: Certificate = { ...LEAF, subject: "shop.example.net", dnsNames: ["shop.example.net"], key: "other-key" };

/** The chain the server presents with one thing broken. */
export function scenario(broken: Break, hostname: string = HOSTNAMES[0]): Scenario {
  const today = "2026-11-21";
  let leaf = LEAF;
  let intermediate = INTERMEDIATE;
  let trusted: Certificate[] = [ROOT];
  switch (broken) {
    case "none":
      break;
    case "expired":
      leaf = { ...LEAF, notBefore: "2026-07-01", notAfter: "2026-09-29" };
      break;
    case "wrong-name":
      leaf = OTHER_SITE;
      break;
    case "untrusted-root":
      trusted = [{ ...ROOT, subject: "Some Other Root", issuer: "Some Other Root", key: "other-root-key", signedWith: "other-root-key" }];
      break;
    case "missing-intermediate":
      return { hostname, today, presented: [leaf], trusted };
    case "not-a-ca":
      // The leaf of another site, used as if it were a CA to sign a certificate for example.com.
      intermediate = { ...OTHER_SITE, subject: "shop.example.net", issuer: "Example Issuing CA R3", key: "other-key" };
      leaf = { ...LEAF, issuer: "shop.example.net", signedWith: "other-key" };
      return { hostname, today, presented: [leaf, intermediate, INTERMEDIATE], trusted };
    case "bad-signature":
      leaf = { ...LEAF, signedWith: "nobody (contents changed after signing)" };
      break;
  }
  return { hostname, today, presented: [leaf, intermediate], trusted };
}

export type CheckName = "path" | "signatures" | "validity" | "ca" | "name";

export interface Check {
  readonly name: CheckName;
  readonly title: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface Validation {
  /** The path built, leaf first, ending at a trust anchor when one was reached. */
  readonly path: readonly Certificate[];
  readonly checks: readonly Check[];
  /** The first failed check, or null when the chain is accepted. */
  readonly failure: CheckName | null;
}

/** Does `pattern` (a dNSName, maybe "*.example.com") match `host`? A wildcard stands for exactly one whole left-most label. */
export function nameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith("*.")) return p === h;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** Validates a scenario and reports every check, in the order a client applies them. */
export function validate(s: Scenario): Validation {
  // Path building: from the leaf, follow issuer names through what the server sent, until a trusted certificate is reached.
  const path: Certificate[] = [s.presented[0]!];
  let anchored = false;
  for (let guard = 0; guard < 8; guard++) {
    const last = path[path.length - 1]!;
    const anchor = s.trusted.find((t) => t.subject === last.issuer);
    if (anchor !== undefined) {
      path.push(anchor);
      anchored = true;
      break;
    }
    const next = s.presented.find((c) => c.subject === last.issuer && !path.includes(c));
    if (next === undefined) break;
    path.push(next);
  }
  const checks: Check[] = [];
  const top = path[path.length - 1]!;
  checks.push({
    name: "path",
    title: "A path leads to a trusted root",
    ok: anchored,
    detail: anchored
      ? `${path.map((c) => c.subject).join(" → ")} (in the trust store)`
      : `stuck at “${top.subject}”: its issuer “${top.issuer}” is neither sent by the server nor in the trust store`,
  });
  const badSignature = path.slice(0, -1).find((c, i) => c.signedWith !== path[i + 1]!.key);
  checks.push({
    name: "signatures",
    title: "Each signature verifies with the issuer's public key",
    ok: badSignature === undefined && path.length > 1,
    detail:
      path.length < 2
        ? "no issuer certificate to check the signature with"
        : badSignature === undefined
          ? "every certificate was signed by the key of the next one"
          : `the signature on “${badSignature.subject}” does not verify with “${badSignature.issuer}”'s key`,
  });
  const expired = path.find((c) => s.today < c.notBefore || s.today > c.notAfter);
  checks.push({
    name: "validity",
    title: "Today is within every validity period",
    ok: expired === undefined,
    detail: expired === undefined ? `${s.today} is within every notBefore … notAfter` : `“${expired.subject}” is valid ${expired.notBefore} … ${expired.notAfter}, but today is ${s.today}`,
  });
  const notCa = path.slice(1).find((c) => !c.isCa);
  checks.push({
    name: "ca",
    title: "Every issuer is a CA (basic constraints)",
    ok: notCa === undefined,
    detail: notCa === undefined ? "every certificate above the leaf has cA = TRUE" : `“${notCa.subject}” signed a certificate but has cA = FALSE: it may not issue certificates`,
  });
  const leaf = path[0]!;
  const named = leaf.dnsNames.some((n) => nameMatches(n, s.hostname));
  checks.push({
    name: "name",
    title: "The server certificate names the host",
    ok: named,
    detail: named
      ? `${s.hostname} matches ${leaf.dnsNames.find((n) => nameMatches(n, s.hostname))} in subjectAltName`
      : `${s.hostname} matches none of ${leaf.dnsNames.join(", ")}${s.hostname.split(".").length > 3 ? " (a wildcard covers exactly one label)" : ""}`,
  });
  return { path, checks, failure: checks.find((c) => !c.ok)?.name ?? null };
}
