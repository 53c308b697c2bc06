/**
 * The self-paced edition (the default build): the hidden tests ship, so a
 * learner alone gets a score in the browser. They are not secret here, just
 * not shown. Reference solutions are in no edition. The build picks this
 * file or class.ts through the `wirelab:edition` alias (astro.config.mjs).
 */
import type { TestSuite } from "#labs/kit/define-tests.ts";

export const EDITION: "self-paced" | "class" = "self-paced";

/** Lab id → its hidden tests, loaded when Grade is first used. */
export const hiddenTests: Readonly<Record<string, () => Promise<{ default: TestSuite }>>> = Object.fromEntries(
  Object.entries(import.meta.glob<{ default: TestSuite }>("../../../../labs/*/tests/hidden.ts")).map(([path, load]) => [
    path.split("/").at(-3)!,
    load,
  ]),
);
