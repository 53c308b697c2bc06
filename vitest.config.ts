import { defineConfig } from "vitest/config";
import ClosingLineReporter from "./test/support/closing-line-reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", new ClosingLineReporter()],
  },
});
