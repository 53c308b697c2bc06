/** A graded submission as JUnit XML, for CI systems that show test reports. */
import { MAX_NAME_CHARS, MAX_OUTPUT_CHARS, safeText, type GradeResult } from "../results.ts";

/** The JUnit XML document for `result`, as one test suite named after the lab. */
export function toJunitXml(result: GradeResult, suiteName: string): string {
  const failures = result.tests.filter((test) => test.status === "failed").length;
  const cases = result.tests.map((test) => {
    const name = safeText(test.name, MAX_NAME_CHARS);
    const output = safeText(test.output, MAX_OUTPUT_CHARS);
    const open = `  <testcase classname="${escape(suiteName)}" name="${escape(name)}" time="0">`;
    const points = `    <properties><property name="score" value="${test.score}"/><property name="max_score" value="${test.max_score}"/></properties>`;
    const failure =
      test.status === "failed" ? [`    <failure message="${escape(firstLine(output))}">${escape(output)}</failure>`] : [];
    return [open, points, ...failure, "  </testcase>"].join("\n");
  });
  const sandbox = result.sandbox === undefined ? "" : `<property name="sandbox" value="${escape(result.sandbox)}"/>`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuite name="${escape(suiteName)}" tests="${result.tests.length}" failures="${failures}" errors="0" time="${result.execution_time}">`,
    `  <properties><property name="score" value="${result.score}"/><property name="max_score" value="${result.max_score}"/>${sandbox}</properties>`,
    ...cases,
    `</testsuite>`,
    "",
  ].join("\n");
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? "";
}

/** Escapes XML special characters and drops characters XML 1.0 cannot hold. */
function escape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
