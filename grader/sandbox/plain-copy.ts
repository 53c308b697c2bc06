/**
 * The copy of a scenario's result that the realm sends back. The harness's
 * result may hold objects the learner's code made or can still reach
 * (through Symbol.species, a kept reference, a callback that runs later),
 * so the realm never sends it: it builds a fresh copy of plain data while
 * it checks it, and sends that. Building runs none of the learner's code:
 * own data properties are read through descriptors, arrays are rebuilt
 * element by element, typed arrays are copied into new buffers with the
 * intrinsic %TypedArray%.prototype.set (never slice/map/from, which consult
 * Symbol.species), and depth and size are capped so the grader's
 * deserialiser never meets a structure that could overflow its stack.
 * No Node or browser API: it runs in both sandboxes.
 */
import { className } from "./inspect.ts";
import { callGetter as call, intrinsicGetter, isArrayBuffer, isArrayBufferView, isProxy, isTypedArray } from "./kinds.ts";

/** Deeper results are refused (the grader's deserialiser recurses once per level). */
export const MAX_RESULT_DEPTH = 200;

const typedArrayPrototype = Reflect.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = intrinsicGetter(typedArrayPrototype, Symbol.toStringTag);
const typedArrayLength = intrinsicGetter(typedArrayPrototype, "length");
const typedArraySet = (typedArrayPrototype as { set: (source: ArrayLike<unknown>) => void }).set;
const dataViewBuffer = intrinsicGetter(DataView.prototype, "buffer");
const dataViewOffset = intrinsicGetter(DataView.prototype, "byteOffset");
const dataViewLength = intrinsicGetter(DataView.prototype, "byteLength");
const arrayBufferByteLength = intrinsicGetter(ArrayBuffer.prototype, "byteLength");
const isArray = Array.isArray;
const defineProperty = Reflect.defineProperty;
const ownKeys = Reflect.ownKeys;
const getOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
const getPrototypeOf = Reflect.getPrototypeOf;

type TypedArrayConstructor = new (length: number) => ArrayBufferView;

/** The intrinsic constructors by tag, captured now (the learner's realm shares them, frozen). */
const TYPED_ARRAYS: ReadonlyMap<string, TypedArrayConstructor> = new Map<string, TypedArrayConstructor>([
  ["Int8Array", Int8Array],
  ["Uint8Array", Uint8Array],
  ["Uint8ClampedArray", Uint8ClampedArray],
  ["Int16Array", Int16Array],
  ["Uint16Array", Uint16Array],
  ["Int32Array", Int32Array],
  ["Uint32Array", Uint32Array],
  ["Float32Array", Float32Array],
  ["Float64Array", Float64Array],
  ["BigInt64Array", BigInt64Array],
  ["BigUint64Array", BigUint64Array],
]);

/** A plain copy to send, or why the value cannot be sent. */
export type PlainCopy = { readonly ok: true; readonly copy: unknown } | { readonly ok: false; readonly problem: string };

class Refused {
  readonly problem: string;
  constructor(problem: string) {
    this.problem = problem;
  }
}

/**
 * A fresh copy of `value` made of JSON shapes and typed arrays (plus
 * undefined and bigint, which structured clone carries), at most
 * `maxBytes` large (roughly) and MAX_RESULT_DEPTH deep; or why it is not
 * plain data. Only own enumerable string-keyed data properties are copied;
 * a getter, a function, a proxy, a class instance or a cycle is refused.
 */
