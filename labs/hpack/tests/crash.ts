/**
 * Telling a deliberate rejection from a crash. The instructions accept any
 * Error thrown on purpose (HpackError, Error, TypeError, RangeError…), so the
 * class of an error says nothing; what says "crash" is a message written by
 * the JavaScript engine itself: reading a property of undefined, calling
 * something that is not a function, running out of stack. These are the
 * messages of V8 (Node, Chromium), SpiderMonkey (Firefox) and JavaScriptCore
 * (Safari), since the labs run in every browser.
 */

const ENGINE_CLASSES = new Set(["TypeError", "RangeError", "ReferenceError", "InternalError", "SyntaxError"]);

const ENGINE_MESSAGES: readonly RegExp[] = [
  // Reading or writing through undefined/null (V8, SpiderMonkey, JavaScriptCore).
  /^Cannot (read|set) propert(y|ies) of (undefined|null)/,
  /^can't access property .*, .* is (undefined|null)/,
  /^(undefined|null) is not an object/,
  /^.* is (undefined|null)$/,
  /^.* has no properties$/,
  /^Cannot (convert undefined or null to object|destructure)/,
  /^can't convert (undefined|null) to object/,
  /^Cannot create property .* on (number|string|boolean)/,
  /^Cannot use 'in' operator/,
  // Calling, constructing or iterating the wrong thing.
  /is not a (function|constructor)\b/,
  /is not iterable/,
  /^Class constructor .* cannot be invoked without 'new'/,
  /^Right-hand side of 'instanceof'/,
  /^(Cannot (read|write) private member|Private field .* must be declared)/,
  // Names and bindings (ReferenceError).
  /is not defined$/,
  /^Can't find variable/,
  /^Cannot access '.*' before initialization/,
  /^can't access lexical declaration/,
  /^(Assignment to constant variable|invalid assignment to const)/,
  /^(Cannot assign to read only property|Cannot add property .*, object is not extensible)/,
  // Limits of the engine: stack, arrays, strings, buffers.
  /^(Maximum call stack size exceeded|too much recursion)/,
  /^(Invalid (typed )?array length|invalid array length|Array size is not a small enough positive integer)/,
  /^(Invalid string length|Invalid count value|Array buffer allocation failed|Out of memory)/,
  /^(Reduce of empty array with no initial value|reduce of empty array with no initial value)/,
  /^(offset is out of bounds|Source is too large|Start offset .* is outside the bounds of the buffer)/,
  /^Invalid typed array length/,
  /^Cannot mix BigInt and other types/,
];

/** The error text as the harness reports it: "TypeError: Cannot read…" (see thrownMessage in the kit). */
export function isCrash(thrown: string): boolean {
  const colon = thrown.indexOf(": ");
  if (colon < 0) return false;
  // The engine throws only its own classes; a learner's HpackError is deliberate whatever it says.
  if (!ENGINE_CLASSES.has(thrown.slice(0, colon))) return false;
  const message = thrown.slice(colon + 2);
  return ENGINE_MESSAGES.some((pattern) => pattern.test(message));
}

/** A thrown value that is not an Error at all (`throw "bad"`): the instructions ask for an Error. */
export function isNotAnError(thrown: string): boolean {
  return thrown.startsWith("a non-Error value");
}
