/**
 * `wirelab run <lab> <file>`: runs the lab's demo scenario on a submission
 * in the sandbox, prints the trace summary it returns and, with --pcap,
 * writes the capture. The same seed gives the same bytes.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compileUntrusted } from "../sandbox/limited-compile.ts";
import { findCliLab } from "./labs-dir.ts";
import { startNodeSandbox } from "../sandbox/node-sandbox.ts";
import { readSubmission, seedOption } from "./inputs.ts";
import { UsageError } from "./usage.ts";

/** What a lab's `demo` scenario returns. */
interface DemoResult {
  /** Lines, or one text of lines (the hpack demo). */
  readonly summary: string | readonly string[];
  /** The capture, base64-encoded pcapng. */
  readonly pcap?: string;
}

export async function runCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { seed: { type: "string" }, pcap: { type: "string" } },
  });
  const [labId, file] = positionals;
  if (labId === undefined || file === undefined || positionals.length > 2) {
    throw new UsageError("Usage: wirelab run <lab> <file> [--seed N] [--pcap out.pcapng]");
  }
  const lab = findCliLab(labId);
  const compiled = await compileUntrusted(readSubmission(file), lab.limits);
  if (!compiled.ok) {
    console.log(compiled.message);
    return;
  }
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run("demo", { seed: seedOption(values.seed) });
    for (const line of outcome.logs) console.log(`| ${line}`);
    if (!outcome.ok) {
      console.log(`The demo did not finish: ${outcome.message}`);
      return;
    }
    const demo = outcome.value as DemoResult;
    for (const line of typeof demo.summary === "string" ? [demo.summary] : demo.summary) console.log(line);
    if (values.pcap !== undefined) {
      if (demo.pcap === undefined) throw new Error(`The ${lab.meta.id} demo produces no capture`);
      writeFileSync(values.pcap, Buffer.from(demo.pcap, "base64"));
      console.log(`Capture written to ${values.pcap} (open it in Wireshark)`);
    }
  } finally {
    await sandbox.close();
  }
}
