/** The route lookup simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import { formatIpv4Address, parseIpv4Address } from "#runtime/wire/address.ts";
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { buildTable, explainLookup, forward } from "./routing.ts";
import { CLASS_TTLS, routingFile, routingKey, SAMPLE_DESTINATIONS, type RouteLookupResult, type RoutingControls } from "./routing-controls.ts";

const table = buildTable();

export const recording: Recording<RoutingControls, RouteLookupResult> = {
  sim: "routing",
  *space() {
    for (const { address } of SAMPLE_DESTINATIONS) for (const ttl of CLASS_TTLS) yield { destination: parseIpv4Address(address), ttl };
  },
  file: routingFile,
  key: routingKey,
  run: (c) => ({ ...explainLookup(table, c.destination), forwarding: forward(formatIpv4Address(c.destination), c.ttl) }),
};

/** The run for these controls (undefined only while a recording loads: see routing.recorded.ts). */
export function lookUpRoute(controls: RoutingControls): RouteLookupResult | undefined {
  return recording.run(controls);
}
