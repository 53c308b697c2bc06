/** The resolution simulation in the class edition: recorded runs instead of the resolver and the DNS codec (see resolver.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { classSessionActions, resolverFile, resolverKey, type DnsSimConfig, type SessionAction, type SessionView } from "./resolver-controls.ts";

/** How many actions a recorded session holds. */
export const sessionLimit = classSessionActions;

export function runResolverView(config: DnsSimConfig, actions: readonly SessionAction[]): SessionView | undefined {
  return replay<SessionView>("dns-resolver", resolverFile(config, actions), resolverKey(actions));
}
