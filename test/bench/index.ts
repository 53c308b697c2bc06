/** `npm run bench`: every benchmark, one `name: value unit` line per figure. */
import { gradingBenchmarks } from "./grading.ts";
import { hpackBenchmarks } from "./hpack.ts";
import { runtimeBenchmarks } from "./runtime.ts";

console.log(`node ${process.version}, ${new Date().toISOString()}`);
runtimeBenchmarks();
hpackBenchmarks();
await gradingBenchmarks();
