/**
 * Member-relative links: inside a class's docs, `{@link at}` names a member
 * of that class (TSDoc reads it relative to the class; the TypeScript checker
 * leaves it unresolved). Such a link becomes "Owner.member", which the page
 * has as the member's anchor (modules.ts, memberAnchor).
 */
import { memberAnchor } from "./modules.ts";
import type { ApiDoc, ApiSymbol, DocPart } from "./types.ts";

/** `symbols` with each `{@link member}` in a symbol's own and member docs pointing at that member; an exported name wins. */
export function resolveMemberLinks(symbols: readonly ApiSymbol[]): ApiSymbol[] {
  const exported = new Set(symbols.map((symbol) => symbol.name));
  return symbols.map((symbol) => {
    if (symbol.members.length === 0) return symbol;
    const members = new Set(symbol.members.map((member) => member.name));
    const resolve = (doc: ApiDoc) => resolveDoc(doc, (target) => (!exported.has(target) && members.has(target) ? memberAnchor(symbol.name, target) : target));
    return { ...symbol, doc: resolve(symbol.doc), members: symbol.members.map((member) => ({ ...member, doc: resolve(member.doc) })) };
  });
}

function resolveDoc(doc: ApiDoc, target: (name: string) => string): ApiDoc {
  const parts = (list: readonly DocPart[]) => list.map((part) => ("link" in part ? { link: target(part.link), label: part.label } : part));
  return { summary: parts(doc.summary), remarks: parts(doc.remarks), tags: doc.tags.map((tag) => ({ ...tag, doc: parts(tag.doc) })) };
}
