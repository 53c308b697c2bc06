/**
 * lab.json, checked field by field: a lab whose metadata is wrong fails when
 * it is loaded, with the file and the field named, instead of grading with
 * a limit that silently fell back to the default ("memoryMB": 512 is a typo
 * the grader would otherwise ignore). Unknown fields are errors for the same
 * reason: a new field is added here, with its check.
 */
import { basename, dirname } from "node:path";
import { LINK_PROFILES } from "#runtime/net/profiles.ts";
import type { LabMetadata } from "./labs.ts";

/** A lab.json that does not hold what a lab needs. */
export class LabJsonError extends Error {}

type Check = (value: unknown) => string | undefined;

const text: Check = (value) => (typeof value === "string" && value.trim() !== "" ? undefined : "must be a non-empty string");

/** A whole number in [min, max]. */
const whole =
  (min: number, max: number, unit: string): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? undefined : `must be a whole number of ${unit} from ${min} to ${max}`;

const LIMITS: Record<string, Check> = {
  timeMsPerRun: whole(1, 600_000, "milliseconds"),
  memoryMb: whole(16, 16_384, "MiB"),
  outputBytes: whole(0, 16 * 2 ** 20, "bytes"),
};

const PROFILES = Object.keys(LINK_PROFILES);

const FIELDS: Record<string, { readonly required: boolean; readonly check: Check }> = {
  id: { required: true, check: (value) => text(value) ?? (/^[a-z][a-z0-9-]*$/.test(value as string) ? undefined : "must be lowercase letters, digits and dashes, starting with a letter") },
  title: { required: true, check: text },
  chapter: { required: true, check: text },
  summary: { required: true, check: text },
  limits: { required: false, check: (value) => objectOf(value, LIMITS) },
  demoProfiles: {
    required: false,
    check: (value) => {
      if (typeof value === "boolean") return undefined;
      if (!Array.isArray(value) || value.length === 0) return `must be true, false or a non-empty list of link profiles (${PROFILES.join(", ")})`;
      const unknown = value.filter((name) => typeof name !== "string" || !PROFILES.includes(name));
      return unknown.length === 0 ? undefined : `names unknown link profiles ${JSON.stringify(unknown)}: the profiles are ${PROFILES.join(", ")}`;
    },
  },
};

/**
 * The problem with `value` as an object whose optional fields pass `checks`,
 * if any, starting with the field inside it: ".memoryMb must be…".
 */
function objectOf(value: unknown, checks: Record<string, Check>): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `must be an object with some of ${Object.keys(checks).join(", ")}`;
  for (const [key, field] of Object.entries(value)) {
    const check = checks[key];
    if (check === undefined) return `has an unknown field "${key}": the fields are ${Object.keys(checks).join(", ")}`;
    const problem = check(field);
    if (problem !== undefined) return `.${key} ${problem} (got ${JSON.stringify(field)})`;
  }
  return undefined;
}

/**
 * lab.json's text as metadata; throws a LabJsonError naming `file` and the
 * field at fault. The id must be the name of the lab's folder (the folder
 * holding `file`), as `wirelab new-lab` makes it.
 */
export function parseLabJson(source: string, file: string): LabMetadata {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new LabJsonError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new LabJsonError(`${file} must hold a JSON object, got ${JSON.stringify(value)}`);
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((name) => !(name in FIELDS));
  if (unknown.length > 0) {
    throw new LabJsonError(`${file}: unknown field "${unknown[0]}" (lab.json fields: ${Object.keys(FIELDS).join(", ")}; a new one is added, with its check, in grader/lab-json.ts)`);
  }
  for (const [name, field] of Object.entries(FIELDS)) {
    if (!(name in record)) {
      if (field.required) throw new LabJsonError(`${file}: "${name}" is missing (every lab.json has ${requiredNames()})`);
      continue;
    }
    const problem = field.check(record[name]);
    if (problem === undefined) continue;
    // A nested problem names its own field and value: "limits.memoryMb" must be…
    const nested = /^\.(\w+) ([^]*)$/.exec(problem);
    throw new LabJsonError(nested ? `${file}: "${name}.${nested[1]}" ${nested[2]}` : `${file}: "${name}" ${problem} (got ${JSON.stringify(record[name])})`);
  }
  const folder = basename(dirname(file));
  if (record.id !== folder) throw new LabJsonError(`${file}: "id" must be the name of the lab's folder, "${folder}" (got ${JSON.stringify(record.id)})`);
  return record as unknown as LabMetadata;
}

function requiredNames(): string {
  return Object.entries(FIELDS)
    .filter(([, field]) => field.required)
    .map(([name]) => name)
    .join(", ");
}
