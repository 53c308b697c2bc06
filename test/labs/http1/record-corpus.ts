/**
 * Records llhttp's verdict on each stream of cases.ts into
 * labs/http1/corpus/llhttp.json, checked against the lab's tests' own
 * reader first: where they part, the case must say why (its `differs`),
 * and where they agree it must not. Run it with
 * `node test/labs/http1/record-corpus.ts`. The hidden tests read the corpus
 * in the sandbox, so the browser runs the same check as Node.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CASES } from "./cases.ts";
import { llhttpVerdict, oracleVerdict, sameVerdict } from "./verdicts.ts";

export const CORPUS_PATH = fileURLToPath(new URL("../../../labs/http1/corpus/llhttp.json", import.meta.url));

const recorded = [];
for (const c of CASES) {
  const llhttp = await llhttpVerdict(c);
  const rfc = oracleVerdict(c);
  if (sameVerdict(llhttp, rfc) === (c.differs !== undefined)) {
    throw new Error(`${c.name}: llhttp ${JSON.stringify(llhttp)}, the lab ${JSON.stringify(rfc)}; ${c.differs === undefined ? "they differ: say why in cases.ts" : "they agree: drop its differs"}`);
  }
  recorded.push({ ...c, llhttp });
}
const lines = recorded.map((c) => `  ${JSON.stringify(c)}`);
const about = "Streams fed to Node's HTTP/1.1 parser (llhttp, through node:http in strict mode) and what it made of them: how many messages it read and its error code. Recorded by test/labs/http1/record-corpus.ts; `differs` says where RFC 9112, as the lab pins it, parts from llhttp.";
writeFileSync(CORPUS_PATH, `{\n "about": ${JSON.stringify(about)},\n "recordedWith": ${JSON.stringify(`node ${process.version}, llhttp ${process.versions.llhttp}`)},\n "cases": [\n${lines.join(",\n")}\n ]\n}\n`);
console.log(`${recorded.length} cases written to ${CORPUS_PATH}`);
