/**
 * Where the CLI finds labs: `--labs DIR` (any command), else this checkout's
 * labs/ when the CLI runs from its sources, else ./labs of the current
 * folder: the installed package ships no lab, an instructor's course folder
 * holds them (README, "Installing the grader").
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { findLab, LABS_DIR, listLabs, type Lab } from "../labs.ts";
import { COMPILED } from "../own-file.ts";
import { UsageError } from "./usage.ts";

let chosen: string | undefined;

/** Takes `--labs DIR` (or `--labs=DIR`) out of the command line, wherever it is; returns the rest. */
export function takeLabsOption(argv: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === "--labs" || arg.startsWith("--labs=")) {
      const value = arg === "--labs" ? argv[++i] : arg.slice("--labs=".length);
      if (value === undefined || value === "") throw new UsageError("--labs takes a folder of labs (one folder per lab, each with a lab.json)");
      chosen = resolve(value);
    } else rest.push(arg);
  }
  return rest;
}

/** The labs folder in use (it may not exist yet: `new-lab` creates it). */
export function labsDir(): string {
  return chosen ?? (COMPILED ? resolve("labs") : LABS_DIR);
}

/** The labs folder in use, which must exist. */
function existingLabsDir(): string {
  const dir = labsDir();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const how = chosen === undefined ? "Run wirelab in your course folder (it has labs/), or pass --labs DIR" : "Pass --labs a folder that holds your labs";
    throw new UsageError(`No labs folder at ${dir}. ${how}.`);
  }
  return dir;
}

/** The lab with `id` in the labs folder in use. */
export function findCliLab(id: string): Lab {
  return findLab(id, existingLabsDir());
}

/** Every lab in the labs folder in use. */
export function listCliLabs(): Lab[] {
  return listLabs(existingLabsDir());
}
