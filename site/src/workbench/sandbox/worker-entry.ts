/**
 * The script of every lab's sandbox worker. The page starts it with the
 * lab's id as the URL's hash (`…/worker-entry.js#framing`); the harness is
 * imported dynamically so it is evaluated after SES's lockdown (see
 * grader/sandbox/worker.ts). Each harness is its own chunk.
 */
import { serveWorker } from "#grader/sandbox/worker.ts";

const harnesses = import.meta.glob(["../../../../labs/*/harness.ts", "!../../../../labs/kit/**"]);
const lab = decodeURIComponent(globalThis.location.hash.slice(1));
const load = harnesses[`../../../../labs/${lab}/harness.ts`];

void serveWorker(load ?? (() => Promise.reject(new Error(`There is no lab "${lab}" in this build.`))));
