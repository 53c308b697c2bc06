/**
 * Decorates the server-rendered course map (CourseMap.astro) with the
 * learner's progress from this browser: a status on every lab and chapter,
 * a summary and a "Continue" link. Runs again whenever progress changes,
 * in this tab (PROGRESS_EVENT) or another ("storage").
 */
import { loadProgress, PROGRESS_EVENT, PROGRESS_KEY, type Progress } from "../progress/store.ts";
import { isDone, labStatus, nextStep, summarise, summaryText, type Step } from "./progress-view.ts";

/** Finds every course map on the page and keeps it up to date. */
export function setUpCourseMaps(root: Document = document): void {
  const maps = [...root.querySelectorAll<HTMLElement>("[data-course-map]")];
  if (maps.length === 0) return;
  const refresh = () => {
    const progress = safeLoad();
    for (const map of maps) decorate(map, progress);
  };
  refresh();
  window.addEventListener(PROGRESS_EVENT, refresh);
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key === PROGRESS_KEY) refresh();
  });
}

/** The steps of a map, in document (course) order. */
export function stepsOf(map: HTMLElement): Step[] {
  return [...map.querySelectorAll<HTMLElement>("[data-step]")].flatMap((element): Step[] => {
    const link = element.querySelector<HTMLAnchorElement>("a[href]");
    const title = element.dataset.title ?? link?.textContent?.trim() ?? "";
    const href = link?.getAttribute("href") ?? "#";
    if (element.dataset.chapter !== undefined) return [{ kind: "chapter", id: element.dataset.chapter, title, href }];
    if (element.dataset.lab !== undefined) return [{ kind: "lab", id: element.dataset.lab, title, href }];
    return [];
  });
}

export function decorate(map: HTMLElement, progress: Progress): void {
  const steps = stepsOf(map);
  for (const element of map.querySelectorAll<HTMLElement>("[data-step]")) {
    const status = element.querySelector<HTMLElement>("[data-status]");
    if (element.dataset.lab !== undefined) {
      const lab = labStatus(progress.labs[element.dataset.lab]);
      element.dataset.state = lab.state;
      if (status !== null) status.textContent = lab.text;
    } else if (element.dataset.chapter !== undefined) {
      const read = isDone({ kind: "chapter", id: element.dataset.chapter, title: "", href: "" }, progress);
      element.dataset.state = read ? "read" : "unread";
      if (status !== null) status.textContent = read ? "Read" : "";
    }
  }
  const summary = summarise(steps, progress);
  const summaryElement = map.querySelector<HTMLElement>("[data-progress-summary]");
  if (summaryElement !== null) summaryElement.textContent = summaryText(summary);
  const next = nextStep(steps, progress);
  const link = map.querySelector<HTMLAnchorElement>("[data-continue]");
  const label = map.querySelector<HTMLElement>("[data-continue-label]");
  if (link === null) return;
  if (next === undefined) {
    link.hidden = true;
    if (label !== null) label.textContent = steps.length === 0 ? "" : "You have read every chapter and finished every lab published so far.";
    return;
  }
  link.hidden = false;
  link.href = next.href;
  link.textContent = next.title;
  if (label !== null) label.textContent = summary.fresh ? "Start with" : "Continue with";
}

/** Progress, or none if this browser's storage cannot be read (private mode, disabled storage). */
function safeLoad(): Progress {
  try {
    return loadProgress();
  } catch {
    return { version: 1, labs: {}, quizzes: {}, visited: {} };
  }
}
