/**
 * The class edition (`npm run build:class`): no hidden tests in the output;
 * learners run the public tests and their instructor grades with the CLI or
 * CI. See self-paced.ts.
 */
import type { TestSuite } from "#labs/kit/define-tests.ts";

export const EDITION: "self-paced" | "class" = "class";

export const hiddenTests: Readonly<Record<string, () => Promise<{ default: TestSuite }>>> = {};
