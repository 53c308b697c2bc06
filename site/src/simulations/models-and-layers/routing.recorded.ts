/** The route lookup simulation in the class edition: recorded runs instead of longest-prefix match and forwarding (see routing.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { routingFile, routingKey, type RouteLookupResult, type RoutingControls } from "./routing-controls.ts";

export function lookUpRoute(controls: RoutingControls): RouteLookupResult | undefined {
  return replay<RouteLookupResult>("routing", routingFile(controls), routingKey(controls));
}
