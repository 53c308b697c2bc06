/**
 * Build-time only (astro.config.mjs): writes which source modules went into
 * each browser chunk, one JSON line per chunk, to the file named by
 * WIRELAB_MODULE_LIST. The editions e2e reads it to try every module the
 * class edition ships against every lab's hidden tests (behaviour, not just
 * strings). Server and prerender builds are left out: they never reach a browser.
 */
import { appendFileSync } from "node:fs";
import type { Plugin } from "vite";

/** One line of the list. */
export interface ChunkModules {
  readonly environment: string;
  readonly chunk: string;
  readonly modules: readonly string[];
}

const SERVER_ENVIRONMENTS = new Set(["ssr", "prerender", "astro"]);

export function recordModules(file: string | undefined): Plugin {
  return {
    name: "wirelab:record-modules",
    apply: "build",
    generateBundle(_options, bundle) {
      if (file === undefined || file === "") return;
      const environment = this.environment?.name ?? "client";
      if (SERVER_ENVIRONMENTS.has(environment)) return;
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        const line: ChunkModules = { environment, chunk: output.fileName, modules: output.moduleIds };
        appendFileSync(file, `${JSON.stringify(line)}\n`);
      }
    },
  };
}
