/**
 * mark-visited.ts records a chapter as read once its end has come into view
 * (not when it opened), once, and survives storage that fails.
 */
import { afterEach, describe, expect, it } from "vitest";
import { markSlugs, markWhenReadThrough } from "#site/home/mark-visited.ts";
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

/** Just enough of chapter ends: elements with a `data-visited-slug`. */
function endsOf(...slugs: string[]): HTMLElement[] {
  return slugs.map((slug) => ({ dataset: { visitedSlug: slug } }) as unknown as HTMLElement);
}

/** Just enough of a document holding those ends. */
function pageDeclaring(...slugs: string[]): ParentNode {
  const elements = endsOf(...slugs);
  return { querySelectorAll: () => elements } as unknown as ParentNode;
}

/** An IntersectionObserver the test drives: `scrollTo(target)` reports that target in view. */
class FakeObserver {
  static last: FakeObserver | undefined;
  readonly watched = new Set<unknown>();
  readonly callback: (entries: { isIntersecting: boolean; target: unknown }[]) => void;
  constructor(callback: (entries: { isIntersecting: boolean; target: unknown }[]) => void) {
    this.callback = callback;
    FakeObserver.last = this;
  }
  observe(target: unknown): void {
    this.watched.add(target);
  }
  unobserve(target: unknown): void {
    this.watched.delete(target);
  }
  report(target: unknown, isIntersecting: boolean): void {
    this.callback([{ isIntersecting, target }]);
  }
}

const original = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
afterEach(() => {
  if (original) Object.defineProperty(globalThis, "localStorage", original);
  else delete (globalThis as { localStorage?: Storage }).localStorage;
});

function useStorage(storage: Storage): void {
  Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true, writable: true });
}

describe("markWhenReadThrough", () => {
  it("marks a chapter read only once its end has come into view", () => {
    const storage = new MemoryStorage();
    useStorage(storage);
    const saved = Object.getOwnPropertyDescriptor(globalThis, "IntersectionObserver");
    Object.defineProperty(globalThis, "IntersectionObserver", { value: FakeObserver, configurable: true, writable: true });
    try {
      const page = pageDeclaring("tcp-udp/udp");
      markWhenReadThrough(page);
      // Opened, not read: nothing recorded yet.
      expect(loadProgress(storage).visited).toEqual({});
      const [end] = page.querySelectorAll("[data-visited-slug]") as unknown as HTMLElement[];
      FakeObserver.last!.report(end, false);
      expect(loadProgress(storage).visited).toEqual({});
      FakeObserver.last!.report(end, true);
      expect(Object.keys(loadProgress(storage).visited)).toEqual(["tcp-udp/udp"]);
      expect(FakeObserver.last!.watched.size).toBe(0);
    } finally {
      if (saved) Object.defineProperty(globalThis, "IntersectionObserver", saved);
      else delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
    }
  });
});

describe("markSlugs", () => {
  it("marks the declared chapter as read, keeping the first time", () => {
    const storage = new MemoryStorage();
    useStorage(storage);
    expect(markSlugs(endsOf("tcp-udp/streams"))).toEqual(["tcp-udp/streams"]);
    const first = loadProgress(storage).visited["tcp-udp/streams"];
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
    markSlugs(endsOf("tcp-udp/streams"));
    expect(loadProgress(storage).visited["tcp-udp/streams"]).toBe(first);
  });

  it("does nothing on a page that is not a chapter", () => {
    const storage = new MemoryStorage();
    useStorage(storage);
    expect(markSlugs(endsOf())).toEqual([]);
    expect(markSlugs(endsOf(""))).toEqual([]);
    expect(storage.length).toBe(0);
  });

  it("keeps going when storage refuses to write", () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    useStorage(storage);
    expect(() => markSlugs(endsOf("tcp-udp/udp"))).not.toThrow();
  });
});
