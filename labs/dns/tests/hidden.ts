/**
 * Hidden tests for the dns lab (the score): the codec (hidden-codec.ts) and
 * the resolver (hidden-resolver.ts). Random inputs derive from the grading
 * seed (t.seed).
 */
import { defineTests } from "#labs/kit/index.ts";
import { codecTests } from "./hidden-codec.ts";
import { resolverTests } from "./hidden-resolver.ts";

export default defineTests((registry) => {
  codecTests(registry);
  resolverTests(registry);
});
