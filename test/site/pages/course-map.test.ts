/** The home page's course map: parts, chapters and labs in order, and what progress it shows. */
import { describe, expect, it } from "vitest";
import { emptyProgress, type Progress, type TestRecord } from "#site/progress/store.ts";
import { buildCourseMap, stepsOf, type LabInfo, type PageInfo } from "#site/home/course-map-model.ts";
import { COURSE_PARTS } from "#site/home/plan.ts";
import { labStatus, nextStep, summarise, summaryText, type Step } from "#site/home/progress-view.ts";

const pages: PageInfo[] = [
  { id: "index", title: "Wirelab" },
  { id: "about/runtime", title: "The simulated network" },
  { id: "tcp-udp/udp", title: "UDP", order: 2 },
  { id: "tcp-udp/streams", title: "Byte streams", order: 1 },
  { id: "tcp-udp/appendix", title: "Appendix" },
  { id: "tcp-udp/draft", title: "Draft", order: 0, hidden: true },
  { id: "models-and-layers/layers", title: "Why layers", order: 1 },
];
const lab = (id: string, chapter: string): LabInfo => ({ id, title: `Lab ${id}`, chapter, summary: `About ${id}.` });
const labs = [lab("arq", "tcp-udp"), lab("congestion", "tcp-udp"), lab("framing", "tcp-udp"), lab("hpack", "http"), lab("odd", "nowhere")];

describe("buildCourseMap", () => {
  const map = buildCourseMap(pages, labs);

  it("lists the six parts and the capstone in course order, then labs of no part", () => {
    expect(map.map((p) => p.part.id)).toEqual([...COURSE_PARTS.map((p) => p.id), "more-labs"]);
    expect(map.slice(0, 7).map((p) => p.part.label)).toEqual(["Part 1", "Part 2", "Part 3", "Part 4", "Part 5", "Part 6", "Capstone"]);
    expect(map.at(-1)!.labs.map((l) => l.id)).toEqual(["odd"]);
  });

  it("orders a part's chapters by sidebar order, unordered last, hidden left out", () => {
    const tcp = map.find((p) => p.part.id === "tcp-udp")!;
    expect(tcp.chapters.map((c) => c.slug)).toEqual(["tcp-udp/streams", "tcp-udp/udp", "tcp-udp/appendix"]);
    expect(tcp.chapters[0]!.href).toBe("/tcp-udp/streams/");
  });

  it("puts labs under the part their chapter names, in the part's lab order", () => {
    expect(map.find((p) => p.part.id === "tcp-udp")!.labs.map((l) => [l.id, l.href])).toEqual([
      ["framing", "/labs/framing/"],
      ["arq", "/labs/arq/"],
      ["congestion", "/labs/congestion/"],
    ]);
    expect(map.find((p) => p.part.id === "http")!.labs.map((l) => l.id)).toEqual(["hpack"]);
  });

  it("puts each lab right after the chapter the plan names, and keeps a lab whose chapter is not listed", () => {
    const tcp = map.find((p) => p.part.id === "tcp-udp")!;
    const placed = buildCourseMap(
      [...pages, { id: "tcp-udp/reliable-delivery", title: "Reliable delivery", order: 3 }, { id: "tcp-udp/congestion-control", title: "Congestion", order: 4 }],
      labs,
    ).find((p) => p.part.id === "tcp-udp")!;
    expect(stepsOf(placed).chapters.map(({ chapter, labs: after }) => [chapter.slug, after.map((l) => l.id)])).toEqual([
      ["tcp-udp/streams", []],
      ["tcp-udp/udp", []],
      ["tcp-udp/reliable-delivery", ["arq"]],
      ["tcp-udp/congestion-control", ["congestion"]],
      ["tcp-udp/appendix", []],
    ]);
    // framing follows the part's index page, which this page list lacks: it is listed after the chapters, not lost.
    expect(stepsOf(placed).unplaced.map((l) => l.id)).toEqual(["framing"]);
    expect(stepsOf(tcp).unplaced.map((l) => l.id)).toEqual(["framing", "arq", "congestion"]);
  });

  it("leaves parts with nothing published empty (shown as in preparation)", () => {
    const empty = map.filter((p) => p.chapters.length === 0 && p.labs.length === 0).map((p) => p.part.id);
    expect(empty).toEqual(["tls", "dns", "patterns", "capstone"]);
  });
});

const record = (score: number, maxScore: number, suite: TestRecord["suite"], passed = 1, total = 2): TestRecord => ({
  passed,
  total,
  score,
  maxScore,
  suite,
  at: "2026-01-01T00:00:00Z",
});

describe("progress on the map", () => {
  const steps: Step[] = [
    { kind: "chapter", id: "tcp-udp/streams", title: "Byte streams", href: "/tcp-udp/streams/" },
    { kind: "lab", id: "framing", title: "Lab: Message framing", href: "/labs/framing/" },
    { kind: "chapter", id: "tcp-udp/udp", title: "UDP", href: "/tcp-udp/udp/" },
  ];

  it("describes a lab by its best grade, else its last test, else whether it was started", () => {
    expect(labStatus(undefined)).toEqual({ state: "not-started", text: "Not started" });
    expect(labStatus({ code: "x" })).toEqual({ state: "started", text: "Started, not tested yet" });
    expect(labStatus({ lastTest: record(6, 18, "public", 2, 6) })).toEqual({ state: "tested", text: "Last test: 2 of 6 passed" });
    expect(labStatus({ lastTest: record(6, 18, "public"), bestGrade: record(92, 98, "all") })).toEqual({ state: "graded", text: "Best grade 92 / 98" });
    expect(labStatus({ bestGrade: record(98, 98, "all") }).state).toBe("complete");
  });

  it("continues at the first unread chapter or unfinished lab", () => {
    const progress: Progress = emptyProgress();
    expect(nextStep(steps, progress)?.id).toBe("tcp-udp/streams");
    progress.visited["tcp-udp/streams"] = "2026-01-01T00:00:00Z";
    expect(nextStep(steps, progress)?.id).toBe("framing");
    progress.labs.framing = { bestGrade: record(92, 98, "all") };
    expect(nextStep(steps, progress)?.id).toBe("framing");
    progress.labs.framing = { bestGrade: record(98, 98, "all") };
    expect(nextStep(steps, progress)?.id).toBe("tcp-udp/udp");
    progress.visited["tcp-udp/udp"] = "2026-01-01T00:00:00Z";
    expect(nextStep(steps, progress)).toBeUndefined();
  });

  it("sums up chapters, labs and quiz answers", () => {
    const progress: Progress = emptyProgress();
    expect(summarise(steps, progress).fresh).toBe(true);
    expect(summaryText(summarise(steps, progress))).toMatch(/^Nothing recorded yet/);
    progress.visited["tcp-udp/streams"] = "2026-01-01T00:00:00Z";
    progress.visited["elsewhere/page"] = "2026-01-01T00:00:00Z";
    progress.labs.framing = { bestGrade: record(92, 98, "all") };
    progress.quizzes["tcp-udp"] = { answers: { "0": 1, "1": 0 }, correct: { "0": true, "1": false } };
    const summary = summarise(steps, progress);
    expect(summary).toEqual({
      chaptersRead: 1,
      chapters: 2,
      labsGraded: 1,
      labsComplete: 0,
      labs: 1,
      questionsAnswered: 2,
      questionsRight: 1,
      fresh: false,
    });
    expect(summaryText(summary)).toBe("So far: 1 of 2 chapters read; 1 of 1 lab graded (0 with full marks); 2 quiz questions answered, 1 right.");
  });
});
