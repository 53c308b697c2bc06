/**
 * The sawtooth's module worker (sawtooth.model.ts starts it): computes one
 * run per message, off the page's main thread, and posts its view back.
 */
import { serveRuns } from "#site/components/off-thread-runs.ts";
import { recording } from "./sawtooth-recording.ts";

serveRuns((controls: Parameters<typeof recording.run>[0]) => recording.run(controls));
