/** mark-visited.ts records the chapter a page declares, once, and survives storage that fails. */
import { afterEach, describe, expect, it } from "vitest";
import { markThisPageVisited } from "#site/home/mark-visited.ts";
import { loadProgress } from "#site/progress/store.ts";

/** A Storage in memory. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

/** Just enough of a document: elements with a `data-visited-slug`. */
function pageDeclaring(...slugs: string[]): ParentNode {
  const elements = slugs.map((slug) => ({ dataset: { visitedSlug: slug } }));
  return { querySelectorAll: () => elements } as unknown as ParentNode;
}

const original = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
afterEach(() => {
  if (original) Object.defineProperty(globalThis, "localStorage", original);
  else delete (globalThis as { localStorage?: Storage }).localStorage;
});

function useStorage(storage: Storage): void {
  Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true, writable: true });
}

describe("markThisPageVisited", () => {
  it("marks the declared chapter as read, keeping the first time", () => {
    const storage = new MemoryStorage();
    useStorage(storage);
    expect(markThisPageVisited(pageDeclaring("tcp-udp/streams"))).toEqual(["tcp-udp/streams"]);
    const first = loadProgress(storage).visited["tcp-udp/streams"];
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
    markThisPageVisited(pageDeclaring("tcp-udp/streams"));
    expect(loadProgress(storage).visited["tcp-udp/streams"]).toBe(first);
  });

  it("does nothing on a page that is not a chapter", () => {
    const storage = new MemoryStorage();
    useStorage(storage);
    expect(markThisPageVisited(pageDeclaring())).toEqual([]);
    expect(markThisPageVisited(pageDeclaring(""))).toEqual([]);
    expect(storage.length).toBe(0);
  });

  it("keeps going when storage refuses to write", () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    useStorage(storage);
    expect(() => markThisPageVisited(pageDeclaring("tcp-udp/udp"))).not.toThrow();
  });
});
