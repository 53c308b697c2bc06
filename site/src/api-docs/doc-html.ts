/**
 * Doc text to HTML, with the little Markdown TSDoc comments use here:
 * paragraphs, "- " lists, fenced code blocks and `inline code`. A
 * `{@link X}` becomes a link to X's heading on the page when X is there.
 * Everything else is escaped.
 */
import type { DocPart } from "./types.ts";

const OPEN = "\uE000";
const CLOSE = "\uE001";

/** `anchors`: the ids on the page; a link to "A.b" goes to "A.b", else to "A", else is plain code. */
export function docToHtml(parts: readonly DocPart[], anchors: ReadonlySet<string>): string {
  const links: string[] = [];
  const text = parts
    .map((part) => {
      if ("text" in part) return part.text;
      links.push(linkHtml(part.link, part.label, anchors));
      return `${OPEN}${links.length - 1}${CLOSE}`;
    })
    .join("");
  const html = blocks(text.trim()).join("\n");
  return html.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g"), (_, index: string) => links[Number(index)] ?? "");
}

/** Inline doc text (a summary in a list): no paragraphs. */
export function inlineDocToHtml(parts: readonly DocPart[], anchors: ReadonlySet<string>): string {
  return docToHtml(parts, anchors).replace(/^<p>|<\/p>$/g, "");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkHtml(target: string, label: string, anchors: ReadonlySet<string>): string {
  const id = anchors.has(target) ? target : anchors.has(target.split(".")[0] ?? "") ? target.split(".")[0] : undefined;
  const code = `<code>${escapeHtml(label)}</code>`;
  return id === undefined ? code : `<a href="#${escapeHtml(id)}">${code}</a>`;
}

function blocks(text: string): string[] {
  const out: string[] = [];
  const fence = /```(\w*)\n([\s\S]*?)```/g;
  let last = 0;
  for (const match of text.matchAll(fence)) {
    out.push(...paragraphs(text.slice(last, match.index)));
    const language = match[1] === "" ? "" : ` data-language="${escapeHtml(match[1]!)}"`;
    out.push(`<pre class="api-example"${language}><code>${escapeHtml(match[2]!.replace(/\n$/, ""))}</code></pre>`);
    last = match.index + match[0].length;
  }
  out.push(...paragraphs(text.slice(last)));
  return out;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => {
      const lines = block.split("\n").map((line) => line.trim());
      if (lines.every((line) => line.startsWith("- "))) return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join("")}</ul>`;
      return `<p>${inline(lines.join(" "))}</p>`;
    });
}

function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** An `@example`: fenced blocks as written, or the whole text as one code block. */
export function exampleToHtml(parts: readonly DocPart[], anchors: ReadonlySet<string>): string {
  const text = parts.map((part) => ("text" in part ? part.text : part.label)).join("").trim();
  if (text.includes("```")) return docToHtml(parts, anchors);
  return `<pre class="api-example"><code>${escapeHtml(text)}</code></pre>`;
}

/** A signature as HTML: escaped, with comments marked so they can be dimmed. */
export function signatureToHtml(signature: string): string {
  return escapeHtml(signature).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => `<span class="api-comment">${comment}</span>`);
}

/** A `@throws` tag: a leading `{ErrorType}` is shown as code. */
export function throwsToHtml(parts: readonly DocPart[], anchors: ReadonlySet<string>): string {
  const [first, ...rest] = parts;
  const match = first !== undefined && "text" in first ? /^\s*\{([\w.]+)\}\s*/.exec(first.text) : null;
  if (match === null || first === undefined || !("text" in first)) return inlineDocToHtml(parts, anchors);
  const type = anchors.has(match[1]!) ? `<a href="#${escapeHtml(match[1]!)}"><code>${escapeHtml(match[1]!)}</code></a>` : `<code>${escapeHtml(match[1]!)}</code>`;
  return `${type} ${inlineDocToHtml([{ text: first.text.slice(match[0].length) }, ...rest], anchors)}`;
}
