/** The chapter pages of a built site: the pages of the course's parts, found by folder. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { COURSE_PARTS } from "#site/home/plan.ts";

export function chapterPaths(dir: string): string[] {
  const parts = COURSE_PARTS.map((part) => part.id).filter((id) => existsSync(join(dir, id)));
  return parts.flatMap((part) => [
    `/${part}/`,
    ...readdirSync(join(dir, part), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `/${part}/${entry.name}/`),
  ]);
}
