/**
 * The learner's progress, kept in this browser's localStorage under one key:
 * code per lab (saved on every edit), the best and latest test results per
 * lab, quiz answers and the chapters read. Export and import move all of it
 * as one JSON file. Every read copes with a missing, old or hand-edited
 * record: progress that cannot be read is kept aside under a backup key,
 * never silently thrown away.
 */

export const PROGRESS_KEY = "wirelab.progress.v1";
const BACKUP_KEY = "wirelab.progress.unreadable";
/** Fired on window (same tab) whenever progress changes; other tabs get the "storage" event. */
export const PROGRESS_EVENT = "wirelab:progress";

/** One run of a lab's tests. */
export interface TestRecord {
  readonly passed: number;
  readonly total: number;
  readonly score: number;
  readonly maxScore: number;
  /** "public": the Test button; "all": Grade (public and hidden). */
  readonly suite: "public" | "all";
  /** ISO time of the run. */
  readonly at: string;
}

export interface LabProgress {
  /** The learner's code; absent until the first edit. */
  code?: string;
  savedAt?: string;
  lastTest?: TestRecord;
  /** The best Grade score so far. */
  bestGrade?: TestRecord;
  /** The JavaScript of the code's last successful compile in the workbench (for the chapters' "Use my code": compiled-code.ts). */
  compiled?: CompiledCode;
}

/** Compiled learner code and a fingerprint of the source it came from, so a later edit shows it is out of date. */
export interface CompiledCode {
  /** Fingerprint of the TypeScript source (compiled-code.ts). */
  readonly from: string;
  readonly js: string;
}

export interface QuizProgress {
  /** Question index → the first answer checked (the score counts first attempts). */
  answers: Record<string, number>;
  /** Question index → whether that first answer was right. */
  correct: Record<string, boolean>;
  /** Question index → every answer checked, in order (absent in records from before retries). */
  tried?: Record<string, number[]>;
  /** Question index → true once the learner asked to see the right answer. */
  revealed?: Record<string, boolean>;
  /** The page the quiz is on (its entry id, as `visited` keys it) and its number of questions, for the sidebar. */
  page?: string;
  questions?: number;
}

export interface Progress {
  version: 1;
  labs: Record<string, LabProgress>;
  quizzes: Record<string, QuizProgress>;
  /** Chapter slug → ISO time first read. */
  visited: Record<string, string>;
}

export function emptyProgress(): Progress {
  return { version: 1, labs: {}, quizzes: {}, visited: {} };
}

/** Reads the stored progress (empty if none or unreadable). */
export function loadProgress(storage: Storage = localStorage): Progress {
  const text = storage.getItem(PROGRESS_KEY);
  if (text === null) return emptyProgress();
  const parsed = parseProgress(text);
  if (parsed.ok) return parsed.progress;
  storage.setItem(BACKUP_KEY, text);
  return emptyProgress();
}

/** Applies `change` to the stored progress and saves it. Returns the new progress. */
export function updateProgress(change: (progress: Progress) => void, storage: Storage = localStorage): Progress {
  const progress = loadProgress(storage);
  change(progress);
  storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  if (typeof window !== "undefined") window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return progress;
}

export function labProgress(id: string, storage: Storage = localStorage): LabProgress {
  return loadProgress(storage).labs[id] ?? {};
}

/** Saves the learner's code for lab `id`. */
export function saveCode(id: string, code: string, storage: Storage = localStorage): void {
  updateProgress((progress) => {
    const lab = (progress.labs[id] ??= {});
    lab.code = code;
    lab.savedAt = new Date().toISOString();
  }, storage);
}

/** Records a test run; a Grade run also updates the best grade. */
export function recordTests(id: string, record: TestRecord, storage: Storage = localStorage): void {
  updateProgress((progress) => {
    const lab = (progress.labs[id] ??= {});
    lab.lastTest = record;
    if (record.suite === "all" && (lab.bestGrade === undefined || record.score >= lab.bestGrade.score)) lab.bestGrade = record;
  }, storage);
}

/** Where a quiz is, for the sidebar's progress marks. */
export interface QuizPlace {
  readonly page: string;
  readonly questions: number;
}

/**
 * Records an answer checked for question `question` of quiz `quiz`. Only the
 * first one counts for the score; every one is kept so the quiz shows the
 * same state after a reload.
 */
