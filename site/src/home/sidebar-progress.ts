/**
 * Shows the learner's progress in the sidebar: a mark behind each chapter
 * read, its quiz's first-try score, and each lab's best grade or last test.
 * Progress lives in this browser only, so the marks are added here, and
 * again whenever progress changes (this tab or another).
 */
import { loadProgress, PROGRESS_EVENT, PROGRESS_KEY, type Progress } from "../progress/store.ts";
import { labStatus } from "./progress-view.ts";

/** What the mark behind one sidebar link says: shown text and the words a screen reader hears. */
export interface Mark {
  readonly shown: string;
  readonly spoken: string;
}

/** The mark for the page at `href` ("/tcp-udp/udp/", "/labs/arq/"), or undefined for none. */
export function markFor(href: string, progress: Progress): Mark | undefined {
  const id = href.replace(/^\/+|\/+$/g, "");
  const lab = /^labs\/([^/]+)$/.exec(id)?.[1];
  if (lab !== undefined) {
    const status = labStatus(progress.labs[lab]);
    if (status.state === "not-started") return undefined;
    const best = progress.labs[lab]?.bestGrade;
    if (best !== undefined && best.maxScore > 0) {
      const percent = Math.floor((100 * best.score) / best.maxScore);
      return { shown: status.state === "complete" ? "✓" : `${percent}%`, spoken: status.text };
    }
    return { shown: "…", spoken: status.text };
  }
  const parts: Mark[] = [];
  if (progress.visited[id] !== undefined) parts.push({ shown: "✓", spoken: "read" });
  for (const quiz of Object.values(progress.quizzes)) {
    if (quiz.page !== id || quiz.questions === undefined) continue;
    const right = Object.values(quiz.correct).filter(Boolean).length;
    const answered = Object.keys(quiz.answers).length;
    parts.push({ shown: `${right}/${quiz.questions}`, spoken: `quiz: ${right} of ${quiz.questions} right on the first try, ${answered} answered` });
  }
  if (parts.length === 0) return undefined;
  return { shown: parts.map((part) => part.shown).join(" "), spoken: parts.map((part) => part.spoken).join("; ") };
}

export function showProgressInSidebar(root: Document = document): void {
  const refresh = () => {
    let progress: Progress;
    try {
      progress = loadProgress();
    } catch {
      return; // No storage: no marks.
    }
    for (const link of root.querySelectorAll<HTMLAnchorElement>("#starlight__sidebar a[href]")) decorate(link, markFor(link.getAttribute("href") ?? "", progress));
  };
  refresh();
  window.addEventListener(PROGRESS_EVENT, refresh);
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key === PROGRESS_KEY) refresh();
  });
}

function decorate(link: HTMLAnchorElement, mark: Mark | undefined): void {
  let element = link.querySelector<HTMLElement>("[data-progress-mark]");
  if (mark === undefined) {
    element?.remove();
    return;
  }
  if (element === null) {
    element = document.createElement("span");
    element.className = "progress-mark";
    element.dataset.progressMark = "";
    const shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    const spoken = document.createElement("span");
    spoken.className = "sr-only";
    element.append(shown, spoken);
    link.append(element);
  }
  element.children[0]!.textContent = mark.shown;
  element.children[1]!.textContent = ` (${mark.spoken})`;
  element.title = mark.spoken;
}
