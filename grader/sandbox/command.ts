/**
 * How the sandbox's child process (and the compiler's, compile-child.ts) is
 * started: the parent's own Node binary with the permission model (it may
 * read the code it runs and nothing else; no writes, child processes,
 * workers or addons) under `prlimit` (all memory, CPU time, open files, no
 * core dumps), in a network namespace of its own (no network at all, not
 * even loopback: Node's permission model does not cover sockets) and, when
 * the grader runs as root, as the unprivileged user nobody (isolation.ts).
 * Linux has these tools; elsewhere the child runs without them, after a
 * one-time warning, and the grader's output says which protections held.
 */
import { existsSync, lstatSync, readFileSync, realpathSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SandboxLimits } from "./types.ts";
import { isolationFor, type Isolation } from "./isolation.ts";
import { resolveImportRoot } from "../import-root.ts";
import { ownFile } from "../own-file.ts";
import { linkKey, strippedProgram, type ImportLinks } from "./child-program.ts";

/** The child's entry point. */
export const CHILD_FILE = ownFile("./child.ts", import.meta.url);

const PRLIMIT = "/usr/bin/prlimit";

/*
 * Memory. RLIMIT_AS (`--as`) cannot work: V8 reserves ~1 GiB of address
 * space at start-up and Node's TypeScript stripper (a wasm module) another
 * ~10 GiB of guard pages (VmSize 11.5 GiB measured with Node 22.23), none
 * of it used. RLIMIT_DATA (`--data`) counts only private writable memory:
 * V8's heap pages, malloc, ArrayBuffer backing stores, thread stacks, wasm
 * memory, which is what the learner can consume. A booted child with the
 * framing lab's harness uses VmData ≈ 90 MiB (below ~40 MiB Node hangs at
 * start-up, a case the boot timer catches), so the limit is memoryMb plus
 * this baseline, and --max-old-space-size=memoryMb caps the heap alone.
 * Measured with memoryMb 96 and 256: `new ArrayBuffer(2 ** 31)` and a loop
 * of `new Uint8Array(5e7)` fail with "RangeError: Array buffer allocation
 * failed" within 0.1 s; a loop of `new Array(1e6).fill(x)` ends in V8's
 * "JavaScript heap out of memory" within 0.2 s (96) to 0.45 s (256).
 */
const NODE_BASELINE_MB = 128;
/** File descriptors: Node uses about 20 (stdio, IPC, epoll, eventfds, module reads). */
const MAX_OPEN_FILES = 64;
/*
 * No `--nproc`: RLIMIT_NPROC counts every process and thread of the user,
 * so a small value stops Node's own threads for an ordinary user, and root
 * ignores it. The permission model already forbids child processes.
 */

/** CPU seconds for a child's whole life: only a backstop if the parent dies mid-run (its timer is the real limit). */
export function cpuSecondsFor(limits: SandboxLimits): number {
  return 60 + Math.ceil((10 * limits.timeMsPerRun) / 1000);
}

/** The command line that starts a child for `harness`. */
export interface ChildCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** The operating system's isolation in that command line. */
  readonly isolation: Isolation;
  /** The program to write to the child's standard input (child-program.ts). */
  readonly stdin: string;
}

let warnedNoPrlimit = false;

/** How to start a child for `harness` under `limits`. Throws if the harness reaches a forbidden file. */
export function childCommand(harness: string, limits: SandboxLimits): ChildCommand {
  const file = path.resolve(harness);
  return limitedNodeCommand([CHILD_FILE, file], { heapMb: limits.memoryMb, cpuSeconds: cpuSecondsFor(limits) }, path.dirname(file));
}

/** True when children run under prlimit (memory beyond the heap, and CPU time, are capped). */
export function hasPrlimit(): boolean {
  return process.platform === "linux" && existsSync(PRLIMIT);
}

