/**
 * Generated mutants of solution.ts (`npm run mutation -- dns`) that no test
 * can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

export default defineEquivalents([]);
