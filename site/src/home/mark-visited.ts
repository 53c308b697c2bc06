/**
 * Marks the chapter being read as visited in the learner's progress, which
 * the course map on the home page shows as "Read". The page names its
 * chapter in a `data-visited-slug` element (MarkChapter.astro renders it);
 * the slug is the page's entry id, the key the course map looks up.
 */
import { markVisited } from "../progress/store.ts";

/** Calls markVisited for every chapter slug the page declares; returns the slugs. */
export function markThisPageVisited(root: ParentNode = document): string[] {
  const slugs = [...root.querySelectorAll<HTMLElement>("[data-visited-slug]")].map((element) => element.dataset.visitedSlug ?? "").filter((slug) => slug !== "");
  for (const slug of slugs) {
    try {
      markVisited(slug);
    } catch {
      // Storage may be unavailable (private mode, quota): reading goes on regardless.
    }
  }
  return slugs;
}
