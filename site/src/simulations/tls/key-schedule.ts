/**
 * The TLS 1.3 key schedule picture (RFC 8446 §7.1, keys and IVs §7.3,
 * nonces §5.3): the tree of one handshake's secrets, each node holding the
 * value RFC 8448 §3 prints for it. Nothing here derives a key: every value
 * is recorded data from labs/tls-keys/rfc8448.ts, and the learner's values
 * come from the learner's own code ("Use my code", your-code/tls-keys-driver.ts).
 * This file is the tree's plan and the comparison of two hex strings; the
 * drawing is key-schedule-view.ts.
 */
import { RFC8448_ECDHE, RFC8448_KEYS, RFC8448_MESSAGES, RFC8448_SECRETS, RFC8448_STEPS } from "#labs/tls-keys/rfc8448.ts";
import type { SecretName } from "#labs/tls-keys/scenarios.ts";

export type KeysName = keyof typeof RFC8448_KEYS;

/** Where a node's value comes from: given to the schedule, a secret keySchedule() returns, a step inside it, or a traffic secret's key and IV. */
export type NodeSource =
  | { readonly kind: "input"; readonly hex: string }
  | { readonly kind: "secret"; readonly name: SecretName }
  | { readonly kind: "step"; readonly hex: string }
  | { readonly kind: "keys"; readonly name: KeysName; readonly secret: SecretName };

export interface TreeNode {
  readonly id: string;
  /** The box's first line, as RFC 8446 §7.1's figure labels it. */
  readonly label: string;
  /** The node's name in the controls and the detail. */
  readonly title: string;
  /** How the value is made, and the section that says so. */
  readonly formula: string;
  readonly section: string;
  readonly col: number;
  readonly row: number;
  /** The nodes it hangs from (an arrow from each). */
  readonly from: readonly string[];
  readonly source: NodeSource;
}

const ZERO_32 = Array.from({ length: 32 }, () => "00").join(" ");
const S = RFC8448_SECRETS;
const TRANSCRIPT_HELLO = "Transcript-Hash(ClientHello, ServerHello)";
const TRANSCRIPT_SERVER_FINISHED = "Transcript-Hash(ClientHello … server Finished)";
const S71 = "RFC 8446 §7.1";

