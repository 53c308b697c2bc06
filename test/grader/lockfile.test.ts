/**
 * package-lock.json passes `npm ci` under npm 11 (grader/ci/grade-class-repos.yml
 * and a course's own CI install with it). Since npm 11.6.2, `npm ci` checks
 * that the lock holds every package the tree needs on ANY platform, optional
 * native builds included (npm/cli#8805); a lock written by an older npm, or
 * trimmed to one platform, fails with "Missing: @astrojs/compiler-binding-
 * darwin-arm64@0.5.1 from lock file" (this repository's lock did, until it
 * was rewritten). This checks the same thing offline, in milliseconds: every
 * dependency of every entry resolves, as Node would look it up, to an entry.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as LockEntry;
const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, "utf8")) as { lockfileVersion: number; packages: Record<string, LockEntry> };

/** The lock entry `name` resolves to from the entry at `from`, walking up node_modules folders as Node does. */
function resolveEntry(name: string, from: string): string | undefined {
  for (let dir = from; ; ) {
    const candidate = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (dir === "") return undefined;
    const up = dir.lastIndexOf("/node_modules/");
    dir = up < 0 ? "" : dir.slice(0, up);
  }
}

describe("package-lock.json", () => {
  it("records the root's dependencies as package.json has them", () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[""]!;
    for (const kind of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const) {
      expect(root[kind] ?? {}, kind).toEqual(manifest[kind] ?? {});
    }
  });

  it("holds every package any platform needs, optional native builds included", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const needs = { ...entry.dependencies, ...entry.optionalDependencies, ...(path === "" ? entry.devDependencies : {}) };
      const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => entry.peerDependenciesMeta?.[name]?.optional !== true);
      for (const name of [...Object.keys(needs), ...peers]) {
        if (resolveEntry(name, path) === undefined) missing.push(`${name} (needed by ${path || "the root"})`);
      }
    }
    // If this fails: `npm install` with npm 11.6.2 or later rewrites the lock with every platform's packages.
    expect(missing).toEqual([]);
  });
});
