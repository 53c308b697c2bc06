import { types } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { plainCopy } from "#grader/sandbox/plain-copy.ts";
import { recogniseProxiesWith } from "#grader/sandbox/kinds.ts";

beforeAll(() => recogniseProxiesWith((value) => types.isProxy(value)));

const refusal = (value: unknown) => {
  const copied = plainCopy(value, 2 ** 20);
  return copied.ok ? undefined : copied.problem;
};

describe("plainCopy", () => {
  it("copies plain data into fresh objects, holes and binary kinds included", () => {
    const sparse: unknown[] = [1];
    sparse[3] = "x";
    const value = { list: [1, "a", null, undefined, 2n, true], sparse, bytes: Uint8Array.of(1, 2), view: new DataView(new ArrayBuffer(2)), buffer: new ArrayBuffer(3) };
    const copied = plainCopy(value, 2 ** 20);
    if (!copied.ok) throw new Error(copied.problem);
    const copy = copied.copy as typeof value;
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.list).not.toBe(value.list);
    expect(copy.sparse.length).toBe(4);
    expect(1 in copy.sparse).toBe(false);
    expect(copy.bytes).not.toBe(value.bytes);
    expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
    expect(copy.buffer.byteLength).toBe(3);
  });

  it("keeps __proto__ as an ordinary key and drops an array's other properties", () => {
    const object = JSON.parse('{"__proto__": 5}') as object;
    const array = Object.assign([7], { extra: 1 });
    const copied = plainCopy({ object, array }, 2 ** 20);
    if (!copied.ok) throw new Error(copied.problem);
    const copy = copied.copy as { object: object; array: unknown[] };
    expect(Object.getOwnPropertyDescriptor(copy.object, "__proto__")?.value).toBe(5);
    expect(Object.keys(copy.array)).toEqual(["0"]);
  });

  it("names where a refused item is", () => {
    const getter = { get x() { return 1; } };
    expect(refusal({ frames: [1, 2, () => 0] })).toBe("the result.frames[2] is a function");
    expect(refusal([{ a: [getter] }])).toBe("the result[0].a[0].x is a getter");
    expect(refusal({ s: Symbol("s") })).toBe("the result.s is a symbol");
    expect(refusal({ when: new Date(0) })).toBe("the result.when is a Date");
    expect(refusal(new Proxy({}, {}))).toBe("the result is a proxy");
    const loop: { self?: unknown } = {};
    loop.self = loop;
    expect(refusal(loop)).toBe("the result.self refers back to itself");
    expect(refusal({ big: "x".repeat(2 ** 20) })).toBe("it is larger than 1 MiB");
  });

  it("copies a long array, sparse or not, by the indices it has", () => {
    const sparse: unknown[] = [];
    sparse[5] = "a";
    sparse[100_000] = "b";
    sparse.length = 2 ** 20;
    const dense = Array.from({ length: 70_000 }, (_, i) => i);
    const copied = plainCopy({ sparse, dense }, 2 ** 24);
    if (!copied.ok) throw new Error(copied.problem);
    const copy = copied.copy as { sparse: unknown[]; dense: number[] };
    expect(copy.sparse.length).toBe(2 ** 20);
    expect(Object.keys(copy.sparse)).toEqual(["5", "100000"]);
    expect(copy.dense).toEqual(dense);
    Object.defineProperty(dense, 69_999, { get: () => 0 });
    expect(refusal({ dense })).toBe("the result.dense[69999] is a getter");
  });

  it("refuses deep nesting at the limit, naming the path", () => {
    let deep: unknown = 0;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(refusal(deep)).toBe(`the result${"[0]".repeat(200)} is nested more than 200 levels deep`);
  });
});
