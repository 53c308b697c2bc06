/**
 * The code editor: Monaco with its TypeScript service, set up for a lab
 * file. The learner's code is compiled by the same TypeScript (5.9, inside
 * Monaco's worker) with the same options as the grader's compileSubmission
 * (grader/compile.ts), so the code that runs in the browser is the code
 * the CLI would run. Monaco is imported only by lab pages.
 */
import * as monaco from "./monaco.ts";
import { LEARNER_COMPILER_OPTIONS } from "#grader/compiler-options.ts";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TypeScriptWorker from "monaco-editor/language/typescript/ts.worker?worker";

// Monaco asks for its workers through this global (Vite bundles them).
(globalThis as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id, label) => (label === "typescript" || label === "javascript" ? new TypeScriptWorker() : new EditorWorker()),
};

const ts = monaco.typescript;

// The grader's options (grader/compiler-options.ts), plus what only an editor needs.
ts.typescriptDefaults.setCompilerOptions({
  ...(LEARNER_COMPILER_OPTIONS as unknown as monaco.typescript.CompilerOptions),
  lib: ["lib.es2022.d.ts"],
  noEmitOnError: false,
});
// What the sandbox gives learner code besides the language itself (grader/sandbox/realm.ts).
ts.typescriptDefaults.addExtraLib(
  `declare var console: { log(...data: unknown[]): void; error(...data: unknown[]): void; warn(...data: unknown[]): void; info(...data: unknown[]): void; debug(...data: unknown[]): void };
declare class TextEncoder { readonly encoding: string; encode(input?: string): Uint8Array; }
declare class TextDecoder { constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }); readonly encoding: string; decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string; }`,
  "file:///wirelab/sandbox-globals.d.ts",
);

export type CompileOutcome = { readonly ok: true; readonly javascript: string } | { readonly ok: false; readonly message: string };

export interface LabEditor {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  getCode(): string;
  setCode(code: string): void;
  onChange(listener: (code: string) => void): void;
  compile(): Promise<CompileOutcome>;
  /** The editor's current errors and warnings, as "line:column message" (type errors included). */
  diagnostics(): string[];
  /** Calls `action` on Ctrl+Enter (Cmd+Enter on a Mac), or with Shift too. */
  onShortcut(shift: boolean, action: () => void): void;
  /** The TypeScript version Monaco's worker compiles with. */
  readonly typescriptVersion: string;
  /** Resolves once the TypeScript worker has loaded and answered, so the first Test does not wait for it. */
  warm(): Promise<void>;
}

/** Opens an editor on `container` for the lab file `fileName`. */
export function createEditor(container: HTMLElement, fileName: string, code: string): LabEditor {
  const uri = monaco.Uri.parse(`file:///lab/${fileName}`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(code, "typescript", uri);
  model.setValue(code);
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    theme: currentTheme(),
    fixedOverflowWidgets: true,
    ariaLabel: `${fileName}: your code. Tab indents; press Escape then Tab to leave the editor, or Ctrl+M to make Tab move focus.`,
  });
  container.querySelector("[data-placeholder]")?.remove();
  followSiteTheme();
  escapeThenTab(editor, container);
  return {
    editor,
    getCode: () => model.getValue(),
    setCode: (text) => model.setValue(text),
    onChange: (listener) => void model.onDidChangeContent(() => listener(model.getValue())),
    compile: () => compile(model),
    onShortcut: (shift, action) =>
      void editor.addCommand(monaco.KeyMod.CtrlCmd | (shift ? monaco.KeyMod.Shift : 0) | monaco.KeyCode.Enter, action),
    diagnostics: () =>
      monaco.editor
        .getModelMarkers({ resource: uri })
        .map((marker) => `${marker.startLineNumber}:${marker.startColumn} ${marker.message}`),
    typescriptVersion: ts.typescriptVersion,
    warm: async () => {
      const client = await (await typescriptWorker())(model.uri);
      await client.getSyntacticDiagnostics(model.uri.toString());
    },
  };
}

/**
 * Tab indents in the editor, so it would trap keyboard users (WCAG 2.1.2):
 * Escape then Tab (or Shift+Tab) moves focus to the next (previous) control
 * instead. Ctrl+M, Monaco's own switch, makes Tab move focus until pressed again.
 */
function escapeThenTab(editor: monaco.editor.IStandaloneCodeEditor, container: HTMLElement): void {
  let escaped = false;
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) {
      escaped = true;
      return;
    }
    // Shift (for Shift+Tab) and the other modifiers alone keep the escape armed.
    if ([monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta].includes(event.keyCode)) return;
    if (escaped && event.keyCode === monaco.KeyCode.Tab && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      moveFocus(container, event.shiftKey ? -1 : 1);
    }
    escaped = false;
  });
  editor.onDidBlurEditorText(() => (escaped = false));
}

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the tabbable element after (or before) `container` in document order. */
function moveFocus(container: HTMLElement, direction: 1 | -1): void {
  const all = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) => !container.contains(element) && element.getClientRects().length > 0 && element.tabIndex >= 0,
  );
  const after = all.filter((element) => container.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  const before = all.filter((element) => container.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING);
  (direction === 1 ? after[0] : before.at(-1))?.focus();
}

/**
 * Monaco's TypeScript worker. Its language mode loads lazily after the
 * first TypeScript model (a chunk of its own); until then Monaco answers
 * "TypeScript not registered!", so ask again shortly.
 */
async function typescriptWorker(): Promise<Awaited<ReturnType<typeof ts.getTypeScriptWorker>>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ts.getTypeScriptWorker();
    } catch (error) {
      if (attempt >= 600) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function compile(model: monaco.editor.ITextModel): Promise<CompileOutcome> {
  const client = await (await typescriptWorker())(model.uri);
  const name = model.uri.path.split("/").at(-1) ?? "submission.ts";
  const errors = (await client.getSyntacticDiagnostics(model.uri.toString())).filter((d) => d.category === 1);
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((d) => {
      const position = d.start === undefined ? undefined : model.getPositionAt(d.start);
      const where = position === undefined ? name : `${name}:${position.lineNumber}:${position.column}`;
      return `  ${where}: ${flatten(d.messageText)}`;
    });
    if (errors.length > 10) lines.push(`…and ${errors.length - 10} more`);
    return { ok: false, message: ["Your code does not compile:", ...lines].join("\n") };
  }
  const output = await client.getEmitOutput(model.uri.toString());
  const js = output.outputFiles.find((file) => file.name.endsWith(".js"));
  if (js === undefined) return { ok: false, message: "The TypeScript compiler produced no JavaScript for your file." };
  return { ok: true, javascript: js.text };
}

function flatten(message: string | { messageText: string; next?: unknown[] }): string {
  return typeof message === "string" ? message : message.messageText;
}

/*
 * Monaco's own themes, except that vs-dark draws comments in #608b4e, 4.2:1 on
 * its #1e1e1e background (WCAG 1.4.3 asks 4.5:1): #6a9955 gives 5.0:1. The
 * light theme's colours all reach 4.5:1 on white (its comments #008000: 5.1:1).
 */
monaco.editor.defineTheme("wirelab-dark", { base: "vs-dark", inherit: true, rules: [{ token: "comment", foreground: "6a9955" }], colors: {} });

function currentTheme(): string {
  return document.documentElement.dataset.theme === "light" ? "vs" : "wirelab-dark";
}

/** Starlight switches themes by setting data-theme on <html>. */
function followSiteTheme(): void {
  new MutationObserver(() => monaco.editor.setTheme(currentTheme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });
}