export function recordAnswer(
  quiz: string,
  question: number,
  choice: number,
  correct: boolean,
  storage: Storage = localStorage,
  place?: QuizPlace,
): void {
  updateProgress((progress) => {
    const entry = (progress.quizzes[quiz] ??= { answers: {}, correct: {} });
    const key = String(question);
    if (entry.answers[key] === undefined) {
      entry.answers[key] = choice;
      entry.correct[key] = correct;
    }
    const tried = ((entry.tried ??= {})[key] ??= []);
    if (!tried.includes(choice)) tried.push(choice);
    if (place !== undefined) {
      entry.page = place.page;
      entry.questions = place.questions;
    }
  }, storage);
}

/** Records that the learner asked to see the right answer of a question. */
export function recordReveal(quiz: string, question: number, storage: Storage = localStorage): void {
  updateProgress((progress) => {
    const entry = (progress.quizzes[quiz] ??= { answers: {}, correct: {} });
    (entry.revealed ??= {})[String(question)] = true;
  }, storage);
}

/** Marks a chapter as read (the first time only). */
export function markVisited(slug: string, storage: Storage = localStorage): void {
  if (loadProgress(storage).visited[slug] !== undefined) return;
  updateProgress((progress) => {
    progress.visited[slug] = new Date().toISOString();
  }, storage);
}

/** The whole progress as a file's text. */
export function exportProgress(storage: Storage = localStorage): string {
  return JSON.stringify({ wirelab: "progress", ...loadProgress(storage) }, null, 2);
}

/**
 * Replaces the stored progress with an exported file's. Throws an Error
 * saying what is wrong (and changes nothing) if the text is not one.
 */
export function importProgress(text: string, storage: Storage = localStorage): Progress {
  const parsed = parseProgress(text);
  if (!parsed.ok) throw new Error(parsed.error);
  storage.setItem(PROGRESS_KEY, JSON.stringify(parsed.progress));
  if (typeof window !== "undefined") window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return parsed.progress;
}

type Parsed = { ok: true; progress: Progress } | { ok: false; error: string };

/** Checks the shape field by field, keeping what is valid. */
export function parseProgress(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: "This file is not JSON, so it is not a Wirelab progress file." };
  }
  if (!isRecord(data) || data.version !== 1) {
    return { ok: false, error: "This is not a Wirelab progress file (version 1 expected)." };
  }
  const progress = emptyProgress();
  for (const [id, lab] of entries(data.labs)) {
    if (!isRecord(lab)) continue;
    const kept: LabProgress = {};
    if (typeof lab.code === "string") kept.code = lab.code;
    if (typeof lab.savedAt === "string") kept.savedAt = lab.savedAt;
    if (isTestRecord(lab.lastTest)) kept.lastTest = lab.lastTest;
    if (isTestRecord(lab.bestGrade)) kept.bestGrade = lab.bestGrade;
    if (isRecord(lab.compiled) && typeof lab.compiled.from === "string" && typeof lab.compiled.js === "string") {
      kept.compiled = { from: lab.compiled.from, js: lab.compiled.js };
    }
    progress.labs[id] = kept;
  }
  for (const [id, quiz] of entries(data.quizzes)) {
    if (!isRecord(quiz)) continue;
    const answers = Object.fromEntries(entries(quiz.answers).filter(([, v]) => typeof v === "number")) as Record<string, number>;
    const correct = Object.fromEntries(entries(quiz.correct).filter(([, v]) => typeof v === "boolean")) as Record<string, boolean>;
    const kept: QuizProgress = { answers, correct };
    const tried = entries(quiz.tried).filter(([, v]) => Array.isArray(v) && v.every((n) => typeof n === "number")) as [string, number[]][];
    if (tried.length > 0) kept.tried = Object.fromEntries(tried);
    const revealed = entries(quiz.revealed).filter(([, v]) => v === true) as [string, boolean][];
    if (revealed.length > 0) kept.revealed = Object.fromEntries(revealed);
    if (typeof quiz.page === "string") kept.page = quiz.page;
    if (typeof quiz.questions === "number") kept.questions = quiz.questions;
    progress.quizzes[id] = kept;
  }
  for (const [slug, at] of entries(data.visited)) if (typeof at === "string") progress.visited[slug] = at;
  return { ok: true, progress };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

function isTestRecord(value: unknown): value is TestRecord {
  return (
    isRecord(value) &&
    ["passed", "total", "score", "maxScore"].every((key) => typeof value[key] === "number") &&
    (value.suite === "public" || value.suite === "all") &&
    typeof value.at === "string"
  );
}
