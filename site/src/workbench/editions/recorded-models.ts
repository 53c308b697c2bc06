/**
 * Build-time only (astro.config.mjs). In the class edition, a lab-topic
 * simulation's model (`X.model.ts`, site/src/simulations) is replaced by its
 * replay (`X.recorded.ts` beside it), so the class build ships no algorithm
 * a lab grades; after the build, every control combination is recorded into
 * sim-traces/ (simulations/recorded/record.ts). The self-paced edition keeps
 * the live models.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import type { Plugin } from "vite";

const RECORDER = fileURLToPath(new URL("../../simulations/recorded/record.ts", import.meta.url));

/** Resolves every `*.model.ts` import to its `*.recorded.ts`; one without a replay fails the build. */
export function replayModels(): Plugin {
  return {
    name: "wirelab:replay-models",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!source.endsWith(".model.ts")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved === null || !resolved.id.endsWith(".model.ts")) return resolved;
      const replay = resolved.id.replace(/\.model\.ts$/, ".recorded.ts");
      if (!existsSync(replay)) throw new Error(`${resolved.id} has no ${replay}: the class edition cannot ship a live lab-topic model`);
      return replay;
    },
  };
}

/** Records the models into the built site (class edition). */
export function recordModels(): AstroIntegration {
  return {
    name: "wirelab:record-models",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const result = spawnSync(process.execPath, [RECORDER, fileURLToPath(dir)], { encoding: "utf8" });
        if (result.status !== 0) throw new Error(`recording the simulations failed:\n${result.stdout}\n${result.stderr}`);
        for (const line of result.stdout.trim().split("\n")) logger.info(line);
      },
    },
  };
}
