/**
 * The workbench's demo: the learner's key schedule on RFC 8448's handshake,
 * printed as a table beside the RFC's values, and the handshake as a ladder
 * whose arrows say which keys and nonce protect each record.
 */
import type { DemoInput, DemoResult, LadderPacketView } from "#labs/kit/demo.ts";
import { RFC8448_ECDHE, RFC8448_KEYS, RFC8448_MESSAGES, RFC8448_SECRETS } from "./rfc8448.ts";
import { SECRET_NAMES, type RecordInput, type RecordResult, type ScheduleInput, type ScheduleResult } from "./scenarios.ts";

export interface DemoRunners {
  readonly schedule: (input: ScheduleInput) => ScheduleResult;
  readonly record: (input: RecordInput) => RecordResult;
}

const compact = (hex: string) => hex.replace(/\s+/g, "");
const short = (hex: string) => (compact(hex).length > 32 ? `${compact(hex).slice(0, 32)}…` : compact(hex));

export function demo(_input: DemoInput, run: DemoRunners): DemoResult {
  const M = RFC8448_MESSAGES;
  const result = run.schedule({
    suite: "TLS_AES_128_GCM_SHA256",
    psk: null,
    ecdhe: RFC8448_ECDHE,
    clientHello: M.clientHello,
    serverHello: M.serverHello,
    serverMessages: [M.encryptedExtensions, M.certificate, M.certificateVerify],
  });
  const summary: string[] = ["Your keySchedule() on RFC 8448 §3's handshake (TLS_AES_128_GCM_SHA256, X25519, no PSK):", ""];
  const width = Math.max(...SECRET_NAMES.map((n) => n.length));
  if (result.secrets === undefined) {
    summary.push(`  keySchedule() threw ${result.error ?? "?"}`);
  } else {
    for (const name of SECRET_NAMES) {
      const mine = compact(result.secrets[name]);
      const ok = mine === compact(RFC8448_SECRETS[name]);
      summary.push(`  ${ok ? "✓" : "✗"} ${name.padEnd(width)}  ${short(mine) || "(empty)"}${ok ? "" : `   RFC 8448: ${short(RFC8448_SECRETS[name])}`}`);
    }
  }
  const phases: { label: string; secret: string; keys: { key: string; iv: string }; from: "left" | "right"; records: string[] }[] = [
    { label: "server handshake", secret: RFC8448_SECRETS.serverHandshakeTrafficSecret, keys: RFC8448_KEYS.serverHandshake, from: "right", records: ["{EncryptedExtensions, Certificate, CertificateVerify, Finished}"] },
    { label: "client handshake", secret: RFC8448_SECRETS.clientHandshakeTrafficSecret, keys: RFC8448_KEYS.clientHandshake, from: "left", records: ["{Finished}"] },
    { label: "server application", secret: RFC8448_SECRETS.serverApplicationTrafficSecret, keys: RFC8448_KEYS.serverApplication, from: "right", records: ["[NewSessionTicket]", "[application data]"] },
    { label: "client application", secret: RFC8448_SECRETS.clientApplicationTrafficSecret, keys: RFC8448_KEYS.clientApplication, from: "left", records: ["[application data]"] },
  ];
  const packets: LadderPacketView[] = [
    { id: 1, from: "left", label: "ClientHello (in the clear)", sentMs: 0, arrivedMs: 10 },
    { id: 2, from: "right", label: "ServerHello (in the clear)", sentMs: 10, arrivedMs: 20 },
  ];
  summary.push("", "Your RecordKeys on RFC 8448's traffic secrets (key, iv, then each record's nonce):");
  let t = 10;
  for (const phase of phases) {
    const records = run.record({ suite: "TLS_AES_128_GCM_SHA256", secret: phase.secret, steps: phase.records.map(() => "nonce") });
    const start = records.views[0];
    const keyOk = start !== undefined && compact(start.key) === compact(phase.keys.key) && compact(start.iv) === compact(phase.keys.iv);
    summary.push(`  ${keyOk ? "✓" : "✗"} ${phase.label}: key ${start?.key ?? "?"}, iv ${start?.iv ?? "?"}${records.error === undefined ? "" : ` (threw ${records.error})`}`);
    if (phase.from === "left" && t < 20) t = 20;
    phase.records.forEach((name, i) => {
      const nonce = records.views[i + 1]?.nonce ?? "?";
      summary.push(`      seq ${i}: nonce ${nonce}  ${name}`);
      t += 1;
      packets.push({ id: packets.length + 1, from: phase.from, label: `${name} ${phase.label} keys, seq ${i}, nonce …${nonce.slice(-8)}`, sentMs: t, arrivedMs: t + 10 });
    });
    if (phase.label === "client handshake") t += 10;
  }
  summary.push("", "{…}: protected with handshake traffic keys; […]: with application traffic keys (RFC 8446 §2, figure 1). As in RFC 8448, the server's four encrypted handshake messages share one record.");
  return { summary, ladder: { left: "client", right: "server", packets, marks: [] } };
}
