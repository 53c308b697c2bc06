/**
 * A lab-topic simulation's model, described so it can be recorded: the
 * class edition ships no algorithm a lab grades, so at build time every
 * combination of the controls it offers is run (record.ts) and the page
 * replays the results (replay.ts). A model file `X.model.ts` exports
 * `recording` and its live function; `X.recorded.ts` beside it exports the
 * same function replaying the recording, and the class build uses it
 * (editions/recorded-models.ts).
 */
export interface Recording<Controls, Result> {
  /** The simulation's name (SimShell's `name`); the recordings are served at sim-traces/<sim>/<file>.json. */
  readonly sim: string;
  /** Every combination of the controls the class edition offers. */
  space(): Iterable<Controls>;
  /** Which file holds the result for `controls` (one file is fetched per group of controls). */
  file(controls: Controls): string;
  /** Its key in that file; controls that cannot change the result map to one key. */
  key(controls: Controls): string;
  /** The live model: what is recorded, and what the self-paced edition runs. */
  run(controls: Controls): Result;
}