/** The tree, top to bottom: three columns of inputs and secrets, and the keys, IVs and Finished values at the right (RFC 8446 §7.1's figure, laid out sideways). */
export const TREE: readonly TreeNode[] = [
  { id: "psk", label: "PSK = 0", title: "PSK (none: 0)", formula: "No PSK in this handshake: a string of Hash.length (32) zero bytes stands in for it", section: S71, col: 0, row: 0, from: [], source: { kind: "input", hex: ZERO_32 } },
  { id: "early", label: "Early Secret", title: "Early Secret", formula: "HKDF-Extract(salt = 0, IKM = PSK)", section: S71, col: 1, row: 0, from: ["psk"], source: { kind: "secret", name: "earlySecret" } },
  { id: "derived-early", label: '"derived"', title: "Early Secret's \"derived\" (salt)", formula: 'Derive-Secret(Early Secret, "derived", "")', section: S71, col: 1, row: 1, from: ["early"], source: { kind: "step", hex: RFC8448_STEPS.derivedFromEarly } },
  { id: "ecdhe", label: "(EC)DHE", title: "(EC)DHE shared secret", formula: "The X25519 shared secret of the two key shares (RFC 7748 §6.1)", section: "RFC 8446 §7.4.2", col: 0, row: 2, from: [], source: { kind: "input", hex: RFC8448_ECDHE } },
  { id: "handshake", label: "Handshake Secret", title: "Handshake Secret", formula: 'HKDF-Extract(salt = "derived" above, IKM = (EC)DHE)', section: S71, col: 1, row: 2, from: ["derived-early", "ecdhe"], source: { kind: "secret", name: "handshakeSecret" } },
  { id: "c-hs", label: '"c hs traffic"', title: "client handshake traffic secret", formula: `Derive-Secret(Handshake Secret, "c hs traffic", ClientHello…ServerHello): HKDF-Expand-Label with the ${TRANSCRIPT_HELLO} as context`, section: S71, col: 2, row: 2, from: ["handshake"], source: { kind: "secret", name: "clientHandshakeTrafficSecret" } },
  { id: "c-hs-keys", label: "client hs key, iv", title: "client handshake write key and IV", formula: 'key = HKDF-Expand-Label(secret, "key", "", 16), iv = HKDF-Expand-Label(secret, "iv", "", 12)', section: "RFC 8446 §7.3", col: 3, row: 2, from: ["c-hs"], source: { kind: "keys", name: "clientHandshake", secret: "clientHandshakeTrafficSecret" } },
  { id: "c-fin", label: "client Finished", title: "client Finished (verify_data)", formula: `HMAC(finished_key, ${TRANSCRIPT_SERVER_FINISHED}), finished_key = HKDF-Expand-Label(client handshake traffic secret, "finished", "", 32)`, section: "RFC 8446 §4.4.4", col: 3, row: 3, from: ["c-hs"], source: { kind: "secret", name: "clientFinished" } },
  { id: "s-hs", label: '"s hs traffic"', title: "server handshake traffic secret", formula: `Derive-Secret(Handshake Secret, "s hs traffic", ClientHello…ServerHello)`, section: S71, col: 2, row: 4, from: ["handshake"], source: { kind: "secret", name: "serverHandshakeTrafficSecret" } },
  { id: "s-hs-keys", label: "server hs key, iv", title: "server handshake write key and IV", formula: 'key = HKDF-Expand-Label(secret, "key", "", 16), iv = HKDF-Expand-Label(secret, "iv", "", 12)', section: "RFC 8446 §7.3", col: 3, row: 4, from: ["s-hs"], source: { kind: "keys", name: "serverHandshake", secret: "serverHandshakeTrafficSecret" } },
  { id: "s-fin", label: "server Finished", title: "server Finished (verify_data)", formula: 'HMAC(finished_key, Transcript-Hash(ClientHello … CertificateVerify)), finished_key = HKDF-Expand-Label(server handshake traffic secret, "finished", "", 32)', section: "RFC 8446 §4.4.4", col: 3, row: 5, from: ["s-hs"], source: { kind: "secret", name: "serverFinished" } },
  { id: "derived-hs", label: '"derived"', title: "Handshake Secret's \"derived\" (salt)", formula: 'Derive-Secret(Handshake Secret, "derived", "")', section: S71, col: 1, row: 6, from: ["handshake"], source: { kind: "step", hex: RFC8448_STEPS.derivedFromHandshake } },
  { id: "zero", label: "0", title: "0 (no more key input)", formula: "A string of Hash.length (32) zero bytes", section: S71, col: 0, row: 7, from: [], source: { kind: "input", hex: ZERO_32 } },
  { id: "master", label: "Master Secret", title: "Master Secret", formula: 'HKDF-Extract(salt = "derived" above, IKM = 0)', section: S71, col: 1, row: 7, from: ["derived-hs", "zero"], source: { kind: "secret", name: "masterSecret" } },
  { id: "c-ap", label: '"c ap traffic"', title: "client application traffic secret", formula: `Derive-Secret(Master Secret, "c ap traffic", ClientHello…server Finished)`, section: S71, col: 2, row: 7, from: ["master"], source: { kind: "secret", name: "clientApplicationTrafficSecret" } },
  { id: "c-ap-keys", label: "client ap key, iv", title: "client application write key and IV", formula: 'key = HKDF-Expand-Label(secret, "key", "", 16), iv = HKDF-Expand-Label(secret, "iv", "", 12)', section: "RFC 8446 §7.3", col: 3, row: 7, from: ["c-ap"], source: { kind: "keys", name: "clientApplication", secret: "clientApplicationTrafficSecret" } },
  { id: "s-ap", label: '"s ap traffic"', title: "server application traffic secret", formula: `Derive-Secret(Master Secret, "s ap traffic", ClientHello…server Finished)`, section: S71, col: 2, row: 8, from: ["master"], source: { kind: "secret", name: "serverApplicationTrafficSecret" } },
  { id: "s-ap-keys", label: "server ap key, iv", title: "server application write key and IV", formula: 'key = HKDF-Expand-Label(secret, "key", "", 16), iv = HKDF-Expand-Label(secret, "iv", "", 12)', section: "RFC 8446 §7.3", col: 3, row: 8, from: ["s-ap"], source: { kind: "keys", name: "serverApplication", secret: "serverApplicationTrafficSecret" } },
  { id: "exp", label: '"exp master"', title: "exporter master secret", formula: `Derive-Secret(Master Secret, "exp master", ClientHello…server Finished)`, section: S71, col: 2, row: 9, from: ["master"], source: { kind: "secret", name: "exporterMasterSecret" } },
  { id: "res", label: '"res master"', title: "resumption master secret", formula: `Derive-Secret(Master Secret, "res master", ClientHello…client Finished)`, section: S71, col: 2, row: 10, from: ["master"], source: { kind: "secret", name: "resumptionMasterSecret" } },
];

