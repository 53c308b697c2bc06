/**
 * What kind of built-in object a value is, asked of the engine's internal
 * slots through intrinsic getters captured here, so none of the value's own
 * code runs (no getters, no proxy traps). Node has such checks in
 * `node:util`; a browser has none, so these are built from getters that
 * answer undefined, or throw, for an object without the slot. The same
 * code then serves both sandboxes.
 *
 * Proxies are the exception: nothing in the language tells a proxy from its
 * target. The realm says how to recognise them (realm.ts: Node's own check,
 * or the proxies the learner's compartment made) before anything is
 * inspected.
 */

type Getter = (this: unknown) => unknown;

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = intrinsicGetter(typedArrayPrototype, Symbol.toStringTag);
const arrayBufferByteLength = intrinsicGetter(ArrayBuffer.prototype, "byteLength");
const isView = ArrayBuffer.isView;

/** The getter of an intrinsic accessor property, captured before anyone can replace it. */
export function intrinsicGetter(target: object, key: PropertyKey): Getter {
  const getter = Object.getOwnPropertyDescriptor(target, key)?.get;
  if (getter === undefined) throw new Error(`No intrinsic getter for ${String(key)}`);
  return getter;
}

/** Calls an intrinsic getter on `target`. */
export function callGetter<T>(getter: Getter, target: unknown): T {
  return Reflect.apply(getter, target, []) as T;
}

/** True when `getter` accepts `target`: the built-ins throw a TypeError for an object without their slot. */
function hasSlot(getter: Getter, target: object): boolean {
  try {
    Reflect.apply(getter, target, []);
    return true;
  } catch {
    return false;
  }
}

/** A real typed array (the %TypedArray% tag getter answers undefined for anything else, proxies included). */
export function isTypedArray(value: object): value is ArrayBufferView {
  return callGetter(typedArrayTag, value) !== undefined;
}

/** A real ArrayBuffer (not a SharedArrayBuffer, not a proxy). */
export function isArrayBuffer(value: object): value is ArrayBuffer {
  return hasSlot(arrayBufferByteLength, value);
}

/** A real typed array or DataView. */
export function isArrayBufferView(value: object): value is ArrayBufferView {
  return isView(value);
}

let proxyCheck: ((value: object) => boolean) | undefined;

/** Sets how proxies are recognised; the realm calls this once, before anything is inspected. */
export function recogniseProxiesWith(check: (value: object) => boolean): void {
  proxyCheck = check;
}

/** True when `value` is a proxy, as far as the realm can tell. */
export function isProxy(value: object): boolean {
  // Guessing "not a proxy" would run traps; an unset check is a bug of the sandbox.
  if (proxyCheck === undefined) throw new Error("The sandbox inspected a value before it knew how to recognise proxies.");
  return proxyCheck(value);
}