/**
 * Node running `entries[0]` with `entries.slice(1)` as its arguments,
 * allowed to read those files and what they import, its heap capped at
 * `heapMb` and (with prlimit) its data at `heapMb` plus Node's baseline,
 * its whole life's CPU time at `cpuSeconds`. The TypeScript among them
 * comes stripped on the child's standard input (child-program.ts).
 */
export function limitedNodeCommand(
  entries: readonly string[],
  caps: { heapMb: number; cpuSeconds: number },
  labDir?: string,
  packagesToo: readonly string[] = [],
): ChildCommand {
  const { readable, links } = scan(entries, labDir, packagesToo);
  const program = strippedProgram(entries[0]!, readable, links);
  const nodeArgs = [
    "--permission",
    ...readable.map((file) => `--allow-fs-read=${file}`),
    `--max-old-space-size=${caps.heapMb}`,
    // Node 22.18+ strips TypeScript types by default; earlier 22.x need the flag.
    ...(process.features.typescript === false ? ["--experimental-strip-types"] : []),
    "--disable-warning=ExperimentalWarning",
    "--no-addons",
    // The program reads as `node <entry> <arguments>` would: process.argv[2] is the first argument.
    "--input-type=module",
    "-",
    ...entries.slice(1),
  ];
  const isolation = isolationFor(readable);
  const isolated = [...isolation.prefix, process.execPath, ...nodeArgs];
  if (hasPrlimit()) {
    const prlimitArgs = [
      `--data=${(caps.heapMb + NODE_BASELINE_MB) * 2 ** 20}`,
      `--cpu=${caps.cpuSeconds}:${caps.cpuSeconds + 5}`,
      "--core=0",
      `--nofile=${MAX_OPEN_FILES}`,
      "--",
    ];
    return { file: PRLIMIT, args: [...prlimitArgs, ...isolated], isolation, stdin: program };
  }
  if (!warnedNoPrlimit) {
    warnedNoPrlimit = true;
    process.emitWarning("prlimit is not available: the sandbox caps the JavaScript heap but not ArrayBuffers or CPU time.");
  }
  return { file: isolated[0]!, args: isolated.slice(1), isolation, stdin: program };
}

/** Lab files the sandbox must never read: a harness that imports one is a bug in the lab. */
const FORBIDDEN = /\/labs\/[^/]+\/(?:solution\.ts$|tests\/|mutants\/|variants\/)/;
/** The same, inside the harness's own lab folder, whatever the labs folder is called (--labs DIR). */
const FORBIDDEN_IN_LAB = /^(?:solution\.ts$|tests\/|mutants\/|variants\/)/;

/**
 * Every file the child imports, from `entries` through relative and `#`
 * (package.json `imports`) specifiers, with the package.json that maps them,
 * plus the directories of the packages they import (and their
 * dependencies). A textual scan is enough: this is the lab's own code.
 * Throws on a solution, test, mutant or variant of any lab, or of `labDir`
 * (the harness's own lab, wherever the labs folder is). `packagesToo`: packages
 * the child loads by path rather than by import (as seen from `entries[0]`).
 */
export function readableFiles(entries: readonly string[], labDir?: string, packagesToo: readonly string[] = []): string[] {
  return scan(entries, labDir, packagesToo).readable;
}

/** readableFiles, and how each file's imports resolve. */
function scan(entries: readonly string[], labDir: string | undefined, packagesToo: readonly string[]): { readable: string[]; links: ImportLinks } {
  const { files, packages, links } = scanImports(entries, (file) => {
    const inLab = labDir === undefined ? undefined : path.relative(labDir, file).split(path.sep).join("/");
    if (FORBIDDEN.test(file.split(path.sep).join("/")) || (inLab !== undefined && FORBIDDEN_IN_LAB.test(inLab))) {
      throw new Error(`The sandbox must not read ${file}, but ${entries.at(-1)} imports it (solutions, tests and mutants stay out of the sandbox).`);
    }
  });
  for (const name of packagesToo) addPackage(name, path.dirname(entries[0]!), packages);
  // Node 22 forgets a grant given after one below it (--allow-fs-read=/a/b then /a
  // denies /a itself), so grant ancestors first and drop what they already cover:
  // a directory grant covers everything below it.
  const kept: string[] = [];
  for (const grant of [...files, ...packages].sort((a, b) => a.length - b.length)) {
    if (!kept.some((dir) => grant.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep))) kept.push(grant);
  }
  return { readable: kept, links };
}

