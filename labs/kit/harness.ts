/**
 * The trusted side of a lab inside the sandbox. A lab's `harness.ts` exports
 * `defineHarness({...})`: named scenarios, each a function from a plain
 * input (JSON) to a plain result (JSON), given the learner's module. The
 * harness is the only code that calls the learner's functions; it must treat
 * everything they return as hostile (copy it, check its type) and may
 * report the learner's exceptions as data when a test expects one.
 */

/** The learner's module: whatever their file exported. */
export type LearnerModule = Readonly<Record<string, unknown>>;

/** A scenario: plain input in, plain result out (may be async). */
export type Scenario = (input: never, learner: LearnerModule) => unknown;

/** A lab's harness: its scenarios by name. */
export type Harness = Readonly<Record<string, Scenario>>;

/** Declares a lab's harness. */
export function defineHarness<H extends Harness>(harness: H): H {
  return harness;
}

/** Thrown by the harness when the learner's module lacks something a scenario needs. */
export class MissingExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingExportError";
  }
}

/** The learner's exported function `name`, or a clear error. */
export function exportedFunction(learner: LearnerModule, name: string): (...args: never[]) => unknown {
  const value = learner[name];
  if (typeof value !== "function") {
    throw new MissingExportError(`Your code must export a function named \`${name}\` (found ${describeValue(value)}).`);
  }
  return value as (...args: never[]) => unknown;
}

/** The learner's exported class `name`, or a clear error. */
export function exportedClass(learner: LearnerModule, name: string): new (...args: never[]) => unknown {
  const value = learner[name];
  if (typeof value !== "function") {
    throw new MissingExportError(`Your code must export a class named \`${name}\` (found ${describeValue(value)}).`);
  }
  return value as new (...args: never[]) => unknown;
}

/**
 * A copy of a Uint8Array the learner returned, or a TypeError that says what
 * came back instead. Copying means later changes by the learner's code
 * cannot alter what the test already saw.
 */
export function copyBytes(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${what} must be a Uint8Array, but your code returned ${describeValue(value)}`);
  }
  return Uint8Array.prototype.slice.call(value);
}

/** The message of something the learner threw, reading as little of it as possible. */
export function thrownMessage(error: unknown): string {
  if (error instanceof Error) {
    // Read own data properties only: a getter would run learner code.
    const message = ownDataProperty(error, "message");
    const name = ownDataProperty(error, "name") ?? builtInErrorName(error);
    return message === undefined || message === "" ? name : `${name}: ${message}`;
  }
  return `a non-Error value (${describeValue(error)})`;
}

/** A short, safe description of any value (it never calls the value's own code). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return `${typeof value} ${String(value)}`;
}

const BUILT_IN_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/** "TypeError" and the like: under SES lockdown `name` is an accessor on the prototype. */
function builtInErrorName(error: Error): string {
  return BUILT_IN_ERRORS.find((type) => error instanceof type)?.name ?? "Error";
}

function ownDataProperty(object: object, key: string): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (descriptor === undefined || !("value" in descriptor)) return undefined;
  return typeof descriptor.value === "string" ? descriptor.value : describeValue(descriptor.value);
}