export const NODE_IDS = TREE.map((n) => n.id);
/** The choices of the "Show" control: every node but the three fixed inputs' zeros. */
export const NODE_CHOICES: readonly (readonly [string, string])[] = TREE.filter((n) => n.id !== "zero").map((n) => [n.id, n.title] as const);
export const DEFAULT_NODE = "handshake";
/** Record sequence numbers the control offers (RFC 8446 §5.3: 64 bits; a connection rekeys long before 2^64). */
export const MAX_SEQ = 1000;

export function nodeById(id: string | undefined): TreeNode {
  return TREE.find((n) => n.id === id) ?? TREE.find((n) => n.id === DEFAULT_NODE)!;
}

export function readSeq(value: string | undefined): number {
  const n = Math.floor(Number(value));
  return Number.isFinite(n) ? Math.min(MAX_SEQ, Math.max(0, n)) : 0;
}

/** The trace: RFC 8448 §3, the only one labs/tls-keys/rfc8448.ts holds. */
export const TRACE = {
  title: "RFC 8448 §3, simple 1-RTT handshake",
  suite: "TLS_AES_128_GCM_SHA256",
  detail: "TLS_AES_128_GCM_SHA256 (SHA-256), X25519, no PSK",
  messages: RFC8448_MESSAGES,
} as const;

/** A node's recorded value(s): one hex string, or a key and an IV. */
export type Recorded = { readonly hex: string } | { readonly key: string; readonly iv: string };

export function recorded(node: TreeNode): Recorded {
  const source = node.source;
  switch (source.kind) {
    case "input":
    case "step":
      return { hex: source.hex };
    case "secret":
      return { hex: S[source.name] };
    case "keys":
      return RFC8448_KEYS[source.name];
  }
}

/** Hex without spaces, lower case. */
export function compactHex(hex: string): string {
  return hex.replace(/\s+/g, "").toLowerCase();
}

/** Hex as space-separated bytes. */
export function spacedHex(hex: string): string {
  return (compactHex(hex).match(/../g) ?? []).join(" ");
}

/** The first 8 bytes and an ellipsis: a box's second line. */
export function shortHex(hex: string, bytes = 8): string {
  const c = compactHex(hex);
  return c.length > bytes * 2 ? `${c.slice(0, bytes * 2)}…` : c;
}

/** Where two byte strings first differ: undefined when equal; index = the byte's 0-based offset (a length difference counts at the shorter one's end). */
export interface Difference {
  readonly index: number;
  readonly mine: string | undefined;
  readonly theirs: string | undefined;
  readonly mineBytes: number;
  readonly theirBytes: number;
}

export function firstDifference(mine: string, theirs: string): Difference | undefined {
  const a = compactHex(mine).match(/../g) ?? [];
  const b = compactHex(theirs).match(/../g) ?? [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { index: i, mine: a[i], theirs: b[i], mineBytes: a.length, theirBytes: b.length };
  }
  return undefined;
}
