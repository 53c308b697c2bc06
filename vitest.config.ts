import { defineConfig } from "vitest/config";
import ClosingLineReporter from "./test/support/closing-line-reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: a test's time limit guards against hangs, never measures speed
    // (that is `npm run bench`), and these 2-core machines are often busy.
    testTimeout: 30_000,
    reporters: ["default", new ClosingLineReporter()],
  },
});
