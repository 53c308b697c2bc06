/**
 * A folder of the grader's own for what it prepares once and reuses in
 * later processes (grade-all starts one per submission): the compiler's
 * code cache, the children's bundled programs. What is kept there is run as
 * code, so the folder must be one that only this user can write; if it is
 * not (a planted folder or link), nothing is kept. The sandbox's children
 * never read it: the grader reads it and hands them what they need.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The contents of `name` in the folder, if it is there. */
export function readPrivate(name: string): Buffer | undefined {
  const folder = privateFolder();
  if (folder === undefined) return undefined;
  try {
    return readFileSync(path.join(folder, name));
  } catch {
    return undefined;
  }
}

/** Writes `name` whole, then renames it: processes side by side read either the old file or all of the new. */
export function writePrivate(name: string, data: string | Uint8Array): void {
  const folder = privateFolder();
  if (folder === undefined) return;
  const temporary = path.join(folder, `${name}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path.join(folder, name));
  } catch {
    // A full disk costs only speed.
  }
}

/** `<tmp>/wirelab-cache-<uid>`, created if need be; undefined unless it is a real folder that only this user can write. */
function privateFolder(): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const folder = path.join(os.tmpdir(), `wirelab-cache-${uid}`);
  try {
    mkdirSync(folder, { mode: 0o700, recursive: true });
    const stats = lstatSync(folder);
    return stats.isDirectory() && stats.uid === uid && (stats.mode & 0o077) === 0 ? folder : undefined;
  } catch {
    return undefined;
  }
}
