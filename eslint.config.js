// Lint rules for the whole project. The runtime gets extra rules: it must be
// deterministic, so it may not read the wall clock or Math.random.
// Imports go through the project's import root (package.json "imports":
// #runtime/*, #labs/*, #grader/*, #site/*, #test/*) instead of climbing
// "../../", and no layer imports one above it (runtime → labs → grader, site).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const CLIMBING = { regex: "^\\.\\./\\.\\./", message: "Import through the project's root (#runtime/…, #labs/…, #grader/…, #site/…, #test/…), not ../../" };
/** The import rule for a layer that must not import the layers named in `above`. */
const imports = (...above) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        CLIMBING,
        ...above.map((layer) => ({ regex: `^#${layer}/`, message: `A lower layer never imports #${layer} (design brief, "The layers").` })),
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ["node_modules/", "site/dist/", "site/dist-class/", "site/.astro/", ".astro/", "dist/", "**/.tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      ...imports(),
    },
  },
  { files: ["runtime/**/*.ts"], rules: imports("labs", "grader", "site", "test") },
  { files: ["labs/**/*.ts"], rules: imports("grader", "site", "test") },
  { files: ["grader/**/*.ts"], rules: imports("site", "test") },
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
