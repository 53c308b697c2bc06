/**
 * The sawtooth's module worker (sawtooth.model.ts starts it): computes one
 * run per message, off the page's main thread, and posts its view back.
 */
import type { SawtoothControls } from "./sawtooth-controls.ts";
import { recording } from "./sawtooth-recording.ts";

self.onmessage = (event: MessageEvent<{ key: string; controls: SawtoothControls }>) => {
  self.postMessage({ key: event.data.key, view: recording.run(event.data.controls) });
};
