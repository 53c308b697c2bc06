/**
 * Build-time recorder for the class edition (run by
 * editions/recorded-models.ts after `astro build`; `node record.ts <outDir>`):
 * runs every `*.model.ts` of site/src/simulations over its whole control
 * space and writes <outDir>/sim-traces/<sim>/<file>.json. Results are cached
 * in node_modules/.cache, keyed by the simulations' and the runtime's sources,
 * since a few models take minutes over their whole space.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Recording } from "./recording.ts";

const SIMULATIONS = fileURLToPath(new URL("..", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const CACHE = join(ROOT, "node_modules", ".cache", "wirelab-sim-traces");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The models' inputs: every source they can depend on. */
function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of [...files(SIMULATIONS), ...files(join(ROOT, "runtime"))].sort()) {
    if (!/\.(ts|json)$/.test(file)) continue;
    hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

async function record(target: string): Promise<void> {
  const models = files(SIMULATIONS).filter((file) => file.endsWith(".model.ts")).sort();
  for (const model of models) {
    // A model that computes in a worker keeps its recording in a sibling `X-recording.ts`, so the page's
    // bundle does not pull the live model in through a re-export.
    const own = (await import(pathToFileURL(model).href)) as { recording?: Recording<unknown, unknown> };
    const recording = own.recording ?? ((await import(pathToFileURL(model.replace(/\.model\.ts$/, "-recording.ts")).href)) as { recording: Recording<unknown, unknown> }).recording;
    const grouped = new Map<string, Record<string, unknown>>();
    const started = performance.now();
    let runs = 0;
    for (const controls of recording.space()) {
      const file = recording.file(controls);
      const key = recording.key(controls);
      const group = grouped.get(file) ?? {};
      grouped.set(file, group);
      if (key in group) continue;
      group[key] = recording.run(controls);
      runs++;
    }
    for (const [file, results] of grouped) {
      const dir = join(target, recording.sim);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${file}.json`), JSON.stringify(results));
    }
    console.log(`recorded ${recording.sim}: ${runs} runs in ${grouped.size} files, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

const out = process.argv[2];
if (out === undefined) throw new Error("usage: node record.ts <outDir>");
const cached = join(CACHE, sourceHash());
if (!existsSync(join(cached, "done"))) {
  await record(join(cached, "sim-traces"));
  writeFileSync(join(cached, "done"), "");
} else {
  console.log(`recorded simulations: reused ${relative(ROOT, cached)}`);
}
cpSync(join(cached, "sim-traces"), join(out, "sim-traces"), { recursive: true });
