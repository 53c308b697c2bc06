/**
 * Running the harness's `forward` scenario from a test and checking each
 * result against what the router must send. Public and hidden tests share
 * this file; the expectations come from the caller (fixed vectors in the
 * public tests, the oracle in the hidden ones), never from here.
 */
import { formatIpv4Address } from "#runtime/wire/address.ts";
import { parseIcmp } from "#runtime/wire/icmp.ts";
import { parseIpv4 } from "#runtime/wire/ipv4.ts";
import { expectBytes, fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import type { ConfigSpec, Forwarded, ForwardInput } from "../scenarios.ts";

/** What the router must send for one datagram: one of `accepted` (null: nothing), and why. */
export interface Expected {
  readonly accepted: readonly ({ readonly interface: number; readonly nextHop: number; readonly datagram: Uint8Array } | null)[];
  readonly why: string;
}

/** Runs `datagrams` through fresh Routers built from `configs`. */
export async function forward(
  t: TestContext,
  configs: readonly ConfigSpec[],
  datagrams: readonly { readonly router?: number; readonly bytes: Uint8Array }[],
  offset?: number,
): Promise<Forwarded[]> {
  const input: ForwardInput = {
    configs,
    datagrams: datagrams.map((d) => ({ ...(d.router === undefined ? {} : { router: d.router }), hex: toHex(d.bytes) })),
    ...(offset === undefined ? {} : { offset }),
  };
  t.step(`configs: ${configs.map(describeConfig).join(" | ")}`);
  return t.run<Forwarded[]>("forward", input);
}

export function describeConfig(config: ConfigSpec): string {
  const interfaces = config.interfaces.map((i, n) => `if${n} ${i.address} (neighbours ${i.neighbours.join(", ") || "none"})`);
  const routes = config.routes.map((r) => `${r.prefix} → if${r.interface}${r.nextHop === null ? " connected" : ` via ${r.nextHop}`}`);
  return `interfaces: ${interfaces.join("; ")}; routes: ${routes.join("; ") || "none"}`;
}

/** Checks the i-th result against its expectation; `label` names the datagram in messages. */
export function checkForwarded(t: TestContext, label: string, sent: Uint8Array, result: Forwarded, expected: Expected): void {
  t.step(`${label}: ${toHex(sent)}`);
  t.step(`  it must ${expected.why}`);
  if (result.error !== undefined) fail(`${label}: forward() threw ${result.error}\nIt must ${expected.why}.`);
  if (result.changedInput !== undefined) {
    fail(`${label}: forward() changed the datagram it was given (it became ${result.changedInput}). Work on a copy: the sender (and a capture) still holds those bytes.`);
  }
  const output = result.output ?? null;
  const wanted = expected.accepted[0]!;
  if (output === null) {
    if (expected.accepted.includes(null)) return;
    fail(`${label}: forward() returned null, but it must ${expected.why}:\n  ${describeOutput(wanted)}`);
  }
  if (wanted === null) fail(`${label}: forward() sent\n  ${describeOutput(outputOf(output))}\nbut it must ${expected.why}.`);
  const bytes = fromHex(output.datagram);
  const match = expected.accepted.find((a) => a !== null && a.datagram.length === bytes.length) ?? wanted;
  if (output.interface !== match!.interface || output.nextHop !== formatIpv4Address(match!.nextHop)) {
    fail(`${label}: forward() sent it on interface ${output.interface} to ${output.nextHop}, but must ${expected.why} (interface ${match!.interface}, next hop ${formatIpv4Address(match!.nextHop)}).`);
  }
  expectBytes(bytes, match!.datagram, `${label}: your router sent ${explain(bytes)}; it must ${expected.why}`);
  if (result.later !== undefined) {
    fail(`${label}: the datagram forward() returned changed after later calls (it became ${result.later}). Return a new Uint8Array each time.`);
  }
}

function outputOf(output: NonNullable<Forwarded["output"]>): { interface: number; nextHop: string; datagram: Uint8Array } {
  return { ...output, datagram: fromHex(output.datagram) };
}

function describeOutput(output: { readonly interface: number; readonly nextHop: number | string; readonly datagram: Uint8Array } | null): string {
  if (output === null) return "nothing";
  const hop = typeof output.nextHop === "number" ? formatIpv4Address(output.nextHop) : output.nextHop;
  return `on interface ${output.interface} to ${hop}: ${explain(output.datagram)}\n  ${toHex(output.datagram)}`;
}

/** "ICMP type 11 code 0 from 10.0.0.1 to 10.1.0.10" or "TTL 63 from ... to ...": what a datagram is. */
export function explain(bytes: Uint8Array): string {
  try {
    const ip = parseIpv4(bytes, { verifyChecksum: false });
    const route = `from ${formatIpv4Address(ip.repr.src)} to ${formatIpv4Address(ip.repr.dst)}, TTL ${ip.repr.ttl}`;
    if (ip.repr.protocol !== 1) return `protocol ${ip.repr.protocol} ${route}`;
    const icmp = parseIcmp(ip.payload, { verifyChecksum: false });
    return `ICMP type ${icmp.repr.type} code ${icmp.repr.code} ${route}, quoting ${icmp.body.length} bytes`;
  } catch (error) {
    return `not a valid datagram (${error instanceof Error ? error.message : String(error)})`;
  }
}