export function plainCopy(value: unknown, maxBytes: number): PlainCopy {
  const copier = new Copier(maxBytes);
  try {
    return { ok: true, copy: copier.copy(value, "the result", 0) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
}

class Copier {
  readonly #maxBytes: number;
  readonly #ancestors = new Set<object>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  copy(item: unknown, path: string, depth: number): unknown {
    this.#count(8);
    switch (typeof item) {
      case "string":
        this.#count(item.length * 2);
        return item;
      case "number":
      case "boolean":
      case "bigint":
      case "undefined":
        return item;
      case "symbol":
        throw new Refused(`${path} is a symbol`);
      case "function":
        throw new Refused(`${path} is a function`);
    }
    if (item === null) return null;
    if (depth >= MAX_RESULT_DEPTH) throw new Refused(`${path} is nested more than ${MAX_RESULT_DEPTH} levels deep`);
    const object = item as object;
    if (isProxy(object)) throw new Refused(`${path} is a proxy`);
    const array = isArray(object);
    if (!array) {
      const binary = this.#copyBinary(object);
      if (binary !== undefined) return binary;
    }
    const prototype = getPrototypeOf(object);
    if (!array && prototype !== Object.prototype && prototype !== null) {
      const name = className(object);
      throw new Refused(`${path} is ${name === undefined ? "not a plain object" : `a ${name}`}`);
    }
    if (this.#ancestors.has(object)) throw new Refused(`${path} refers back to itself`);
    this.#ancestors.add(object);
    const copy = array ? this.#copyArray(object as unknown[], path, depth) : this.#copyObject(object, path, depth);
    this.#ancestors.delete(object);
    return copy;
  }

  /** Array elements by index (holes stay holes); other properties of an array are not data. */
  #copyArray(array: readonly unknown[], path: string, depth: number): unknown[] {
    const length = getOwnPropertyDescriptor(array, "length")!.value as number;
    const copy: unknown[] = [];
    for (const key of ownKeys(array)) {
      if (typeof key !== "string" || !isIndex(key)) continue;
      const where = `${path}[${key}]`;
      defineProperty(copy, key, { value: this.copy(this.#dataValue(array, key, where), where, depth + 1), writable: true, enumerable: true, configurable: true });
    }
    copy.length = length;
    return copy;
  }

  #copyObject(object: object, path: string, depth: number): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const key of ownKeys(object)) {
      if (typeof key !== "string") continue;
      const descriptor = getOwnPropertyDescriptor(object, key)!;
      if (descriptor.enumerable !== true) continue;
      const where = `${path}.${key}`;
      const value = this.copy(this.#dataValue(object, key, where), where, depth + 1);
      // defineProperty: a key named "__proto__" stays an ordinary property.
      defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return copy;
  }

  #dataValue(object: object, key: string, where: string): unknown {
    const descriptor = getOwnPropertyDescriptor(object, key);
    if (descriptor === undefined) return undefined;
    if (!("value" in descriptor)) throw new Refused(`${where} is a getter`);
    return descriptor.value;
  }

  /** A typed array, DataView or ArrayBuffer copied into a new buffer; undefined for anything else. */
  #copyBinary(object: object): unknown {
    if (isTypedArray(object)) {
      const tag = call<string>(typedArrayTag, object);
      const length = call<number>(typedArrayLength, object);
      const Constructor = TYPED_ARRAYS.get(tag)!;
      this.#count((length * (Constructor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT) | 0);
      const copy = new Constructor(length);
      Reflect.apply(typedArraySet, copy, [object]);
      return copy;
    }
    if (isArrayBufferView(object)) {
      const buffer = call<ArrayBuffer>(dataViewBuffer, object);
      const length = call<number>(dataViewLength, object);
      this.#count(length);
      return new DataView(copyBytes(buffer, call<number>(dataViewOffset, object), length));
    }
    if (isArrayBuffer(object)) {
      const length = call<number>(arrayBufferByteLength, object);
      this.#count(length);
      return copyBytes(object, 0, length);
    }
    return undefined;
  }

  #count(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > this.#maxBytes) throw new Refused(`it is larger than ${Math.round(this.#maxBytes / 2 ** 20)} MiB`);
  }
}

/** `length` bytes of `buffer` from `offset`, in a new ArrayBuffer (no species: the views are ours). */
function copyBytes(buffer: ArrayBuffer, offset: number, length: number): ArrayBuffer {
  const copy = new Uint8Array(length);
  Reflect.apply(typedArraySet, copy, [new Uint8Array(buffer, offset, length)]);
  return copy.buffer;
}

/** A canonical array index ("0", "17"; not "01" or "4294967295"). */
function isIndex(key: string): boolean {
  if (key === "0") return true;
  if (!/^[1-9]\d{0,9}$/.test(key)) return false;
  return Number(key) < 2 ** 32 - 1;
}
