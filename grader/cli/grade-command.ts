/** `wirelab grade <lab> <file>`: grades one submission and prints the result. */
import { parseArgs } from "node:util";
import { gradeSubmission } from "../grade.ts";
import { toJunitXml } from "../report/junit.ts";
import { COLOURS, formatSummary, formatTestResult, PLAIN } from "../report/text.ts";
import { hiddenVisibilityOption, readSubmission, seedOption } from "./inputs.ts";
import { findCliLab } from "./labs-dir.ts";
import { UsageError } from "./usage.ts";

export async function gradeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      public: { type: "boolean" },
      seed: { type: "string" },
      "hidden-visibility": { type: "string" },
    },
  });
  const [labId, file] = positionals;
  if (labId === undefined || file === undefined || positionals.length > 2) {
    throw new UsageError("Usage: wirelab grade <lab> <file> [--format text|json|junit] [--public] [--seed N] [--hidden-visibility V]");
  }
  // Text is the default everywhere; it is coloured only on a terminal.
  const format = values.format ?? "text";
  if (!["text", "json", "junit"].includes(format)) throw new UsageError(`Unknown format "${format}": use text, json or junit`);
  const lab = findCliLab(labId);
  const source = readSubmission(file);
  const palette = process.stdout.isTTY ? COLOURS : PLAIN;
  const onResult = format === "text" ? (test: Parameters<typeof formatTestResult>[0]) => console.log(formatTestResult(test, palette)) : undefined;
  const result = await gradeSubmission(lab, source, {
    publicOnly: values.public ?? false,
    seed: seedOption(values.seed),
    hiddenVisibility: hiddenVisibilityOption(values["hidden-visibility"]),
    ...(onResult ? { onResult } : {}),
  });
  if (format === "json") process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else if (format === "junit") process.stdout.write(toJunitXml(result, lab.meta.id));
  else console.log(formatSummary(result, palette));
}
