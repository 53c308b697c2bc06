/** The compiled code the workbench keeps for the chapters' "Use my code" (site/src/progress/compiled-code.ts). */
import { describe, expect, it } from "vitest";
import { saveCompiled, savedCode } from "#site/progress/compiled-code.ts";
import { exportProgress, importProgress, saveCode } from "#site/progress/store.ts";

/** localStorage's interface, in memory. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

describe("compiled code for the chapters", () => {
  it("is none without saved code, stale until compiled, ready after, and stale again after an edit", () => {
    const storage = new MemoryStorage();
    expect(savedCode("arq", storage)).toEqual({ state: "none" });
    saveCode("arq", "export const a = 1;", storage);
    expect(savedCode("arq", storage)).toEqual({ state: "stale" });
    saveCompiled("arq", "export const a = 1;", '"use strict";\nexports.a = 1;\n', storage);
    expect(savedCode("arq", storage)).toMatchObject({ state: "ready", js: '"use strict";\nexports.a = 1;\n' });
    saveCode("arq", "export const a = 2;", storage);
    expect(savedCode("arq", storage)).toEqual({ state: "stale" });
    expect(savedCode("congestion", storage)).toEqual({ state: "none" });
  });

  it("travels with an exported progress file, and a malformed record is dropped", () => {
    const storage = new MemoryStorage();
    saveCode("arq", "x", storage);
    saveCompiled("arq", "x", "js", storage);
    const other = new MemoryStorage();
    importProgress(exportProgress(storage), other);
    expect(savedCode("arq", other)).toMatchObject({ state: "ready", js: "js" });
    const file = JSON.parse(exportProgress(storage));
    file.labs.arq.compiled = { from: 3, js: "js" };
    importProgress(JSON.stringify(file), other);
    expect(savedCode("arq", other)).toEqual({ state: "stale" });
  });
});
