// Lint rules for the whole project. The runtime gets extra rules: it must be
// deterministic, so it may not read the wall clock or Math.random.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "site/dist/", "site/dist-class/", "site/.astro/", ".astro/", "dist/", "**/.tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["runtime/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the simulator's seeded Random." },
        { object: "Date", property: "now", message: "Use virtual time (sim.now)." },
        { object: "performance", property: "now", message: "Use virtual time (sim.now)." },
      ],
      "no-restricted-globals": [
        "error",
        { name: "setTimeout", message: "Schedule on the simulator instead." },
        { name: "setInterval", message: "Schedule on the simulator instead." },
        { name: "Date", message: "Use virtual time (sim.now)." },
        { name: "process", message: "The runtime runs in browsers too." },
      ],
    },
  },
);
