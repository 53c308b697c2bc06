/** The resolution simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { DnsSimConfig, SessionAction, SessionView } from "./resolver-controls.ts";
import { recording } from "./resolver-recording.ts";

/** How many actions a session may hold: any number live. */
export const sessionLimit = (_config: DnsSimConfig): number => Infinity;

/** The run for these controls and actions (undefined only while a recording loads: see resolver.recorded.ts). */
export function runResolverView(config: DnsSimConfig, actions: readonly SessionAction[]): SessionView | undefined {
  return recording.run({ config, actions });
}
