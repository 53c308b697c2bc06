/**
 * Running the harness's scenarios from a test and comparing results with
 * expected bytes. Public and hidden tests share this file; the expectations
 * come from the caller (RFC 8448's values in the public tests, the oracle in
 * the hidden ones), never from here.
 */
import { expectBytes, fail, fromHex, preview, toHex, type TestContext } from "#labs/kit/index.ts";
import { SECRET_NAMES, type Call, type CallResult, type RecordInput, type RecordResult, type ScheduleInput, type ScheduleResult, type SecretName } from "../scenarios.ts";

/** A readable one-liner for a call, for the steps a failing test prints. */
export function describeCall(call: Call): string {
  const hex = (h: string) => (h.replace(/\s+/g, "").length === 0 ? '""' : preview(fromHex(h), 16));
  switch (call.fn) {
    case "hkdfExtract":
      return `hkdfExtract(${call.hash}, salt ${hex(call.salt)}, ikm ${hex(call.ikm)})`;
    case "hkdfExpand":
      return `hkdfExpand(${call.hash}, prk ${hex(call.prk)}, info ${hex(call.info)}, ${call.length})`;
    case "hkdfExpandLabel":
      return `hkdfExpandLabel(${call.hash}, secret ${hex(call.secret)}, ${JSON.stringify(call.label.length > 40 ? `${call.label.slice(0, 40)}…(${call.label.length} chars)` : call.label)}, context ${hex(call.context)}, ${call.length})`;
    case "deriveSecret":
      return `deriveSecret(${call.hash}, secret ${hex(call.secret)}, ${JSON.stringify(call.label)}, [${call.messages.map(hex).join(", ")}])`;
    case "resumptionPsk":
      return `resumptionPsk(${call.hash}, resumptionMasterSecret ${hex(call.secret)}, ticketNonce ${hex(call.ticketNonce)})`;
    case "trafficKeys":
      return `trafficKeys(${call.suite}, secret ${hex(call.secret)})`;
    case "recordNonce":
      return `recordNonce(iv ${hex(call.iv)}, ${call.sequenceNumber}n)`;
  }
}

export async function runCalls(t: TestContext, calls: readonly Call[], offset?: number): Promise<CallResult[]> {
  return t.run<CallResult[]>("calls", { calls, ...(offset === undefined ? {} : { offset }) });
}

/** What one call must give: bytes, a key and iv, or a RangeError. */
export type Want = { readonly bytes: Uint8Array } | { readonly key: Uint8Array; readonly iv: Uint8Array } | { readonly rangeError: true };

/** Checks one call's result against what it must give; `why` says which rule makes it so. */
export function checkCall(t: TestContext, call: Call, result: CallResult, want: Want, why: string): void {
  const label = describeCall(call);
  t.step(label);
  if (result.changed !== undefined) fail(`${label} changed its argument ${result.changed}. Work on a copy: the caller still holds those bytes.`);
  if ("rangeError" in want) {
    if (result.error?.startsWith("RangeError")) return;
    fail(`${label} must throw a RangeError (${why}), but it ${result.error === undefined ? `returned ${result.bytes ?? `{ key: ${result.key}, iv: ${result.iv} }`}` : `threw ${result.error}`}.`);
  }
  if (result.error !== undefined) fail(`${label} threw ${result.error}\nIt must return ${"bytes" in want ? preview(want.bytes) : "a key and an iv"} (${why}).`);
  if ("bytes" in want) {
    expectBytes(fromHex(result.bytes ?? ""), want.bytes, `${label}: ${why}`);
  } else {
    expectBytes(fromHex(result.key ?? ""), want.key, `${label}: the key (${why})`);
    expectBytes(fromHex(result.iv ?? ""), want.iv, `${label}: the iv (${why})`);
  }
}

/** Runs each call and checks it: `cases` pairs a call with what it must give. */
export async function checkCalls(t: TestContext, cases: readonly (readonly [Call, Want])[], why: string, offset?: number): Promise<void> {
  const results = await runCalls(t, cases.map(([call]) => call), offset);
  cases.forEach(([call, want], i) => checkCall(t, call, results[i]!, want, why));
}

