/**
 * The learner's compiled lab code, kept beside their source by the
 * workbench after every successful compile, so a chapter can run it
 * without loading a TypeScript compiler. A fingerprint of the source says
 * whether the JavaScript still matches the code last saved.
 */
import { Fnv1a64 } from "#runtime/core/hash.ts";
import { labProgress, updateProgress } from "./store.ts";

export const sourceFingerprint = (source: string): string => new Fnv1a64().update(source).hex();

/** Records that `source` compiled to `js` for lab `id`. */
export function saveCompiled(id: string, source: string, js: string, storage: Storage = localStorage): void {
  updateProgress((progress) => {
    const lab = (progress.labs[id] ??= {});
    lab.compiled = { from: sourceFingerprint(source), js };
  }, storage);
}

/** What a chapter can run for lab `id`. */
export type SavedCode =
  | { readonly state: "none" }
  /** Code saved but never compiled, or edited since its last compile. */
  | { readonly state: "stale" }
  | { readonly state: "ready"; readonly js: string; readonly savedAt: string | undefined };

export function savedCode(id: string, storage: Storage = localStorage): SavedCode {
  const lab = labProgress(id, storage);
  if (lab.code === undefined) return { state: "none" };
  if (lab.compiled === undefined || lab.compiled.from !== sourceFingerprint(lab.code)) return { state: "stale" };
  return { state: "ready", js: lab.compiled.js, savedAt: lab.savedAt };
}
