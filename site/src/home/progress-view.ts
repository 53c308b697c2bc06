/**
 * What the course map says about the learner's progress: a status line per
 * lab and chapter, a summary, and where to continue. Pure functions of the
 * stored progress and the map's steps in course order.
 */
import type { LabProgress, Progress } from "../progress/store.ts";

/** A chapter or a lab, in course order. */
export type Step =
  | { readonly kind: "chapter"; readonly id: string; readonly title: string; readonly href: string }
  | { readonly kind: "lab"; readonly id: string; readonly title: string; readonly href: string };

export type LabState = "not-started" | "started" | "tested" | "graded" | "complete";

export interface LabStatus {
  readonly state: LabState;
  readonly text: string;
}

/** One lab's status, in words. */
export function labStatus(lab: LabProgress | undefined): LabStatus {
  const best = lab?.bestGrade;
  if (best !== undefined) {
    const state = best.maxScore > 0 && best.score >= best.maxScore ? "complete" : "graded";
    return { state, text: `Best grade ${formatPoints(best.score)} / ${formatPoints(best.maxScore)}` };
  }
  const last = lab?.lastTest;
  if (last !== undefined) return { state: "tested", text: `Last test: ${last.passed} of ${last.total} passed` };
  if (lab?.code !== undefined) return { state: "started", text: "Started, not tested yet" };
  return { state: "not-started", text: "Not started" };
}

/** True when the step needs nothing more: a chapter read, a lab with full marks. */
export function isDone(step: Step, progress: Progress): boolean {
  if (step.kind === "chapter") return progress.visited[step.id] !== undefined;
  return labStatus(progress.labs[step.id]).state === "complete";
}

/** Where to go next: the first step not done, or undefined when all are. */
export function nextStep(steps: readonly Step[], progress: Progress): Step | undefined {
  return steps.find((step) => !isDone(step, progress));
}

export interface ProgressSummary {
  readonly chaptersRead: number;
  readonly chapters: number;
  readonly labsGraded: number;
  readonly labsComplete: number;
  readonly labs: number;
  readonly questionsAnswered: number;
  readonly questionsRight: number;
  /** True when nothing at all is recorded yet. */
  readonly fresh: boolean;
}

export function summarise(steps: readonly Step[], progress: Progress): ProgressSummary {
  const chapters = steps.filter((step) => step.kind === "chapter");
  const labs = steps.filter((step) => step.kind === "lab");
  const states = labs.map((lab) => labStatus(progress.labs[lab.id]).state);
  const quizzes = Object.values(progress.quizzes);
  const questionsAnswered = quizzes.reduce((sum, quiz) => sum + Object.keys(quiz.answers).length, 0);
  const questionsRight = quizzes.reduce((sum, quiz) => sum + Object.values(quiz.correct).filter(Boolean).length, 0);
  const chaptersRead = chapters.filter((step) => progress.visited[step.id] !== undefined).length;
  const started = states.filter((state) => state !== "not-started").length;
  return {
    chaptersRead,
    chapters: chapters.length,
    labsGraded: states.filter((state) => state === "graded" || state === "complete").length,
    labsComplete: states.filter((state) => state === "complete").length,
    labs: labs.length,
    questionsAnswered,
    questionsRight,
    fresh: chaptersRead === 0 && started === 0 && questionsAnswered === 0,
  };
}

/** The summary in one sentence. */
export function summaryText(summary: ProgressSummary): string {
  if (summary.fresh) return "Nothing recorded yet in this browser: your progress will show here as you read and work through the labs.";
  const parts = [
    `${summary.chaptersRead} of ${summary.chapters} ${summary.chapters === 1 ? "chapter" : "chapters"} read`,
    `${summary.labsGraded} of ${summary.labs} ${summary.labs === 1 ? "lab" : "labs"} graded (${summary.labsComplete} with full marks)`,
    `${summary.questionsAnswered} quiz ${summary.questionsAnswered === 1 ? "question" : "questions"} answered, ${summary.questionsRight} right`,
  ];
  return `So far: ${parts.join("; ")}.`;
}

function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}
