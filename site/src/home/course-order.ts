/**
 * Course order with the labs in it: each lab right after the chapter it
 * belongs to (plan.ts names the chapter), in the sidebar and therefore in
 * Previous/Next. Starlight builds the sidebar from the config (the parts'
 * chapters, then a "Labs" group); this moves each lab link of that group
 * behind its chapter's link. Pure: it works on plain sidebar entries.
 */
import { COURSE_PARTS, type CoursePart } from "./plan.ts";

/** The part of Starlight's sidebar entry shape this module reads and moves. */
export interface SidebarLink {
  type: "link";
  href: string;
  label: string;
  isCurrent: boolean;
}
export interface SidebarGroup {
  type: "group";
  label: string;
  entries: SidebarEntry[];
}
export type SidebarEntry = SidebarLink | SidebarGroup;

/** Where a lab sits in the course: its part and the chapter (page id) it follows. */
export interface LabPlace {
  readonly part: CoursePart;
  readonly after: string;
}

/** The lab's place in the plan, or undefined when the plan does not name it. */
export function labPlace(labId: string, parts: readonly CoursePart[] = COURSE_PARTS): LabPlace | undefined {
  for (const part of parts) {
    const lab = part.labs?.find((candidate) => candidate.id === labId);
    if (lab !== undefined) return { part, after: lab.after };
  }
  return undefined;
}

/** "/labs/arq/" → "arq"; undefined for any other link. */
export function labIdOf(href: string): string | undefined {
  return /^\/labs\/([^/]+)\/?$/.exec(href)?.[1];
}

/** A page id's path as Starlight links it: "tcp-udp/udp" → "/tcp-udp/udp/". */
export function pageHref(id: string): string {
  return `/${id}/`;
}

const sameHref = (a: string, b: string) => a.replace(/\/$/, "") === b.replace(/\/$/, "");

/**
 * Moves every lab link that the plan places after a chapter from wherever it
 * is to right behind that chapter's link (labs sharing a chapter keep the
 * plan's order). A group left empty is removed. Returns a new entry list.
 */
export function placeLabs(sidebar: readonly SidebarEntry[], parts: readonly CoursePart[] = COURSE_PARTS): SidebarEntry[] {
  const moving = new Map<string, SidebarLink>();
  const take = (entries: readonly SidebarEntry[]): SidebarEntry[] =>
    entries.flatMap((entry): SidebarEntry[] => {
      if (entry.type === "group") {
        const kept = take(entry.entries);
        return kept.length === 0 ? [] : [{ ...entry, entries: kept }];
      }
      const id = labIdOf(entry.href);
      if (id === undefined || labPlace(id, parts) === undefined || !hasLink(sidebar, pageHref(labPlace(id, parts)!.after))) return [entry];
      moving.set(id, entry);
      return [];
    });
  const insert = (entries: readonly SidebarEntry[]): SidebarEntry[] =>
    entries.flatMap((entry): SidebarEntry[] => {
      if (entry.type === "group") return [{ ...entry, entries: insert(entry.entries) }];
      const labs = parts
        .flatMap((part) => part.labs ?? [])
        .filter((lab) => sameHref(pageHref(lab.after), entry.href))
        .flatMap((lab) => {
          const link = moving.get(lab.id);
          return link === undefined ? [] : [link];
        });
      return [entry, ...labs];
    });
  return insert(take(sidebar));
}

function hasLink(entries: readonly SidebarEntry[], href: string): boolean {
  return entries.some((entry) => (entry.type === "group" ? hasLink(entry.entries, href) : sameHref(entry.href, href)));
}

/** Every link in reading order. */
export function flatten(entries: readonly SidebarEntry[]): SidebarLink[] {
  return entries.flatMap((entry) => (entry.type === "group" ? flatten(entry.entries) : [entry]));
}

/** The links before and after the current page, as Starlight's Previous/Next show them. */
export function prevNext(entries: readonly SidebarEntry[]): { prev: SidebarLink | undefined; next: SidebarLink | undefined } {
  const links = flatten(entries);
  const index = links.findIndex((link) => link.isCurrent);
  if (index === -1) return { prev: undefined, next: undefined };
  return { prev: links[index - 1], next: links[index + 1] };
}
