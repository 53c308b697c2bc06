/** `wirelab labs`: every lab with its points. */
import { loadSuites } from "../labs.ts";
import { listCliLabs } from "./labs-dir.ts";

export async function labsCommand(): Promise<void> {
  const labs = listCliLabs();
  for (const lab of labs) {
    const suites = await loadSuites(lab);
    const points = (tests: ReadonlyArray<{ points: number }>) => tests.reduce((sum, test) => sum + test.points, 0);
    const visible = points(suites.public.tests);
    const hidden = points(suites.hidden.tests);
    console.log(
      `${lab.meta.id.padEnd(12)} ${lab.meta.title.padEnd(28)} ${String(visible + hidden).padStart(4)} points ` +
        `(${visible} public, ${hidden} hidden)  chapter: ${lab.meta.chapter}`,
    );
  }
  if (labs.length === 0) console.log("No labs yet.");
}
