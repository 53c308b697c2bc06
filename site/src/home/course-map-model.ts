/**
 * The course map as plain data, built at site build time from the course's
 * pages and the labs: each part with its chapters (ordered as the sidebar
 * orders them) and its labs. No Astro, no DOM: CourseMap.astro renders it.
 */
import { COURSE_PARTS, type CoursePart } from "./plan.ts";

/** A page of the `docs` collection, reduced to what the map needs. */
export interface PageInfo {
  /** The entry id, e.g. "tcp-udp/streams"; also its URL path and its progress key. */
  readonly id: string;
  readonly title: string;
  /** `sidebar.order` from the frontmatter. */
  readonly order?: number;
  /** `sidebar.hidden` or `draft` pages stay off the map. */
  readonly hidden?: boolean;
}

/** A lab's lab.json, reduced to what the map needs. */
export interface LabInfo {
  readonly id: string;
  readonly title: string;
  readonly chapter: string;
  readonly summary: string;
}

export interface MapChapter {
  readonly slug: string;
  readonly title: string;
  readonly href: string;
}

export interface MapLab {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly href: string;
  /** The chapter (page id) the lab follows in course order, when the plan names one. */
  readonly after?: string;
}

export interface MapPart {
  readonly part: CoursePart;
  readonly chapters: readonly MapChapter[];
  readonly labs: readonly MapLab[];
}

/** A part's chapters in order, each followed by the labs taken after it, as the sidebar and Previous/Next have them. */
export function stepsOf(part: MapPart): { chapters: { chapter: MapChapter; labs: MapLab[] }[]; unplaced: MapLab[] } {
  const chapters = part.chapters.map((chapter) => ({ chapter, labs: part.labs.filter((lab) => lab.after === chapter.slug) }));
  const placed = new Set(chapters.flatMap((entry) => entry.labs));
  return { chapters, unplaced: part.labs.filter((lab) => !placed.has(lab)) };
}

/**
 * Every part in course order, with its pages and labs. Labs whose `chapter`
 * names no part are gathered in a last "More labs" part, so none is lost.
 */
export function buildCourseMap(pages: readonly PageInfo[], labs: readonly LabInfo[], parts: readonly CoursePart[] = COURSE_PARTS): MapPart[] {
  const mapped = parts.map((part) => ({
    part,
    chapters: chaptersIn(part.id, pages),
    labs: inLabOrder(labs.filter((lab) => lab.chapter === part.id), (part.labs ?? []).map((lab) => lab.id)).map((lab) =>
      toMapLab(lab, part.labs?.find((planned) => planned.id === lab.id)?.after),
    ),
  }));
  const orphans = labs.filter((lab) => !parts.some((part) => part.id === lab.chapter));
  if (orphans.length === 0) return mapped;
  const more: CoursePart = { id: "more-labs", label: "More", title: "More labs", blurb: "Labs that belong to no part of the course yet." };
  return [...mapped, { part: more, chapters: [], labs: orphans.map((lab) => toMapLab(lab, undefined)) }];
}

/** The pages in `folder`, by sidebar order (unordered pages last), then by id, as Starlight's sidebar sorts them. */
function chaptersIn(folder: string, pages: readonly PageInfo[]): MapChapter[] {
  return pages
    .filter((page) => !page.hidden && (page.id === folder || page.id.startsWith(`${folder}/`)))
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.id.localeCompare(b.id))
    .map((page) => ({ slug: page.id, title: page.title, href: `/${page.id}/` }));
}

/** Labs named in `order` first, in that order, then the rest by id. */
function inLabOrder(labs: readonly LabInfo[], order: readonly string[]): LabInfo[] {
  const rank = (lab: LabInfo) => (order.includes(lab.id) ? order.indexOf(lab.id) : order.length);
  return [...labs].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

function toMapLab(lab: LabInfo, after: string | undefined): MapLab {
  return { id: lab.id, title: lab.title, summary: lab.summary, href: `/labs/${lab.id}/`, ...(after === undefined ? {} : { after }) };
}
