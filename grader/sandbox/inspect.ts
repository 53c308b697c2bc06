/**
 * Looking at values the learner's code made without running any of it:
 * no getters, no toString, no proxy traps, no walk of a huge structure.
 * The sandbox's realm uses this for console output, thrown values and the
 * check that a result can be sent back. Reads go through property
 * descriptors and intrinsic getters captured here (frozen by lockdown),
 * never through the learner's objects. No Node or browser API: it runs in
 * both sandboxes (kinds.ts says what a value is).
 */
import { callGetter as call, intrinsicGetter, isProxy, isTypedArray } from "./kinds.ts";

/** Console output shows this many items of an array or object, bytes of a typed array, characters of a nested string. */
const MAX_ITEMS = 20;
const MAX_BYTES_SHOWN = 64;
const MAX_NESTED_STRING = 200;
const MAX_MESSAGE = 2_000;

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayLength = intrinsicGetter(typedArrayPrototype, "length");
const typedArrayTag = intrinsicGetter(typedArrayPrototype, Symbol.toStringTag);

/**
 * The value of an own property if reading it runs no code: a data property,
 * or an accessor that SES's lockdown made from one to allow overrides (its
 * getter carries the value as `originalValue`).
 */
function ownData(target: object, key: PropertyKey): { value: unknown } | undefined {
  const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined) return undefined;
  if ("value" in descriptor) return { value: descriptor.value };
  const getter = descriptor.get;
  if (getter === undefined || isProxy(getter)) return undefined;
  const original = Reflect.getOwnPropertyDescriptor(getter, "originalValue");
  return original !== undefined && "value" in original ? { value: original.value } : undefined;
}

/**
 * `key` looked up along the prototype chain, if that runs no code. Stops
 * (undefined) at a learner's accessor or at a proxy.
 */
function inheritedData(target: object, key: PropertyKey): { value: unknown } | undefined {
  for (let current: object | null = target, depth = 0; current !== null && depth < 100; depth++) {
    if (isProxy(current)) return undefined;
    if (Reflect.getOwnPropertyDescriptor(current, key) !== undefined) return ownData(current, key);
    current = Reflect.getPrototypeOf(current);
  }
  return undefined;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The class name of an ordinary object, read from data properties only. */
export function className(value: object): string | undefined {
  if (isProxy(value)) return undefined;
  const prototype = Reflect.getPrototypeOf(value);
  if (prototype === null || isProxy(prototype)) return undefined;
  const constructor = ownData(prototype, "constructor")?.value;
  if (typeof constructor !== "function") return undefined;
  const name = ownData(constructor, "name")?.value;
  return typeof name === "string" && name !== "" ? name : undefined;
}

/** The class names along an object's prototype chain, read from data properties only. */
export function classNames(value: object): string[] {
  const names: string[] = [];
  for (let current: object | null = value, depth = 0; current !== null && depth < 100; depth++) {
    if (isProxy(current)) break;
    const name = className(current);
    if (name !== undefined) names.push(name);
    current = Reflect.getPrototypeOf(current);
  }
  return names;
}

/** `value instanceof C` for `prototype` = C.prototype, without proxy traps or Symbol.hasInstance. */
export function hasInPrototypeChain(value: unknown, prototype: object): boolean {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  for (let current: object | null = value, depth = 0; current !== null && depth < 100; depth++) {
    if (isProxy(current)) return false;
    current = Reflect.getPrototypeOf(current);
    if (current === prototype) return true;
  }
  return false;
}

/** True when `value` is an Error (its prototype chain reaches Error.prototype). */
export function isError(value: unknown): value is Error {
  return hasInPrototypeChain(value, Error.prototype);
}

/** "TypeError: message", from data properties only (a getter could loop). */
export function errorHeader(error: object): string {
  const name = inheritedData(error, "name")?.value;
  const message = inheritedData(error, "message")?.value;
  const nameText = typeof name === "string" && name !== "" ? name : "Error";
  const messageText = typeof message === "string" ? cut(message, MAX_MESSAGE) : "";
  return messageText === "" ? nameText : `${nameText}: ${messageText}`;
}

/** What the learner's code threw, as one line. */
export function describeThrown(thrown: unknown): string {
  if (isError(thrown)) return errorHeader(thrown);
  const text = typeof thrown === "string" ? JSON.stringify(cut(thrown, MAX_MESSAGE)) : formatValue(thrown);
  return `a non-Error value (${cut(text, MAX_MESSAGE)})`;
}

/** One console argument as text, shallowly: nested values are summarised. */
export function formatValue(value: unknown, depth = 0): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : JSON.stringify(cut(value, MAX_NESTED_STRING));
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return String(value);
    case "function": {
      if (isProxy(value)) return "[function]";
      const name = ownData(value, "name")?.value;
      return typeof name === "string" && name !== "" ? `[function ${name}]` : "[function]";
    }
    case "object":
      return value === null ? "null" : formatObject(value, depth);
    default:
      return String(value);
  }
}

