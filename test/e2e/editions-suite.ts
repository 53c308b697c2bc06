/**
 * Secrets stay secret: the class edition holds no hidden test, and no
 * edition holds any reference solution. Both checks look for text that
 * survives bundling and minifying: hidden tests' names (string literals of
 * `it(...)`) and string literals found only in a solution. Each check is
 * shown able to fail: the self-paced build does contain the hidden tests'
 * names, and a minified bundle of a solution does contain its literals.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { beforeAll, expect, it } from "vitest";
import { listLabs, loadSuites, type Lab } from "#grader/labs.ts";
import { buildSite, type BuiltSite } from "./build-site.ts";
import type { GetEnvironment } from "./environment.ts";

const labs = listLabs();

const SITE_SOURCES = [fileURLToPath(new URL("../../site/src", import.meta.url)), fileURLToPath(new URL("../../course", import.meta.url))];

/** Every file under `folders`. */
function sourceFiles(folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sourceFiles([join(folder, entry.name)]) : [join(folder, entry.name)],
    ),
  );
}

/** A build's text files, concatenated: its scripts, and its pages and other text. */
interface BuiltText {
  readonly scripts: string;
  readonly pages: string;
}

function builtText(dir: string): BuiltText {
  const scripts: string[] = [];
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.m?js$/.test(name)) scripts.push(readFileSync(path, "utf8"));
      else if (/\.(html|css|json|txt|map)$/.test(name)) pages.push(readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return { scripts: scripts.join("\n"), pages: pages.join("\n") };
}

/**
 * Whether a hidden test's name is in a build: as a string literal in a
 * script (a rule sentence that merely ends the same way is not the test),
 * or anywhere in a page.
 */
function holdsTestName(text: BuiltText, name: string): boolean {
  return ['"', "'", "`"].some((quote) => text.scripts.includes(`${quote}${name}${quote}`)) || text.pages.includes(name);
}

/**
 * The last part of each hidden test's name, where the hidden tests' source
 * gives it as one string literal (not built from a template), unless a
 * public test has the same name.
 */
async function hiddenTestNames(lab: Lab): Promise<string[]> {
  const suites = await loadSuites(lab);
  const source = readFileSync(lab.files.hiddenTests, "utf8");
  const leaf = (name: string) => name.split(" > ").at(-1)!;
  const publicNames = new Set(suites.public.tests.map((test) => leaf(test.name)));
  return suites.hidden.tests
    .map((test) => leaf(test.name))
    .filter((name) => name.length >= 16 && !publicNames.has(name) && ['"', "`"].some((quote) => source.includes(`${quote}${name}${quote}`)));
}

/**
 * Text of the lab's solution that appears in no other file of the lab and
 * that bundlers keep as written: string literals of plain ASCII (12+
 * characters) and the names of class members (6+ characters).
 */
function solutionOnlyLiterals(lab: Lab): string[] {
  // Everything else that may legitimately be in a build: the lab's other files, the site and the course.
  const others = [lab.files.starter, lab.files.harness, lab.files.instructions, lab.files.publicTests, lab.files.hiddenTests, ...sourceFiles(SITE_SOURCES)]
    .map((path) => readFileSync(path, "utf8"))
    .join("\n");
  const literals = new Set<string>();
  const file = ts.createSourceFile("solution.ts", readFileSync(lab.files.solution, "utf8"), ts.ScriptTarget.ES2022);
  const visit = (node: ts.Node): void => {
    const keep = (text: string, minimum: number) => {
      if (text.length >= minimum && /^[\x20-\x7e]+$/.test(text) && !/["'`\\$]/.test(text) && !others.includes(text)) literals.add(text);
    };
    // Whole strings and the fixed parts of template strings, and member names: what survives minifying.
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) keep(node.text, 12);
    if ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) && ts.isIdentifier(node.name)) keep(node.name.text, 6);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...literals];
}

export function editionSuite(env: GetEnvironment): void {
  let classEdition: BuiltSite;
  let classText: BuiltText;

  beforeAll(() => {
    classEdition = buildSite("class");
    console.log(`site build (class): ${classEdition.seconds.toFixed(1)} s`);
    classText = builtText(classEdition.dir);
  }, 600_000);

  it.each(labs.map((lab) => [lab.meta.id, lab] as const))("keeps lab %s's hidden tests out of the class edition only", async (_id, lab) => {
    const names = await hiddenTestNames(lab);
    expect(names.length).toBeGreaterThan(3);
    const selfPaced = builtText(env().site.dir);
    expect(names.filter((name) => !holdsTestName(selfPaced, name))).toEqual([]);
    expect(names.filter((name) => holdsTestName(classText, name))).toEqual([]);
    // The class edition is still a working course: the lab page is there.
    expect(classText.pages.includes(`Lab · ${lab.meta.id}`)).toBe(true);
  }, 120_000);

  it.each(labs.map((lab) => [lab.meta.id, lab] as const))("keeps lab %s's reference solution out of every edition", async (_id, lab) => {
    const literals = solutionOnlyLiterals(lab);
    expect(literals.length).toBeGreaterThan(0);
    const minified = await build({ entryPoints: [lab.files.solution], bundle: true, minify: true, write: false, format: "esm", logLevel: "silent" });
    const bundled = minified.outputFiles[0]!.text;
    expect(literals.filter((literal) => !bundled.includes(literal))).toEqual([]);
    for (const edition of [builtText(env().site.dir), classText]) {
      const all = `${edition.scripts}\n${edition.pages}`;
      expect(literals.filter((literal) => all.includes(literal))).toEqual([]);
    }
  }, 120_000);
}
