/**
 * `npm run mutation [-- <lab>...] [--jobs N] [--seed N] [--rerun] [--limit N]`:
 * measures how strong each lab's hidden tests are. It generates single-edit
 * mutants of the reference solution (operators.ts), grades each with the
 * hidden tests until one fails, and prints per lab
 *
 *   framing: 190/202 killed, 12 equivalent, 0 survived; hand-written 16/16 killed (84 s)
 *
 * followed by every survivor, ready to paste into labs/<lab>/mutants/equivalent.ts
 * once you are sure it is equivalent (otherwise: write the test that kills it):
 *
 *   import { defineEquivalents } from "#labs/kit/mutant-edits.ts";
 *   export default defineEquivalents([
 *     { original: "…", mutated: "…", reason: "why no behaviour can change" },
 *   ]);
 *
 * --rerun tries only the survivors of the last run (.tmp/mutation/<lab>.json);
 * --limit N the first N mutants; --jobs N grades N at once (default 2).
 * Writes .tmp/mutation/<lab>.json. Exits 1 if a mutant survived or a listed
 * equivalence matches nothing.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findLab, listLabs, loadMutants, loadSuites, type Lab } from "../labs.ts";
import { equivalenceOf, loadEquivalents, staleEquivalents } from "./equivalents.ts";
import { generateMutants, type GeneratedMutant } from "./generate.ts";
import { KillOrder, tryToKill, type Verdict } from "./kill.ts";
import { forEachConcurrently } from "../concurrently.ts";

const OUT_DIR = join(import.meta.dirname, "..", "..", ".tmp", "mutation");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: "string" },
    seed: { type: "string" },
    rerun: { type: "boolean" },
    limit: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(readFileSync(import.meta.filename, "utf8").split("*/")[0]!.replace(/^\/\*\*|^ \* ?/gm, ""));
  process.exit(0);
}
const jobs = Math.max(1, Number(values.jobs ?? Math.min(2, availableParallelism())));
const seed = Number(values.seed ?? 1);
const labs = positionals.length > 0 ? positionals.map((id) => findLab(id)) : listLabs();

let failed = false;
for (const lab of labs) failed = !(await measure(lab)) || failed;
process.exitCode = failed ? 1 : 0;

/** Measures one lab; true when every non-equivalent mutant died and the equivalence list is current. */
async function measure(lab: Lab): Promise<boolean> {
  const started = performance.now();
  const id = lab.meta.id;
  const { mutants: all, skippedDataTables } = generateMutants(readFileSync(lab.files.solution, "utf8"));
  const equivalents = await loadEquivalents(lab);
  const stale = staleEquivalents(all, equivalents);
  let candidates = all.filter((mutant) => equivalenceOf(mutant, equivalents) === undefined);
  if (values.rerun) candidates = candidates.filter((mutant) => lastSurvivors(id).has(key(mutant)));
  if (values.limit !== undefined) candidates = candidates.slice(0, Number(values.limit));

  const hidden = (await loadSuites(lab)).hidden.tests;
  const order = new KillOrder(hidden);
  const survivors: GeneratedMutant[] = [];
  const killedBy = new Map<string, number>();
  let done = 0;
  await forEachConcurrently(candidates, jobs, async (mutant) => {
    const verdict = await tryToKill(lab, mutant.source, order.next(), seed);
    order.record(verdict);
    if (verdict.killed) killedBy.set(verdict.by, (killedBy.get(verdict.by) ?? 0) + 1);
    else survivors.push(mutant);
    done++;
    // A log (not a terminal) gets a line every 50 mutants and each survivor at once, so a run cut short still says something.
    if (process.stderr.isTTY) process.stderr.write(`\r${id}: ${done}/${candidates.length}`);
    else if (!verdict.killed) process.stderr.write(`${id}: survivor at ${done}/${candidates.length}: ${mutant.id}\n`);
    else if (done % 50 === 0) process.stderr.write(`${id}: ${done}/${candidates.length}, ${survivors.length} survived so far\n`);
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");

  const handWritten = await handWrittenVerdicts(lab, hidden);
  const equivalentCount = all.length - all.filter((mutant) => equivalenceOf(mutant, equivalents) === undefined).length;
  const killed = candidates.length - survivors.length;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const scope = values.rerun || values.limit !== undefined ? ` (of ${candidates.length} tried)` : "";
  console.log(
    `${id}: ${killed}/${all.length - equivalentCount} killed${scope}, ${equivalentCount} equivalent, ${survivors.length} survived; ` +
      `hand-written ${handWritten.filter((v) => v.verdict.killed).length}/${handWritten.length} killed (${seconds} s` +
      (skippedDataTables > 0 ? `; ${skippedDataTables} data tables not mutated` : "") +
      ")",
  );
  survivors.sort((a, b) => a.line - b.line);
  for (const mutant of survivors) {
    console.log(`  survived ${mutant.id}\n    { original: ${JSON.stringify(mutant.original)}, mutated: ${JSON.stringify(mutant.mutated)}, reason: "" },`);
  }
  for (const { name } of handWritten.filter((v) => !v.verdict.killed)) console.log(`  hand-written mutant survived: ${name}`);
  for (const entry of stale) console.log(`  stale equivalence (matches no generated mutant): ${JSON.stringify(entry.original)} → ${JSON.stringify(entry.mutated)}`);

  mkdirSync(OUT_DIR, { recursive: true });
  const report = {
    lab: id,
    seed,
    generated: all.length,
    equivalent: equivalentCount,
    tried: candidates.length,
    killed,
    survived: survivors.map(({ source: _source, ...rest }) => rest),
    handWritten: handWritten.map(({ name, verdict }) => ({ name, ...verdict })),
    staleEquivalents: stale,
    killedBy: Object.fromEntries([...killedBy].sort((a, b) => b[1] - a[1])),
    seconds,
  };
  writeFileSync(join(OUT_DIR, `${id}.json`), JSON.stringify(report, null, 2) + "\n");
  return survivors.length === 0 && stale.length === 0 && handWritten.every((v) => v.verdict.killed);
}

async function handWrittenVerdicts(lab: Lab, hidden: Parameters<typeof tryToKill>[2]): Promise<Array<{ name: string; verdict: Verdict }>> {
  if (values.rerun || values.limit !== undefined) return [];
  const results: Array<{ name: string; verdict: Verdict }> = [];
  await forEachConcurrently(await loadMutants(lab), jobs, async (mutant) => {
    results.push({ name: mutant.name, verdict: await tryToKill(lab, mutant.source, hidden, seed) });
  });
  return results.sort((a, b) => a.name.localeCompare(b.name));
}

function key(mutant: Pick<GeneratedMutant, "original" | "mutated">): string {
  return `${mutant.original}\u0000${mutant.mutated}`;
}

function lastSurvivors(id: string): Set<string> {
  const path = join(OUT_DIR, `${id}.json`);
  if (!existsSync(path)) return new Set();
  const last = JSON.parse(readFileSync(path, "utf8")) as { survived: GeneratedMutant[] };
  return new Set(last.survived.map(key));
}
