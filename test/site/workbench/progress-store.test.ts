import { describe, expect, it } from "vitest";
import {
  PROGRESS_KEY,
  exportProgress,
  importProgress,
  labProgress,
  loadProgress,
  markVisited,
  recordAnswer,
  recordReveal,
  recordTests,
  saveCode,
  type TestRecord,
} from "#site/progress/store.ts";

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
    this.#items.set(key, String(value));
  }
}

const record = (score: number, suite: TestRecord["suite"] = "all"): TestRecord => ({ passed: 1, total: 2, score, maxScore: 10, suite, at: "2026-11-21T00:00:00Z" });

describe("the learner's progress", () => {
  it("keeps code, test runs, the best grade, quiz answers and chapters read", () => {
    const storage = new MemoryStorage();
    saveCode("arq", "export class Sender {}", storage);
    recordTests("arq", record(7), storage);
    recordTests("arq", record(4), storage);
    recordTests("arq", record(9, "public"), storage);
    recordAnswer("tcp-udp-udp", 2, 1, true, storage);
    markVisited("tcp-udp/udp", storage);
    const lab = labProgress("arq", storage);
    expect(lab.code).toBe("export class Sender {}");
    expect(lab.lastTest?.score).toBe(9);
    expect(lab.bestGrade?.score).toBe(7);
    const progress = loadProgress(storage);
    expect(progress.quizzes["tcp-udp-udp"]).toEqual({ answers: { 2: 1 }, correct: { 2: true }, tried: { 2: [1] } });
    expect(Object.keys(progress.visited)).toEqual(["tcp-udp/udp"]);
  });

  it("scores a quiz question by its first attempt and keeps every attempt and a reveal", () => {
    const storage = new MemoryStorage();
    recordAnswer("q", 0, 2, false, storage, { page: "tcp-udp/udp", questions: 3 });
    recordAnswer("q", 0, 1, true, storage);
    recordAnswer("q", 1, 0, false, storage);
    recordReveal("q", 1, storage);
    const quiz = loadProgress(storage).quizzes["q"];
    expect(quiz).toEqual({
      answers: { 0: 2, 1: 0 },
      correct: { 0: false, 1: false },
      tried: { 0: [2, 1], 1: [0] },
      revealed: { 1: true },
      page: "tcp-udp/udp",
      questions: 3,
    });
    // It survives an export and import, field by field.
    const there = new MemoryStorage();
    importProgress(exportProgress(storage), there);
    expect(loadProgress(there).quizzes["q"]).toEqual(quiz);
  });

  it("moves everything to another browser through an exported file", () => {
    const here = new MemoryStorage();
    saveCode("framing", "// mine", here);
    recordAnswer("q", 0, 3, false, here);
    const there = new MemoryStorage();
    importProgress(exportProgress(here), there);
    expect(loadProgress(there)).toEqual(loadProgress(here));
  });

  it("refuses a file that is not progress and changes nothing", () => {
    const storage = new MemoryStorage();
    saveCode("arq", "keep me", storage);
    expect(() => importProgress("not json", storage)).toThrow(/not JSON/);
    expect(() => importProgress('{"version": 2}', storage)).toThrow(/not a Wirelab progress file/);
    expect(labProgress("arq", storage).code).toBe("keep me");
  });

  it("keeps what is valid in a hand-edited file and drops the rest", () => {
    const storage = new MemoryStorage();
    importProgress(JSON.stringify({ version: 1, labs: { arq: { code: 5, lastTest: { passed: "x" } }, ok: { code: "c" } }, visited: { a: 1 } }), storage);
    expect(loadProgress(storage)).toEqual({ version: 1, labs: { arq: {}, ok: { code: "c" } }, quizzes: {}, visited: {} });
  });

  it("sets unreadable stored progress aside instead of losing it", () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, "{broken");
    expect(loadProgress(storage).labs).toEqual({});
    expect(storage.getItem("wirelab.progress.unreadable")).toBe("{broken");
  });
});
