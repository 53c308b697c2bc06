/**
 * Builds the site for the end-to-end tests into .tmp/e2e-site-<edition>/
 * (never site/dist). The output stays inside the repository because Astro
 * puts its prerender files beside it and they resolve packages from
 * node_modules. WIRELAB_SITE_DIST=<dir> reuses a self-paced build made
 * beforehand, for quick local runs.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface BuiltSite {
  readonly dir: string;
  /** Seconds the build took (0 when reused). */
  readonly seconds: number;
}

export function buildSite(edition: "self-paced" | "class"): BuiltSite {
  const reuse = process.env.WIRELAB_SITE_DIST;
  if (reuse !== undefined && edition === "self-paced") return { dir: reuse, seconds: 0 };
  const dir = join(ROOT, ".tmp", `e2e-site-${edition}`);
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync(join(ROOT, "node_modules/.bin/astro"), ["build", "--root", "site", "--outDir", dir], {
    cwd: ROOT,
    env: { ...buildEnvironment(), WIRELAB_EDITION: edition },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`astro build (${edition}) failed with ${result.status}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  }
  return { dir, seconds: (performance.now() - started) / 1000 };
}

/** What vitest puts in the environment (it mirrors import.meta.env there); Astro would read them as its own. */
const VITEST_VARIABLES = new Set(["TEST", "MODE", "DEV", "PROD", "SSR", "BASE_URL", "NODE_ENV"]);

/**
 * The environment of a production build as `npm run build` has it, not
 * vitest's: with DEV=1 and MODE=test in it, Astro built a development site
 * (Starlight's search replaced by "only available in production builds").
 */
function buildEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST") && !VITEST_VARIABLES.has(key)));
  return { ...env, NODE_ENV: "production", ASTRO_TELEMETRY_DISABLED: "1" };
}