function formatObject(value: object, depth: number): string {
  if (isProxy(value)) return "[object]";
  if (isTypedArray(value)) return formatTypedArray(value, depth);
  if (isError(value)) return depth === 0 ? errorHeader(value) : `[${errorHeader(value)}]`;
  if (Array.isArray(value)) {
    const length = ownData(value, "length")?.value as number;
    if (depth > 0) return `[array of ${length}]`;
    const items: string[] = [];
    for (let i = 0; i < Math.min(length, MAX_ITEMS); i++) items.push(formatProperty(value, String(i)));
    if (length > MAX_ITEMS) items.push(`… ${length - MAX_ITEMS} more`);
    return `[${items.join(", ")}]`;
  }
  const name = className(value);
  const prototype = Reflect.getPrototypeOf(value);
  const plain = prototype === null || prototype === Object.prototype;
  if (depth > 0) return plain ? "{…}" : `[${name ?? "object"}]`;
  if (!plain && name === undefined) return "[object]";
  const keys = Reflect.ownKeys(value).filter((key): key is string => typeof key === "string");
  const fields = keys.slice(0, MAX_ITEMS).map((key) => `${formatKey(key)}: ${formatProperty(value, key)}`);
  if (keys.length > MAX_ITEMS) fields.push(`… ${keys.length - MAX_ITEMS} more`);
  const body = fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
  return plain ? body : `${name} ${body}`;
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(cut(key, MAX_NESTED_STRING));
}

function formatProperty(target: object, key: string): string {
  const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined) return "<empty>";
  return "value" in descriptor ? formatValue(descriptor.value, 1) : "[getter]";
}

function formatTypedArray(value: ArrayBufferView, depth: number): string {
  const tag = call<string>(typedArrayTag, value);
  const length = call<number>(typedArrayLength, value);
  if (depth > 0) return `${tag}(${length})`;
  const shown: string[] = [];
  // Indexed reads of a real typed array are exotic: no getter can hide there.
  const items = value as unknown as ArrayLike<number | bigint>;
  for (let i = 0; i < Math.min(length, MAX_BYTES_SHOWN); i++) {
    const item = items[i]!;
    shown.push(tag === "Uint8Array" ? (item as number).toString(16).padStart(2, "0") : String(item));
  }
  const more = length > MAX_BYTES_SHOWN ? ` … ${length - MAX_BYTES_SHOWN} more` : "";
  return `${tag}(${length}) [${shown.join(" ")}${more}]`;
}

/** An absolute path or file URL (after a space, a "(" or at the start), up to a ":line:column", a ")" or a space. */
const HOST_PATH = /(?<![^\s(])(?:file:\/\/)?(?:\/[^\s/():]+)+\/([^\s/():]+)/g;

/**
 * `text` with absolute host paths replaced by file names ("harness.ts",
 * "realm.ts"): stack traces and crash reports are shown to learners and
 * should not tell them, or a class's CI log, how the grading machine is laid out.
 */
export function hideHostPaths(text: string): string {
  return text.replace(HOST_PATH, (_match, name: string) => name);
}
