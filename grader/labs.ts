/**
 * Finding labs on disk: every folder of labs/ with a lab.json is a lab.
 * A lab folder holds lab.json, instructions.mdx, starter.ts, harness.ts,
 * tests/public.ts, tests/hidden.ts, solution.ts, mutants/index.ts (known-wrong
 * edits of the solution) and variants/*.ts (other correct solutions).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestSuite } from "#labs/kit/define-tests.ts";
import { applyEdits, type MutantSpecs } from "#labs/kit/mutant-edits.ts";
import { parseLabJson } from "./lab-json.ts";
import { DEFAULT_LIMITS, type SandboxLimits } from "./sandbox/types.ts";

/** The labs/ folder of this checkout. */
export const LABS_DIR = fileURLToPath(new URL("../labs/", import.meta.url));

/** What lab.json says. */
export interface LabMetadata {
  readonly id: string;
  readonly title: string;
  /** The course chapter the lab belongs to (a folder of course/). */
  readonly chapter: string;
  readonly summary: string;
  readonly limits?: Partial<SandboxLimits>;
  /**
   * The link profiles the workbench's Run offers: false when the demo has no
   * network link, a list when it carries only some (framing's byte stream
   * needs a path without loss); all of them when absent.
   */
  readonly demoProfiles?: boolean | readonly string[];
}

/** A lab and where its files are. */
export interface Lab {
  readonly meta: LabMetadata;
  readonly dir: string;
  readonly limits: SandboxLimits;
  readonly files: {
    readonly starter: string;
    readonly solution: string;
    readonly harness: string;
    readonly instructions: string;
    readonly publicTests: string;
    readonly hiddenTests: string;
    /** The hand-written mutants (labs/kit/mutant-edits.ts), if the lab has any. */
    readonly mutants: string;
  };
  /** Other correct solutions that must get full marks, by name (the file name without .ts). */
  readonly variants: ReadonlyArray<{ readonly name: string; readonly path: string }>;
}

/** A known-wrong solution: solution.ts with one classic bug. */
export interface Mutant {
  readonly name: string;
  /** The bug it stands for. */
  readonly bug: string;
  /** The mutated solution's TypeScript. */
  readonly source: string;
}

/** Every lab, sorted by id. */
export function listLabs(labsDir = LABS_DIR): Lab[] {
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(labsDir, entry.name, "lab.json")))
    .map((entry) => readLab(join(labsDir, entry.name)))
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

/** The lab with `id`, or an error listing the labs that exist. */
export function findLab(id: string, labsDir = LABS_DIR): Lab {
  const labs = listLabs(labsDir);
  const lab = labs.find((candidate) => candidate.meta.id === id);
  if (lab === undefined) {
    throw new UnknownLabError(`Unknown lab "${id}". Labs: ${labs.map((l) => l.meta.id).join(", ") || "(none)"}`);
  }
  return lab;
}

/** Raised for a lab id that does not exist (the CLI turns it into exit code 2). */
export class UnknownLabError extends Error {}

/** Loads a lab's test suites. */
export async function loadSuites(lab: Lab): Promise<{ public: TestSuite; hidden: TestSuite }> {
  const [publicModule, hiddenModule] = await Promise.all([import(lab.files.publicTests), import(lab.files.hiddenTests)]);
  return { public: suiteOf(publicModule, lab.files.publicTests), hidden: suiteOf(hiddenModule, lab.files.hiddenTests) };
}

/**
 * The lab's hand-written mutants, each applied to solution.ts. Throws when an
 * edit no longer applies (the solution changed under it): fix the mutant.
 */
export async function loadMutants(lab: Lab): Promise<Mutant[]> {
  if (!existsSync(lab.files.mutants)) return [];
  const specs = ((await import(lab.files.mutants)) as { default?: MutantSpecs }).default;
  if (specs === undefined) throw new Error(`${lab.files.mutants} must \`export default defineMutants(...)\``);
  const solution = readFileSync(lab.files.solution, "utf8");
  return Object.entries(specs).map(([name, spec]) => ({
    name,
    bug: spec.bug,
    source: applyEdits(solution, spec.edits, `${lab.meta.id} mutant ${name}`),
  }));
}

function readLab(dir: string): Lab {
  const meta = parseLabJson(readFileSync(join(dir, "lab.json"), "utf8"), join(dir, "lab.json"));
  const variantsDir = join(dir, "variants");
  const variants = existsSync(variantsDir)
    ? readdirSync(variantsDir)
        .filter((name) => name.endsWith(".ts"))
        .sort()
        .map((name) => ({ name: name.slice(0, -3), path: join(variantsDir, name) }))
    : [];
  return {
    meta,
    dir,
    limits: { ...DEFAULT_LIMITS, ...meta.limits },
    files: {
      starter: join(dir, "starter.ts"),
      solution: join(dir, "solution.ts"),
      harness: join(dir, "harness.ts"),
      instructions: join(dir, "instructions.mdx"),
      publicTests: join(dir, "tests", "public.ts"),
      hiddenTests: join(dir, "tests", "hidden.ts"),
      mutants: join(dir, "mutants", "index.ts"),
    },
    variants,
  };
}

function suiteOf(module: { default?: unknown }, path: string): TestSuite {
  const suite = module.default as TestSuite | undefined;
  if (suite === undefined || !Array.isArray(suite.tests)) {
    throw new Error(`${path} must \`export default defineTests(...)\``);
  }
  return suite;
}
