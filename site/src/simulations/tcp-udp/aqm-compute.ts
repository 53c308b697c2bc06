/**
 * The queue simulation's module worker (aqm.model.ts starts it): computes the
 * four runs for one set of controls off the page's main thread and posts them back.
 */
import type { AqmControls } from "./aqm-controls.ts";
import { recording } from "./aqm-recording.ts";

self.onmessage = (event: MessageEvent<{ key: string; controls: AqmControls }>) => {
  self.postMessage({ key: event.data.key, runs: recording.run(event.data.controls) });
};
