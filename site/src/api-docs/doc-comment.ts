/**
 * Turns the TypeScript checker's view of a TSDoc comment (display parts and
 * tag infos) into an ApiDoc: summary, remarks and tags, with `{@link X}`
 * kept as links.
 */
import ts from "typescript";
import type { ApiDoc, DocPart, DocTag } from "./types.ts";

/** The doc of a comment, from its parts and tags as the checker gives them. */
export function toApiDoc(parts: readonly ts.SymbolDisplayPart[], tags: readonly ts.JSDocTagInfo[]): ApiDoc {
  const [summary, remarks] = splitSummary(toDocParts(parts));
  return { summary, remarks, tags: tags.map(toDocTag) };
}

/** True when a comment has something to say. */
export function hasText(parts: readonly DocPart[]): boolean {
  return parts.some((part) => ("text" in part ? part.text.trim() !== "" : true));
}

/** Display parts as text and links (`{@link Name label}` becomes one link part). */
export function toDocParts(parts: readonly ts.SymbolDisplayPart[]): DocPart[] {
  const out: DocPart[] = [];
  let link: { name: string; label: string } | undefined;
  for (const part of parts) {
    if (part.kind === "link") {
      if (part.text.startsWith("{@link")) link = { name: "", label: "" };
      else if (link !== undefined) {
        out.push(linkPart(link.name.trim(), link.label.trim()));
        link = undefined;
      }
    } else if (link !== undefined && part.kind === "linkName") link.name += part.text;
    else if (link !== undefined && part.kind === "linkText") link.label += part.text;
    else if (link !== undefined) link.name += part.text;
    else appendText(out, part.text);
  }
  return out;
}

/** A name the checker could not resolve arrives as text: its first word is the target. */
function linkPart(name: string, label: string): DocPart {
  if (name !== "") return { link: name, label: label || name };
  const [target = "", ...rest] = label.split(/\s+/);
  return { link: target, label: rest.join(" ") || target };
}

function toDocTag(tag: ts.JSDocTagInfo): DocTag {
  const parts = tag.text ?? [];
  const nameIndex = parts.findIndex((part) => part.kind === "parameterName");
  if (tag.name === "param" && nameIndex >= 0) {
    const rest = parts.slice(nameIndex + 1);
    const doc = toDocParts(rest);
    return { tag: tag.name, name: parts[nameIndex]!.text, doc: trimStart(doc, /^[\s-]+/) };
  }
  return { tag: tag.name, doc: toDocParts(parts) };
}

/** The first paragraph, and everything after it. */
function splitSummary(parts: readonly DocPart[]): [DocPart[], DocPart[]] {
  const summary: DocPart[] = [];
  const remarks: DocPart[] = [];
  let inSummary = true;
  for (const part of parts) {
    if (!inSummary) remarks.push(part);
    else if ("text" in part && part.text.includes("\n\n")) {
      const at = part.text.indexOf("\n\n");
      appendText(summary, part.text.slice(0, at));
      appendText(remarks, part.text.slice(at + 2));
      inSummary = false;
    } else summary.push(part);
  }
  return [summary, trimStart(remarks, /^\s+/)];
}

function appendText(out: DocPart[], text: string): void {
  if (text === "") return;
  const last = out.at(-1);
  if (last !== undefined && "text" in last) out[out.length - 1] = { text: last.text + text };
  else out.push({ text });
}

/** `parts` without what `leading` matches at their start. */
function trimStart(parts: DocPart[], leading: RegExp): DocPart[] {
  const first = parts[0];
  if (first === undefined || !("text" in first)) return parts;
  const text = first.text.replace(leading, "");
  return text === "" ? parts.slice(1) : [{ text }, ...parts.slice(1)];
}
