import { Fnv1a64 } from "#runtime/core/hash.ts";
import { echoScenario } from "./scenarios.ts";

/** A compact summary of one run of the echo scenario, to compare across engines. */
export function fingerprint(seed: number) {
  const { net, echoed, streamed, hash } = echoScenario(seed);
  const capture = net.trace.toPcapng();
  let bytes = "";
  for (const byte of capture) bytes += String.fromCharCode(byte);
  return { seed, hash, events: net.trace.events.length, echoed, streamed, pcap: new Fnv1a64().update(bytes).hex() };
}
