/** `npm run bench`: every benchmark, one `name: value unit` line per figure. */
import { gradingBenchmarks } from "./grading.ts";
import { hpackBenchmarks } from "./hpack.ts";
import { machineLoad } from "./measure.ts";
import { runtimeBenchmarks } from "./runtime.ts";

console.log(`node ${process.version}, ${new Date().toISOString()}, ${machineLoad()} at the start`);
runtimeBenchmarks();
hpackBenchmarks();
await gradingBenchmarks();
console.log(`${machineLoad()} at the end (1, 5 and 15-minute averages: anything above 0 is someone else's work too)`);
