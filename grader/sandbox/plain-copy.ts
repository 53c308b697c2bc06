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
/** Arrays up to this length are copied index by index; longer ones by their own keys (a sparse one has few). */
const INDEX_WALK_MAX = 2 ** 16;

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
    return { ok: true, copy: copier.copy(value) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
}

/*
 * Results run to hundreds of thousands of items, so the copier is careful
 * with what it does per item: the path ("the result[3].frames") is kept as
 * a stack of keys and written out only for a refusal, and no check throws
 * for an ordinary value (a caught TypeError costs a stack capture).
 */
class Copier {
  readonly #maxBytes: number;
  readonly #ancestors = new Set<object>();
  /** The keys from the root to the item being copied, and whether each indexes an array. */
  readonly #keys: Array<string | number> = [];
  readonly #inArray: boolean[] = [];
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  copy(item: unknown): unknown {
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
        throw this.#refuse("is a symbol");
      case "function":
        throw this.#refuse("is a function");
    }
    if (item === null) return null;
    if (this.#keys.length >= MAX_RESULT_DEPTH) throw this.#refuse(`is nested more than ${MAX_RESULT_DEPTH} levels deep`);
    const object = item as object;
    if (isProxy(object)) throw this.#refuse("is a proxy");
    const array = isArray(object);
    const prototype = getPrototypeOf(object);
    const plain = array || prototype === Object.prototype || prototype === null;
    if (!array) {
      // An ArrayBuffer is recognised by a getter that throws for anything else, so only objects that
      // are not plain are asked; one whose prototype was swapped for Object.prototype is copied as {}.
      const binary = this.#copyBinary(object, !plain);
      if (binary !== undefined) return binary;
    }
    if (!plain) {
      const name = className(object);
      throw this.#refuse(`is ${name === undefined ? "not a plain object" : `a ${name}`}`);
    }
    if (this.#ancestors.has(object)) throw this.#refuse("refers back to itself");
    this.#ancestors.add(object);
    const copy = array ? this.#copyArray(object as unknown[]) : this.#copyObject(object);
    this.#ancestors.delete(object);
    return copy;
  }

  /** Array elements by index (holes stay holes); other properties of an array are not data. */
  #copyArray(array: readonly unknown[]): unknown[] {
    const length = getOwnPropertyDescriptor(array, "length")!.value as number;
    const copy: unknown[] = [];
    if (length <= INDEX_WALK_MAX) {
      // Index by index (a hole has no descriptor): no key strings to make for a short array.
      for (let index = 0; index < length; index++) {
        const descriptor = getOwnPropertyDescriptor(array, index);
        if (descriptor !== undefined) this.#copyElement(copy, index, descriptor);
      }
    } else {
      // A long array may be sparse: only the indices it has.
      for (const key of ownKeys(array)) {
        if (typeof key === "string" && isIndex(key)) this.#copyElement(copy, Number(key), getOwnPropertyDescriptor(array, key));
      }
    }
    copy.length = length;
    return copy;
  }

  /** Copies element `index` into `copy`, which holds the elements before it. */
  #copyElement(copy: unknown[], index: number, descriptor: PropertyDescriptor | undefined): void {
    const value = this.#copyEntry(descriptor, index, true);
    // In order without holes (the usual case) the copy grows by one; frozen intrinsics mean no setter can intervene.
    if (copy.length === index) copy.push(value);
    else defineProperty(copy, index, { value, writable: true, enumerable: true, configurable: true });
  }

  #copyObject(object: object): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const key of ownKeys(object)) {
      if (typeof key !== "string") continue;
      const descriptor = getOwnPropertyDescriptor(object, key);
      if (descriptor?.enumerable !== true) continue;
      const value = this.#copyEntry(descriptor, key, false);
      // defineProperty: a key named "__proto__" stays an ordinary property.
      defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return copy;
  }

  /** The copy of one property's value; a getter is refused (running it would run someone's code). */
  #copyEntry(descriptor: PropertyDescriptor | undefined, key: string | number, inArray: boolean): unknown {
    this.#keys.push(key);
    this.#inArray.push(inArray);
    if (descriptor !== undefined && !("value" in descriptor)) throw this.#refuse("is a getter");
    const value = this.copy(descriptor?.value);
    this.#keys.pop();
    this.#inArray.pop();
    return value;
  }

  /** A typed array, DataView or ArrayBuffer (`mayBeBuffer`) copied into a new buffer; undefined for anything else. */
  #copyBinary(object: object, mayBeBuffer: boolean): unknown {
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
    if (mayBeBuffer && isArrayBuffer(object)) {
      const length = call<number>(arrayBufferByteLength, object);
      this.#count(length);
      return copyBytes(object, 0, length);
    }
    return undefined;
  }

  #count(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > this.#maxBytes) throw this.#refuse(`it is larger than ${Math.round(this.#maxBytes / 2 ** 20)} MiB`, false);
  }

  /** A refusal naming where the item is ("the result[2].frames is a getter"), or, with `where` false, as given. */
  #refuse(problem: string, where = true): Refused {
    if (!where) return new Refused(problem);
    const path = this.#keys.map((key, i) => (this.#inArray[i] ? `[${key}]` : `.${key}`)).join("");
    return new Refused(`the result${path} ${problem}`);
  }
}

/** `length` bytes of `buffer` from `offset`, in a new ArrayBuffer (no species: the views are ours). */
function copyBytes(buffer: ArrayBuffer, offset: number, length: number): ArrayBuffer {
  const copy = new Uint8Array(length);
  Reflect.apply(typedArraySet, copy, [new Uint8Array(buffer, offset, length)]);
  return copy.buffer;
}

/** A canonical array index ("0", "17"; not "01" or "4294967295"), checked without a RegExp (slow once frozen). */
function isIndex(key: string): boolean {
  const length = key.length;
  if (length === 0 || length > 10) return false;
  const first = key.charCodeAt(0);
  if (first === 0x30) return length === 1;
  if (first < 0x31 || first > 0x39) return false;
  for (let i = 1; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return Number(key) < 2 ** 32 - 1;
}
