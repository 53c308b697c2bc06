/**
 * Builds the installable `wirelab` package (`npm run build:package`, then
 * `npm pack ./dist/wirelab`): the grader, the runtime and the lab kit
 * compiled file by file to JavaScript (Node will not strip types under
 * node_modules), with a package.json of its own: real `dependencies`, a
 * `files` list, `bin` → the compiled CLI, and `exports` through which a
 * course folder's labs import the kit and the runtime (README, "Installing
 * the grader"). No lab of this repository goes in: no solution, mutant,
 * variant or test. Files stay one module each (no bundle), so a lab's tests
 * and the grader share one copy of the kit.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { walk } from "#grader/export/gradescope.ts";
import { packageName } from "#grader/import-root.ts";
import { RUNTIME_DEPENDENCIES } from "#grader/dependencies.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PACKAGE_DIR = join(ROOT, "dist", "wirelab");

/** The folders compiled into the package, and what in them stays out. */
const SOURCES = ["runtime", join("labs", "kit"), "grader"];
/** This build itself, and the mutation tester (it works on this repository's labs and their solutions). */
const LEFT_OUT = [join("grader", "package"), join("grader", "mutation")].map((dir) => join(ROOT, dir) + sep);


/** Builds the package into `outDir` (emptied first); returns the files written, relative to it. */
export async function buildPackage(outDir = PACKAGE_DIR): Promise<string[]> {
  const sources = SOURCES.flatMap((dir) => [...walk(join(ROOT, dir))]).filter(
    (file) => file.endsWith(".ts") && !LEFT_OUT.some((dir) => file.startsWith(dir)),
  );
  const result = await build({
    entryPoints: sources,
    outbase: ROOT,
    outdir: outDir,
    bundle: false,
    write: false,
    format: "esm",
    platform: "node",
    target: "node22",
    logLevel: "silent",
  });
  rmSync(outDir, { recursive: true, force: true });
  const written: string[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), text);
    written.push(path);
  };
  for (const output of result.outputFiles) {
    write(toPosix(relative(outDir, output.path)), rewriteSpecifiers(output.text, output.path));
  }
  write("package.json", packageJson());
  write("README.md", readFileSync(join(ROOT, "grader", "package", "README.md"), "utf8"));
  return written.sort();
}

/**
 * `./x.ts` and `#area/x.ts` become `.js` (the compiled files' names); every
 * package imported must be a dependency. TypeScript's own scanner finds the
 * imports, so text that merely looks like one (a scaffold template) stays.
 */
function rewriteSpecifiers(code: string, path: string): string {
  let rewritten = "";
  let from = 0;
  for (const imported of ts.preProcessFile(code, true, true).importedFiles) {
    const specifier = imported.fileName;
    if (specifier.startsWith(".") || specifier.startsWith("#")) {
      if (!specifier.endsWith(".ts")) throw new Error(`${path}: the import of ${specifier} names no .ts file`);
      // The scanner's position is at (or just before) the specifier's text.
      const start = code.indexOf(specifier, imported.pos);
      rewritten += code.slice(from, start) + specifier.slice(0, -3) + ".js";
      from = start + specifier.length;
    } else if (!specifier.startsWith("node:") && !RUNTIME_DEPENDENCIES.includes(packageName(specifier))) {
      throw new Error(`${path} imports ${specifier}, which is not a dependency of the package`);
    }
  }
  return rewritten + code.slice(from);
}

/** The package's package.json: this project's name and version, the run-time dependencies at this project's ranges. */
export function packageJson(): string {
  const project = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    version: string;
    description: string;
    devDependencies: Record<string, string>;
  };
  const manifest = {
    name: "wirelab",
    version: project.version,
    description: `${project.description}: the grader (the wirelab command), the simulated network runtime and the lab kit`,
    type: "module",
    // 22.18: Node strips the types of the labs' TypeScript without a flag.
    engines: { node: ">=22.18" },
    bin: { wirelab: "grader/cli/main.js" },
    // The compiled code imports through the same root as the sources (#runtime/..., #labs/kit/...).
    imports: { "#runtime/*": "./runtime/*", "#labs/*": "./labs/*", "#grader/*": "./grader/*" },
    // A course folder's labs import `#labs/kit/x.ts` and `#runtime/y.ts`, which its package.json maps here.
    exports: {
      "./runtime/*.ts": "./runtime/*.js",
      "./runtime/*.js": "./runtime/*.js",
      "./labs/kit/*.ts": "./labs/kit/*.js",
      "./labs/kit/*.js": "./labs/kit/*.js",
      "./package.json": "./package.json",
    },
    files: ["runtime/", "labs/kit/", "grader/", "README.md"],
    dependencies: Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => [name, project.devDependencies[name]])),
  };
  for (const [name, range] of Object.entries(manifest.dependencies)) {
    if (range === undefined) throw new Error(`${name} is not a devDependency of this project`);
  }
  return JSON.stringify(manifest, null, 2) + "\n";
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildPackage();
  console.log(`Built ${files.length} files in ${relative(process.cwd(), PACKAGE_DIR) || "."}: npm pack ./dist/wirelab makes the tarball.`);
}
