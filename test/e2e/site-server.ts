/**
 * Serves a built site to Chromium from disk at a made-up origin through
 * Playwright's routing: no port, no network. Folders serve index.html, as
 * a static host does.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import type { BrowserContext } from "playwright-core";

export const SITE = "http://wirelab.test";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".txt": "text/plain",
  ".xml": "application/xml",
};

/** Serves `dir` to every page of `context` at {@link SITE}; returns the paths asked for that were missing. */
export async function serveSite(context: BrowserContext, dir: string): Promise<string[]> {
  const missing: string[] = [];
  await context.route(`${SITE}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) return route.fulfill({ status: 403, body: "" });
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      missing.push(path);
      const notFound = join(dir, "404.html");
      return route.fulfill({ status: 404, contentType: TYPES[".html"], body: existsSync(notFound) ? readFileSync(notFound) : "" });
    }
    return route.fulfill({ contentType: TYPES[extname(file)] ?? "application/octet-stream", body: readFileSync(file) });
  });
  return missing;
}