/** Where each secret comes from, for failure messages. */
export const SECRET_RULES: Readonly<Record<SecretName, string>> = {
  earlySecret: "HKDF-Extract(salt = Hash.length zeros, IKM = the PSK, or Hash.length zeros without one)",
  handshakeSecret: "HKDF-Extract(salt = Derive-Secret(Early Secret, \"derived\", no messages), IKM = the (EC)DHE secret, or zeros for psk_ke)",
  clientHandshakeTrafficSecret: "Derive-Secret(Handshake Secret, \"c hs traffic\", ClientHello...ServerHello)",
  serverHandshakeTrafficSecret: "Derive-Secret(Handshake Secret, \"s hs traffic\", ClientHello...ServerHello)",
  serverFinished: "HMAC(HKDF-Expand-Label(server handshake traffic secret, \"finished\", \"\", Hash.length), Transcript-Hash(ClientHello...the server's last message before Finished))",
  masterSecret: "HKDF-Extract(salt = Derive-Secret(Handshake Secret, \"derived\", no messages), IKM = Hash.length zeros)",
  clientApplicationTrafficSecret: "Derive-Secret(Master Secret, \"c ap traffic\", ClientHello...server Finished)",
  serverApplicationTrafficSecret: "Derive-Secret(Master Secret, \"s ap traffic\", ClientHello...server Finished)",
  exporterMasterSecret: "Derive-Secret(Master Secret, \"exp master\", ClientHello...server Finished)",
  clientFinished: "HMAC(HKDF-Expand-Label(client handshake traffic secret, \"finished\", \"\", Hash.length), Transcript-Hash(ClientHello...server Finished))",
  resumptionMasterSecret: "Derive-Secret(Master Secret, \"res master\", ClientHello...client Finished)",
};

export function describeHandshake(input: ScheduleInput): string {
  const hex = (h: string | null) => (h === null ? "null" : preview(fromHex(h), 12));
  return `${input.suite}: psk ${hex(input.psk)}, ecdhe ${hex(input.ecdhe)}, clientHello ${hex(input.clientHello)}, serverHello ${hex(input.serverHello)}, serverMessages [${input.serverMessages.map(hex).join(", ")}]`;
}

/** Runs keySchedule on one handshake and checks every secret, in the schedule's order: the first wrong one fails. */
export async function checkSchedule(t: TestContext, input: ScheduleInput, want: Readonly<Record<SecretName, Uint8Array>>, why: string): Promise<void> {
  t.step(`keySchedule(${describeHandshake(input)})`);
  const result = await t.run<ScheduleResult>("schedule", input);
  checkScheduleResult(result, want, why);
}

export function checkScheduleResult(result: ScheduleResult, want: Readonly<Record<SecretName, Uint8Array>>, why: string): void {
  if (result.changed !== undefined) fail(`keySchedule() changed its argument ${result.changed}. Work on copies: the caller still holds those bytes.`);
  if (result.error !== undefined || result.secrets === undefined) fail(`keySchedule() threw ${result.error ?? "?"} (${why}).`);
  for (const name of SECRET_NAMES) {
    const got = fromHex(result.secrets[name]);
    const earlier = SECRET_NAMES.slice(0, SECRET_NAMES.indexOf(name));
    const context = earlier.length === 0 ? "" : ` Every secret before it (${earlier.join(", ")}) was right.`;
    expectBytes(got, want[name], `Secrets.${name} = ${SECRET_RULES[name]} (${why}).${context}\n  ${name}`);
  }
}

export async function runRecord(t: TestContext, input: RecordInput): Promise<RecordResult> {
  t.step(`new RecordKeys(${input.suite}, secret ${preview(fromHex(input.secret), 12)})${(input.instances ?? 1) > 1 ? ` × ${input.instances} (last secret byte + 0, 1, ...)` : ""}, then ${input.steps.join(", ") || "nothing"}`);
  return t.run<RecordResult>("record", input);
}

export { toHex };
