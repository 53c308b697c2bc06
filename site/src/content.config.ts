// Starlight renders the `docs` collection. Its own docsLoader() only reads
// src/content/docs/, so the glob loader points at the top-level course/ folder
// instead (the base is relative to site/). Files starting with `_` are skipped,
// as docsLoader() does, so partials can sit beside the chapters.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { docsSchema } from "@astrojs/starlight/schema";
import { z } from "astro/zod";

// The class edition (WIRELAB_EDITION=class, astro.config.mjs) leaves the instructors' guide out.
const instructorsGuide = process.env.WIRELAB_EDITION === "class" ? ["!instructors/**"] : [];

export const collections = {
  docs: defineCollection({
    loader: glob({ base: "../course", pattern: ["**/[^_]*.{md,mdx}", ...instructorsGuide] }),
    schema: docsSchema(),
  }),
  // Each lab's instructions, shown beside its workbench (pages/labs/[id].astro).
  // Only instructions.mdx: nothing else of a lab folder is content.
  labs: defineCollection({
    loader: glob({ base: "../labs", pattern: "*/instructions.mdx" }),
    schema: z.object({ title: z.string(), description: z.string().optional() }),
  }),
};
