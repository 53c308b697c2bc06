/**
 * The http1 lab against a real peer: Node's own HTTP/1.1 parser (llhttp),
 * through node:http on loopback. Node only (the browser runs the recorded
 * corpus instead, in the lab's hidden tests).
 *
 * 1. The recorded corpus (labs/http1/corpus/llhttp.json) still matches what
 *    live llhttp says, and each recorded difference still holds.
 * 2. llhttp reads random valid request streams as the tests' own reader
 *    does (so the reader is checked against an independent parser).
 * 3. llhttp reads what the reference serialize() writes as the message given.
 * 4. The public tests and the harness import no answer (issue 17).
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fromLatin1, latin1 } from "#runtime/wire/http1.ts";
import * as solution from "#labs/http1/solution.ts";
import * as starter from "#labs/http1/starter.ts";
import { LLHTTP } from "#labs/http1/tests/corpus.ts";
import { messageArbitrary, streamArbitrary } from "#labs/http1/tests/arbitraries.ts";
import { oracleRead } from "#labs/http1/tests/oracle.ts";
import { fromHex } from "#labs/kit/hex.ts";
import { CASES } from "./http1/cases.ts";
import { llhttpRequests } from "./http1/llhttp.ts";
import { llhttpVerdict, oracleVerdict, sameVerdict } from "./http1/verdicts.ts";

const plain = (hex: string) => hex.replace(/ /g, "");

describe("the recorded llhttp corpus", () => {
  it("holds every case of cases.ts, with llhttp's live verdict", async () => {
    expect(LLHTTP.cases.map((c) => c.name)).toEqual(CASES.map((c) => c.name));
    const sameVersion = LLHTTP.recordedWith === `node ${process.version}, llhttp ${process.versions.llhttp}`;
    for (const c of LLHTTP.cases) {
      const live = await llhttpVerdict(c);
      // Another llhttp may name its errors differently; whether it refused must not change unnoticed.
      if (sameVersion) expect(live, c.name).toEqual(c.llhttp);
      else expect(live.error === null, c.name).toBe(c.llhttp.error === null);
    }
  }, 60_000);

  it("parts from the tests' reader exactly where a case says why", () => {
    for (const c of LLHTTP.cases) expect(sameVerdict(c.llhttp, oracleVerdict(c)), c.name).toBe(c.differs === undefined);
  });

  it("is read by the reference Parser as the tests' reader reads it, and not by the starter", () => {
    for (const c of LLHTTP.cases) {
      const parser = new solution.Parser(c.role);
      if (c.method !== undefined) parser.requestMethod(c.method);
      let bodies: string[] = [];
      let error: string | null = null;
      try {
        const out = [...parser.push(fromLatin1(c.text)), ...(c.role === "response" ? parser.end() : [])];
        bodies = out.map((m) => Buffer.from(m.body).toString("hex"));
      } catch (e) {
        error = (e as solution.HttpError).kind;
      }
      const rfc = oracleVerdict(c);
      expect({ bodies, error }, c.name).toEqual({ bodies: rfc.bodies.map(plain), error: rfc.error });
    }
    expect(new starter.Parser("request").push(fromLatin1(LLHTTP.cases[0]!.text))).toEqual([]);
  });
});

describe("llhttp as an independent reader", () => {
  it("reads random valid request streams as the tests' reader does", async () => {
    await fc.assert(
      fc.asyncProperty(streamArbitrary("request"), async (list) => {
        const text = list.map((m) => m.text).join("");
        // Known difference (cases.ts): llhttp's strict mode refuses BWS in chunk extensions, which RFC 9112 §7.1.1 allows.
        if (/\r\n[0-9a-fA-F]+ ;/.test(text)) return;
        // Known difference (cases.ts): llhttp knows a fixed list of methods; RFC 9110 §9.1 takes any token.
        if (list.some((m) => m.message.method === "X-CUSTOM")) return;
        const live = await llhttpRequests(fromLatin1(text));
        const read = oracleRead(fromLatin1(text), { role: "request", end: true });
        expect(live.error).toBe(null);
        expect(live.messages.map((m) => [m.method, m.target, m.fields, m.body, m.trailers])).toEqual(
          read.messages.map(({ message: m }) => [m.method, m.target, m.fields, plain(m.body), m.trailers]),
        );
      }),
      { seed: 42, numRuns: 30 },
    );
  }, 120_000);

  it("reads what the reference serialize() writes as the message it was given", async () => {
    await fc.assert(
      fc.asyncProperty(messageArbitrary("request").filter((m) => m.message.method !== "X-CUSTOM"), async ({ message }) => {
        const bytes = solution.serialize({ ...message, body: fromHex(message.body) });
        const live = await llhttpRequests(bytes);
        expect(live.error, latin1(bytes)).toBe(null);
        expect(live.messages.map((m) => [m.method, m.target, m.fields, m.body, m.trailers])).toEqual([[message.method, message.target, message.fields, plain(message.body), message.trailers]]);
      }),
      { seed: 7, numRuns: 30 },
    );
  }, 120_000);
});

const lab = resolve(import.meta.dirname, "../../labs/http1");

/** Every module `entry` imports, transitively (relative and #labs/http1 imports). */
function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const [, spec] of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"((?:\.|#labs\/http1\/)[^"]+)"/gms)) {
    importGraph(spec!.startsWith("#") ? join(lab, spec!.slice("#labs/http1/".length)) : join(dirname(entry), spec!), seen);
  }
  return seen;
}

describe("public tests and harness import no answer (issue 17)", () => {
  it.each(["tests/public.ts", "harness.ts"])("%s reaches neither the oracle, the hidden tests nor the solution", (file) => {
    const graph = [...importGraph(join(lab, file))].map((path) => relative(lab, path)).filter((path) => !path.startsWith(".."));
    expect(graph.length).toBeGreaterThan(1);
    expect(graph.filter((path) => /^(solution\.ts|variants\/|mutants\/|tests\/(oracle|hidden|batch|arbitraries|corpus))/.test(path))).toEqual([]);
  });
});
