/**
 * The link profiles a lab's Run offers: what lab.json's "demoProfiles"
 * allows. A demo that needs an orderly path (framing's byte stream fails
 * loudly on loss or reordering) lists the profiles it can carry, so the
 * Link menu never offers one that breaks the reference solution.
 * test/site/workbench/demo-profiles.test.ts runs each reference on each.
 */
import type { LabMetadata } from "#grader/labs.ts";
import { LINK_PROFILES } from "#runtime/net/profiles.ts";

export function offeredProfiles(meta: LabMetadata): string[] {
  const listed = meta.demoProfiles;
  if (listed === false) return [];
  if (listed === undefined || listed === true) return Object.keys(LINK_PROFILES);
  const unknown = listed.filter((name) => !Object.hasOwn(LINK_PROFILES, name));
  if (unknown.length > 0) throw new Error(`labs/${meta.id}/lab.json: demoProfiles names unknown profiles: ${unknown.join(", ")}`);
  return [...listed];
}
