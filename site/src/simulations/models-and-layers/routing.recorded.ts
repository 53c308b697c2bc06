/** The route lookup simulation in the class edition: recorded runs instead of longest-prefix match and forwarding (see routing.model.ts). */
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { NotRecorded, replay } from "#site/simulations/recorded/replay.ts";
import { routingFile, routingKey, SAMPLE_DESTINATIONS, type RouteLookupResult, type RoutingControls } from "./routing-controls.ts";

const RECORDED = new Set(SAMPLE_DESTINATIONS.map((d) => parseIpv4Address(d.address)));

export function lookUpRoute(controls: RoutingControls): RouteLookupResult | undefined {
  // A typed address has no recording: say so rather than fetch a file that is not there.
  if (!RECORDED.has(controls.destination)) throw new NotRecorded("This edition has recorded runs only for the destinations in the list: pick one.");
  return replay<RouteLookupResult>("routing", routingFile(controls), routingKey(controls));
}
