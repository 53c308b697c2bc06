/**
 * `npm run bench`: every benchmark, one `name: value unit` line per figure.
 * `npm run bench -- grading` (or runtime, hpack) runs one group only.
 */
import { gradingBenchmarks } from "./grading.ts";
import { hpackBenchmarks } from "./hpack.ts";
import { machineLoad } from "./measure.ts";
import { runtimeBenchmarks } from "./runtime.ts";

const groups: Record<string, () => unknown> = { runtime: runtimeBenchmarks, hpack: hpackBenchmarks, grading: gradingBenchmarks };
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in groups));
if (unknown.length > 0) {
  console.error(`npm run bench: no benchmark group ${unknown.join(", ")} (there are ${Object.keys(groups).join(", ")})`);
  process.exit(2);
}

console.log(`node ${process.version}, ${new Date().toISOString()}, ${machineLoad()} at the start`);
for (const [name, run] of Object.entries(groups)) {
  if (chosen.length === 0 || chosen.includes(name)) await run();
}
console.log(`${machineLoad()} at the end (1, 5 and 15-minute averages: anything above 0 is someone else's work too)`);
