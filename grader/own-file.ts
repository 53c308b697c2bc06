/**
 * The grader's own files, found the same way whether it runs from its
 * TypeScript sources (a checkout: Node strips the types) or compiled to
 * JavaScript (the installed `wirelab` package, built by
 * grader/package/build.ts, where every `x.ts` became `x.js`; Node will not
 * strip types under node_modules).
 */
import { fileURLToPath } from "node:url";

/** True when this module runs compiled, from the built package. */
export const COMPILED = import.meta.url.endsWith(".js");

/** The path of `relativeTs` (a source name such as "./child.ts") next to the module at `base` (its import.meta.url). */
export function ownFile(relativeTs: string, base: string): string {
  return fileURLToPath(new URL(COMPILED ? relativeTs.replace(/\.ts$/, ".js") : relativeTs, base));
}
