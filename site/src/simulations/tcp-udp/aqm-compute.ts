/**
 * The queue simulation's module worker (aqm.model.ts starts it): computes the
 * four runs for one set of controls off the page's main thread and posts them back.
 */
import { serveRuns } from "#site/components/off-thread-runs.ts";
import { recording } from "./aqm-recording.ts";

serveRuns((controls: Parameters<typeof recording.run>[0]) => recording.run(controls));
