/**
 * Node module hooks for the behavioural leak probe (behaviour-probe-child.ts):
 * the site's modules are written for Vite, so what only Vite understands is
 * stubbed here: `?raw`/`?url`/`?worker` imports, `.astro`/`.css`/asset files,
 * `astro:*` and `virtual:*` modules, `import.meta.glob` and `import.meta.env`.
 * `wirelab:edition` is the class edition, as in the class build. A module
 * that needs more than these stubs fails to load and is reported as not probed.
 */
import { fileURLToPath } from "node:url";
import type { LoadHook, ResolveHook } from "node:module";

const CLASS_EDITION = new URL("../../site/src/workbench/editions/class.ts", import.meta.url).href;
const STUB = "data:text/javascript,export default {};";
const ASSET = /\.(astro|css|svg|png|jpe?g|webp|woff2?|mdx?)$/;

export const resolve: ResolveHook = async (specifier, context, next) => {
  if (specifier === "wirelab:edition") return { url: CLASS_EDITION, shortCircuit: true };
  if (/^(astro|virtual):/.test(specifier) || ASSET.test(specifier.split("?")[0]!)) return { url: STUB, shortCircuit: true };
  if (specifier.includes("?")) return { url: STUB, shortCircuit: true };
  return next(specifier, context);
};

export const load: LoadHook = async (url, context, next) => {
  const result = await next(url, context);
  if (!url.startsWith("file:") || fileURLToPath(url).includes("/node_modules/") || result.source === undefined || result.source === null) return result;
  const source = String(result.source);
  if (!source.includes("import.meta.glob") && !source.includes("import.meta.env")) return result;
  return { ...result, source: source.replaceAll(/import\.meta\.glob\b/g, "(() => ({}))").replaceAll(/import\.meta\.env\b/g, "({})") };
};
