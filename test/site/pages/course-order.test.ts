/** course-order.ts puts each lab right after its chapter, so Previous/Next go chapter → its lab → next chapter. */
import { describe, expect, it } from "vitest";
import { placeLabs, prevNext, type SidebarEntry, type SidebarLink } from "#site/home/course-order.ts";
import { COURSE_PARTS, type CoursePart } from "#site/home/plan.ts";
import { markFor } from "#site/home/sidebar-progress.ts";
import { emptyProgress } from "#site/progress/store.ts";

const link = (href: string, isCurrent = false): SidebarLink => ({ type: "link", href, label: href, isCurrent });
const group = (label: string, entries: SidebarEntry[]): SidebarEntry => ({ type: "group", label, entries });

const PARTS: CoursePart[] = [
  {
    id: "tcp-udp",
    label: "Part 2",
    title: "TCP and UDP",
    blurb: "",
    labs: [
      { id: "framing", after: "tcp-udp" },
      { id: "arq", after: "tcp-udp/reliable-delivery" },
      { id: "arq2", after: "tcp-udp/reliable-delivery" },
    ],
  },
];

/** The sidebar as astro.config.mjs gives it: chapters by part, then every lab in a "Labs" group. */
function configSidebar(current: string): SidebarEntry[] {
  const entries = [
    group("2. TCP and UDP", [link("/tcp-udp/"), link("/tcp-udp/udp/"), link("/tcp-udp/reliable-delivery/"), link("/tcp-udp/congestion-control/")]),
    group("Labs", [link("/labs/arq/"), link("/labs/arq2/"), link("/labs/framing/"), link("/labs/unplaced/")]),
    group("About", [link("/about/runtime/")]),
  ];
  const mark = (list: SidebarEntry[]) => {
    for (const entry of list) {
      if (entry.type === "group") mark(entry.entries);
      else entry.isCurrent = entry.href === current;
    }
  };
  mark(entries);
  return entries;
}

const hrefs = (entries: readonly SidebarEntry[]): unknown[] =>
  entries.map((entry) => (entry.type === "group" ? [entry.label, hrefs(entry.entries)] : entry.href));

describe("course order", () => {
  it("moves each lab right after its chapter and keeps unplaced labs in the Labs group", () => {
    expect(hrefs(placeLabs(configSidebar("/tcp-udp/"), PARTS))).toEqual([
      ["2. TCP and UDP", ["/tcp-udp/", "/labs/framing/", "/tcp-udp/udp/", "/tcp-udp/reliable-delivery/", "/labs/arq/", "/labs/arq2/", "/tcp-udp/congestion-control/"]],
      ["Labs", ["/labs/unplaced/"]],
      ["About", ["/about/runtime/"]],
    ]);
  });

  it("makes Next at a chapter's end open its lab, and the lab's Previous and Next its neighbours", () => {
    expect(prevNext(placeLabs(configSidebar("/tcp-udp/reliable-delivery/"), PARTS)).next?.href).toBe("/labs/arq/");
    const atLab = prevNext(placeLabs(configSidebar("/labs/arq2/"), PARTS));
    expect([atLab.prev?.href, atLab.next?.href]).toEqual(["/labs/arq/", "/tcp-udp/congestion-control/"]);
  });

  it("drops a Labs group left empty, and leaves a lab whose chapter is not in the sidebar where it was", () => {
    const parts: CoursePart[] = [{ ...PARTS[0]!, labs: [{ id: "framing", after: "tcp-udp" }, { id: "unplaced", after: "tcp-udp/missing" }] }];
    const sidebar = [group("Part", [link("/tcp-udp/")]), group("Labs", [link("/labs/framing/")]), group("More", [link("/labs/unplaced/")])];
    expect(hrefs(placeLabs(sidebar, parts))).toEqual([["Part", ["/tcp-udp/", "/labs/framing/"]], ["More", ["/labs/unplaced/"]]]);
  });

  it("places every lab of the real plan after a chapter of its own part", () => {
    for (const part of COURSE_PARTS) {
      for (const lab of part.labs ?? []) expect(lab.after === part.id || lab.after.startsWith(`${part.id}/`), `${lab.id} after ${lab.after}`).toBe(true);
    }
  });
});

describe("progress marks in the sidebar", () => {
  it("marks a chapter read, its quiz's first-try score and a lab's best grade", () => {
    const progress = emptyProgress();
    expect(markFor("/tcp-udp/udp/", progress)).toBeUndefined();
    progress.visited["tcp-udp/udp"] = "2026-01-01T00:00:00Z";
    progress.quizzes["udp-quiz"] = { answers: { 0: 1, 1: 0 }, correct: { 0: true, 1: false }, page: "tcp-udp/udp", questions: 4 };
    expect(markFor("/tcp-udp/udp/", progress)).toEqual({
      shown: "✓ 1/4",
      spoken: "read; quiz: 1 of 4 right on the first try, 2 answered",
    });
    progress.labs["arq"] = { bestGrade: { passed: 3, total: 4, score: 30, maxScore: 40, suite: "all", at: "x" } };
    expect(markFor("/labs/arq/", progress)?.shown).toBe("75%");
    expect(markFor("/labs/framing/", progress)).toBeUndefined();
  });
});
