/**
 * Marks the chapter being read as read in the learner's progress, which the
 * course map on the home page and the sidebar show. Opening a chapter is not
 * reading it: the mark is made once the chapter's end (a `data-visited-slug`
 * element MarkChapter.astro puts after its content) has come into view. The
 * slug is the page's entry id, the key the course map looks up.
 */
import { markVisited } from "../progress/store.ts";

/** Calls markVisited for every chapter slug in `ends`; returns the slugs. */
export function markSlugs(ends: readonly HTMLElement[]): string[] {
  const slugs = ends.map((element) => element.dataset.visitedSlug ?? "").filter((slug) => slug !== "");
  for (const slug of slugs) {
    try {
      markVisited(slug);
    } catch {
      // Storage may be unavailable (private mode, quota): reading goes on regardless.
    }
  }
  return slugs;
}

/** Watches each chapter end on the page and marks its chapter read when it scrolls into view. */
export function markWhenReadThrough(root: ParentNode = document): void {
  const ends = [...root.querySelectorAll<HTMLElement>("[data-visited-slug]")];
  if (ends.length === 0) return;
  const observer = new IntersectionObserver((seen) => {
    const reached = seen.filter((entry) => entry.isIntersecting).map((entry) => entry.target as HTMLElement);
    if (reached.length === 0) return;
    markSlugs(reached);
    for (const end of reached) observer.unobserve(end);
  });
  for (const end of ends) observer.observe(end);
}
