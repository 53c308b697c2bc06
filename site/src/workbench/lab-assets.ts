/**
 * What the workbench loads for a lab, each part when first needed: the
 * starter code, the public tests, the hidden tests (self-paced edition
 * only) and the sandbox worker script. Reference solutions are never
 * imported anywhere in the site.
 */
import type { TestSuite } from "#labs/kit/define-tests.ts";
import { EDITION, hiddenTests } from "wirelab:edition";
import sandboxWorkerUrl from "./sandbox/worker-entry.ts?worker&url";

const starters = import.meta.glob<string>("../../../labs/*/starter.ts", { query: "?raw", import: "default" });
const publicTests = import.meta.glob<{ default: TestSuite }>("../../../labs/*/tests/public.ts");

export { EDITION };

export async function loadStarter(lab: string): Promise<string> {
  return required(starters[`../../../labs/${lab}/starter.ts`], lab, "starter")();
}

export async function loadPublicTests(lab: string): Promise<TestSuite> {
  return (await required(publicTests[`../../../labs/${lab}/tests/public.ts`], lab, "public tests")()).default;
}

/** The hidden tests, or undefined in the class edition. */
export async function loadHiddenTests(lab: string): Promise<TestSuite | undefined> {
  const load = hiddenTests[lab];
  return load === undefined ? undefined : (await load()).default;
}

export function hasHiddenTests(lab: string): boolean {
  return hiddenTests[lab] !== undefined;
}

/** The sandbox worker's URL for `lab`. */
export function sandboxWorkerFor(lab: string): URL {
  return new URL(`${sandboxWorkerUrl}#${encodeURIComponent(lab)}`, globalThis.location.href);
}

function required<T>(value: T | undefined, lab: string, what: string): T {
  if (value === undefined) throw new Error(`This build has no ${what} for lab "${lab}".`);
  return value;
}
