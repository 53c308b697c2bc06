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

// Intrinsics captured when the harness loads (after the sandbox's lockdown, so frozen).
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)!.get!;
const typedArrayLength = Object.getOwnPropertyDescriptor(typedArrayPrototype, "length")!.get!;
const typedArraySet = Uint8Array.prototype.set;

/**
 * A copy of a Uint8Array the learner returned, or a TypeError that says what
 * came back instead. Copying means later changes by the learner's code
 * cannot alter what the test already saw. The copy is a fresh Uint8Array
 * filled by the intrinsic `set`: `slice` and `map` would build it through
 * the learner's `constructor[Symbol.species]`, and `instanceof` would run a
 * proxy's traps; the intrinsic tag getter reads the engine's slot instead.
 */
export function copyBytes(value: unknown, what: string): Uint8Array {
  const tag = typeof value === "object" && value !== null ? Reflect.apply(typedArrayTag, value, []) : undefined;
  if (tag !== "Uint8Array") {
    throw new TypeError(`${what} must be a Uint8Array, but your code returned ${describeValue(value)}`);
  }
  const copy = new Uint8Array(Reflect.apply(typedArrayLength, value, []) as number);
  Reflect.apply(typedArraySet, copy, [value]);
  return copy;
}

/**
 * The first `end` items (all by default) of an array the learner returned,
 * in a fresh plain array built by a loop (no Symbol.species), or a
 * TypeError that says what came back instead. Items are read once, here:
 * the learner's code cannot change the copy later.
 */
export function copyArray(value: unknown, what: string, end = Number.POSITIVE_INFINITY): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array, but your code returned ${describeValue(value)}`);
  const source = value as readonly unknown[];
  const length = Math.min(source.length, end);
  const copy: unknown[] = [];
  for (let i = 0; i < length; i++) copy.push(source[i]);
  return copy;
}

/** An array of Uint8Arrays the learner returned (frames, packets), each copied with {@link copyBytes}. */
export function copyFrames(value: unknown, what: string, end = Number.POSITIVE_INFINITY): Uint8Array[] {
  const items = copyArray(value, what, end);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < items.length; i++) frames.push(copyBytes(items[i], `item ${i + 1} of ${what}`));
  return frames;
}

/** Thrown messages longer than this are cut: a learner's message is quoted into reports. */
const MAX_THROWN_MESSAGE = 2_000;

/** The message of something the learner threw, reading as little of it as possible. */
export function thrownMessage(error: unknown): string {
  if (error instanceof Error) {
    // Read own data properties only: a getter would run learner code.
    const message = ownDataProperty(error, "message");
    const name = cut(ownDataProperty(error, "name") ?? builtInErrorName(error), 100);
    return message === undefined || message === "" ? name : `${name}: ${cut(message, MAX_THROWN_MESSAGE)}`;
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

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
