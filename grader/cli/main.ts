#!/usr/bin/env node
/**
 * The `wirelab` command (package.json "bin"). In this checkout Node 22 runs
 * this TypeScript directly (`npx wirelab` puts the project's Node 22 first on
 * the PATH); the installed package runs it compiled (grader/package/build.ts).
 */
import { LabJsonError } from "../lab-json.ts";
import { UnknownLabError } from "../labs.ts";
import { gradeAllCommand } from "./grade-all-command.ts";
import { gradeCommand } from "./grade-command.ts";
import { gradeWorkerCommand } from "./grade-worker-command.ts";
import { initCommand } from "./init-command.ts";
import { exportCommand } from "./export-command.ts";
import { labsCommand } from "./labs-command.ts";
import { newLabCommand } from "./new-lab-command.ts";
import { runCommand } from "./run-command.ts";
import { takeLabsOption } from "./labs-dir.ts";
import { HELP, UsageError } from "./usage.ts";

const commands: Record<string, (args: string[]) => Promise<void>> = {
  labs: labsCommand,
  grade: gradeCommand,
  "grade-all": gradeAllCommand,
  run: runCommand,
  export: exportCommand,
  "new-lab": newLabCommand,
  init: initCommand,
  // grade-all's grading processes (grading-pool.ts); not in the help, as people never start one.
  "grade-worker": gradeWorkerCommand,
};

async function main(argv: string[]): Promise<number> {
  try {
    const [name, ...args] = takeLabsOption(argv);
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      console.log(HELP);
      return name === undefined ? 2 : 0;
    }
    // Labs are TypeScript, which Node runs from 22.18 on (earlier 22.x only behind a flag).
    if (!process.features.typescript) throw new UsageError(`wirelab needs Node 22.18 or later to load the labs' TypeScript; this is Node ${process.versions.node}.`);
    const command = commands[name];
    if (command === undefined) throw new UsageError(`Unknown command "${name}".`);
    await command(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownLabError || isParseArgsError(error)) {
      console.error(`wirelab: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    // A lab's own metadata is wrong: the message names the file and the field, and a stack would only hide it.
    if (error instanceof LabJsonError) {
      console.error(`wirelab: grader fault: ${error.message}`);
      return 1;
    }
    console.error(`wirelab: grader fault: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

// `wirelab grade ... | head` closes the pipe early: that is not a fault.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
