/**
 * The workbench terminal: xterm with a small line editor (typing,
 * backspace, left/right, history on up/down, Ctrl+C, Ctrl+L). Each entered
 * line goes to `onLine`; output is written with `print`. Tab is left to
 * the browser: commands are short, and focus must be able to leave.
 */
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";

const PROMPT = "\x1b[36m$\x1b[0m ";

export interface LabTerminal {
  readonly terminal: Terminal;
  /** Writes lines above the prompt. */
  print(...lines: string[]): void;
  clear(): void;
  /** While busy, typed lines are refused (a run is going on). */
  setBusy(busy: boolean): void;
}

export function createTerminal(container: HTMLElement, onLine: (line: string) => void): LabTerminal {
  const terminal = new Terminal({
    convertEol: true,
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    fontSize: 13,
    scrollback: 5000,
    theme: themeColours(),
    cursorBlink: true,
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(container);
  // Tab and Shift+Tab are the browser's, so focus can always leave the terminal (WCAG 2.1.2, no keyboard trap).
  terminal.attachCustomKeyEventHandler((event) => event.key !== "Tab");
  terminal.textarea?.setAttribute("aria-label", "Terminal: type help and press Enter. Tab moves to the next control.");
  const refit = () => {
    if (container.offsetWidth > 0) fit.fit();
  };
  new ResizeObserver(refit).observe(container);
  refit();
  new MutationObserver(() => (terminal.options.theme = themeColours())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });

  let line = "";
  let cursor = 0;
  let busy = false;
  const history: string[] = [];
  let historyIndex = 0;

  const redraw = () => {
    terminal.write(`\r\x1b[2K${PROMPT}${line}`);
    const back = line.length - cursor;
    if (back > 0) terminal.write(`\x1b[${back}D`);
  };
  const showPrompt = () => {
    if (!busy) redraw();
  };

  terminal.onData((data) => {
    if (busy) return;
    if (data === "\r") {
      const entered = line;
      terminal.write("\r\n");
      line = "";
      cursor = 0;
      if (entered.trim() !== "") {
        history.push(entered);
        historyIndex = history.length;
      }
      onLine(entered);
      showPrompt();
    } else if (data === "\x7f" || data === "\b") {
      if (cursor > 0) {
        line = line.slice(0, cursor - 1) + line.slice(cursor);
        cursor--;
        redraw();
      }
    } else if (data === "\x03") {
      terminal.write("^C\r\n");
      line = "";
      cursor = 0;
      redraw();
    } else if (data === "\x0c") {
      terminal.clear();
      redraw();
    } else if (data === "\x1b[A" || data === "\x1b[B") {
      historyIndex = Math.max(0, Math.min(history.length, historyIndex + (data === "\x1b[A" ? -1 : 1)));
      line = history[historyIndex] ?? "";
      cursor = line.length;
      redraw();
    } else if (data === "\x1b[D" || data === "\x1b[C") {
      cursor = Math.max(0, Math.min(line.length, cursor + (data === "\x1b[D" ? -1 : 1)));
      redraw();
    } else if (!data.startsWith("\x1b")) {
      // Pasted text keeps its printable characters only (no control codes, no newlines).
      const printable = [...data].filter((c) => c >= " ").join("");
      line = line.slice(0, cursor) + printable + line.slice(cursor);
      cursor += printable.length;
      redraw();
    }
  });

  return {
    terminal,
    print(...lines) {
      terminal.write("\r\x1b[2K");
      for (const text of lines) terminal.write(`${text}\r\n`);
      showPrompt();
    },
    clear() {
      terminal.clear();
      terminal.write("\r\x1b[2K");
      showPrompt();
    },
    setBusy(value) {
      busy = value;
      if (busy) terminal.write("\r\x1b[2K");
      else showPrompt();
    },
  };
}

/** xterm needs literal colours; these follow Starlight's light and dark themes. */
function themeColours() {
  const light = document.documentElement.dataset.theme === "light";
  return light
    ? { background: "#f6f7f9", foreground: "#1b1f24", cursor: "#1b1f24", selectionBackground: "#c8d7f5", green: "#1a7f37", red: "#cf222e", cyan: "#0969da", brightBlack: "#57606a" }
    : { background: "#101318", foreground: "#e6e8eb", cursor: "#e6e8eb", selectionBackground: "#33415c", green: "#4ac26b", red: "#ff7b72", cyan: "#79c0ff", brightBlack: "#8b949e" };
}
