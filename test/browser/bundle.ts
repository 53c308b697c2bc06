/**
 * Bundles the project's code for a browser page and its sandbox workers,
 * in memory, with esbuild: what the site's build does with Vite, reduced
 * to what the browser tests need.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The script that bundles `contents` (an entry module's text) and everything it imports. */
async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    format: "esm",
    // No `node:` module resolves here: a Node API in browser code fails the build.
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/**
 * A lab's sandbox worker: worker.ts with the harness at `harness` (relative
 * to the project's root), imported dynamically so that it is evaluated
 * after lockdown (see worker.ts).
 */
export function bundleSandboxWorker(harness: string): Promise<string> {
  return bundle(`
    import { serveWorker } from "./grader/sandbox/worker.ts";
    void serveWorker(() => import(${JSON.stringify(`./${harness}`)}));
  `);
}

/** A page script: the module at `entry` (relative to the project's root). */
export function bundlePage(entry: string): Promise<string> {
  return bundle(`import ${JSON.stringify(`./${entry}`)};`);
}

/** The grading page with every lab in `labIds` registered (their tests bundled in). */
export function bundleGradingPage(labIds: readonly string[]): Promise<string> {
  const imports = labIds.map(
    (id, i) => `import public${i} from "./labs/${id}/tests/public.ts";\nimport hidden${i} from "./labs/${id}/tests/hidden.ts";`,
  );
  const registrations = labIds.map((id, i) => `registerLab(${JSON.stringify(id)}, public${i}, hidden${i});`);
  return bundle(['import { registerLab } from "./test/browser/grading-page.ts";', ...imports, ...registrations].join("\n"));
}
