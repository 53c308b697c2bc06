/** A cap on shrinking for the property tests (fast-check shrinks as long as inputs keep failing). */

/** Shrink attempts after the first failure: counted in runs, not time, so a grade never depends on machine load. */
const SHRINK_BUDGET = 60;

/**
 * `check` that stops failing after `budget` further calls once one failed:
 * fast-check then reports the smallest failing input found within the budget,
 * and a submission that fails everything cannot make shrinking run for minutes.
 */
export function withShrinkBudget<T>(check: (input: T) => Promise<void>, budget = SHRINK_BUDGET): (input: T) => Promise<void> {
  let failed = false;
  let after = 0;
  return async (input) => {
    if (failed && ++after > budget) return;
    try {
      await check(input);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
}