/** Every file `entries` import, as readableFiles finds them, tests and solutions included, and how their imports resolve: for the grader's own processes. */
export function importedFiles(entries: readonly string[]): { files: string[]; links: ImportLinks } {
  const { files, links } = scanImports(entries, () => {});
  return { files: [...files], links };
}

/** The files reached from `entries` (each shown to `check` first, which may throw), the package folders they import, and where their own imports lead. */
function scanImports(entries: readonly string[], check: (file: string) => void): { files: Set<string>; packages: Set<string>; links: ImportLinks } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const links = new Map<string, string>();
  const link = (from: string, specifier: string, to: string) => links.set(linkKey(pathToFileURL(from).href, specifier), to);
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    check(file);
    files.add(file);
    if (!/\.[cm]?[jt]s$/.test(file) || !existsSync(file)) continue;
    for (const specifier of importSpecifiers(readFileSync(file, "utf8"))) {
      if (specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
      if (specifier.startsWith(".") || specifier.startsWith("/")) {
        const target = path.resolve(path.dirname(file), specifier);
        link(file, specifier, target);
        queue.push(target);
      } else if (specifier.startsWith("#")) {
        const { file: target, manifest, package: name } = resolveImportRoot(specifier, file);
        files.add(manifest);
        // A course folder's map into the installed wirelab package: grant the package (public code only).
        if (name !== undefined) addPackage(name, path.dirname(manifest), packages);
        else {
          link(file, specifier, target);
          queue.push(target);
        }
      } else {
        const dir = addPackage(specifier, path.dirname(file), packages);
        const build = SINGLE_FILE_BUILDS[specifier];
        if (dir !== undefined && build !== undefined) link(file, specifier, path.join(dir, build));
      }
    }
  }
  return { files, packages, links };
}

/**
 * Packages whose own one-file build the children load in place of their
 * module tree (the same version, built by its authors and shipped in the
 * package; each must load as an ES module). SES's source is some 60 modules;
 * its minified build boots a sandbox child 25 to 40 ms of CPU sooner
 * (medians of 15 starts, alternated 3 times).
 */
const SINGLE_FILE_BUILDS: Readonly<Record<string, string>> = { ses: "dist/ses.umd.min.js" };

/** The specifiers of `import ... from "x"`, `export ... from "x"`, `import "x"` and `import("x")`. */
function importSpecifiers(source: string): string[] {
  const pattern = /\b(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => (match[1] ?? match[2])!);
}

/** Adds the directory of package `specifier` as seen from `fromDir`, and of its dependencies; returns the first (its real path), if found. */
function addPackage(specifier: string, fromDir: string, packages: Set<string>): string | undefined {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(candidate)) {
      const real = realpathSync(candidate);
      if (packages.has(real + path.sep)) return real;
      packages.add(candidate + path.sep);
      packages.add(real + path.sep);
      // Node's resolver reads the symlinks on the way (realpath). Granting a link to a
      // directory grants what is below it too, but node_modules holds only public code.
      const parts = path.relative(dir, candidate).split(path.sep);
      for (let i = 1; i <= parts.length; i++) {
        const step = path.join(dir, ...parts.slice(0, i));
        if (lstatSync(step).isSymbolicLink()) packages.add(step);
      }
      const manifest = JSON.parse(readFileSync(path.join(real, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      for (const dependency of Object.keys(manifest.dependencies ?? {})) addPackage(dependency, real, packages);
      return real;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
