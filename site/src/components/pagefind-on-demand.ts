/**
 * Starlight builds Pagefind's search UI as soon as the browser is idle, which
 * makes every page download it (about 26 KB of gzipped JavaScript) whether or
 * not the learner searches. Vite serves this module for the bare specifier
 * "@pagefind/default-ui" (astro.config.mjs), so Starlight's own script gets a
 * stand-in that builds the real UI the first time the search dialog opens,
 * then moves focus into its input as the dialog would have.
 */
/** What Starlight passes (the element's selector, paths, translations, a result hook): handed on unchanged. */
type Options = Record<string, unknown> & { element: string };

export class PagefindUI {
  constructor(options: Options) {
    const host = document.querySelector(options.element);
    const dialog = host?.closest("dialog");
    if (host === null || host === undefined || dialog === null || dialog === undefined) {
      void build(options, host ?? null);
      return;
    }
    let started = false;
    const start = () => {
      if (started || !dialog.open) return;
      started = true;
      observer.disconnect();
      void build(options, host);
    };
    // showModal() sets the dialog's open attribute, whichever way it is opened (button or Ctrl+K).
    const observer = new MutationObserver(start);
    observer.observe(dialog, { attributes: true, attributeFilter: ["open"] });
    start();
  }
}

async function build(options: Options, host: Element | null): Promise<void> {
  // The package ships no types (Starlight's own import of it is untyped too).
  const { PagefindUI: Real } = (await import("@pagefind/default-ui/npm_dist/mjs/ui-core.mjs" as string)) as { PagefindUI: new (options: Options) => unknown };
  new Real(options);
  host?.querySelector<HTMLInputElement>("input")?.focus();
}
