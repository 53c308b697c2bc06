/**
 * How learner code is compiled, everywhere: by the grader in Node
 * (compile.ts, TypeScript's transpileModule) and by the site's editor
 * (Monaco's TypeScript worker). Plain numbers, not TypeScript's enums, so
 * the browser can use this without loading the compiler twice; both sides
 * run TypeScript 5.9, and a test compares their output byte for byte.
 */
export const LEARNER_COMPILER_OPTIONS = {
  /** ts.ScriptTarget.ES2022 (Monaco's copy of the enum lacks the name). */
  target: 9,
  /** ts.ModuleKind.CommonJS: the sandbox wraps the module in a function. */
  module: 1,
  strict: true,
  esModuleInterop: false,
  sourceMap: false,
  inlineSourceMap: false,
  removeComments: false,
} as const;
