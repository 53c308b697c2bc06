/**
 * The packages the grader, the runtime and the lab kit import at run time,
 * in one place: the installable package (grader/package/build.ts, which
 * fails on an import missing here), the Gradescope autograder and the class
 * repository (grader/export/) install these and nothing for the site. The
 * kit's checkProperty needs fast-check, so every lab with property tests does.
 */
export const RUNTIME_DEPENDENCIES: readonly string[] = ["typescript", "ses", "@vitest/expect", "chai", "fflate", "fast-check"];
