/**
 * The public members of a class or an interface, each with its own
 * signature and doc. Private members (`private`, `protected`, `#name`) and
 * members tagged `@internal` are left out.
 */
import ts from "typescript";
import { symbolDoc, signatureDoc } from "./symbol-doc.ts";
import { signatureOf } from "./signature.ts";
import type { ApiMember } from "./types.ts";

export function membersOf(node: ts.ClassDeclaration | ts.InterfaceDeclaration, checker: ts.TypeChecker): ApiMember[] {
  const members: ApiMember[] = [];
  for (const member of node.members) {
    if (!isPublic(member) || isOverloadImplementation(member, checker)) continue;
    const kind = memberKind(member);
    if (kind === undefined) continue;
    const name = kind === "constructor" ? "constructor" : (member.name?.getText() ?? "");
    const doc = kind === "constructor" || kind === "method" ? signatureDoc(member as ts.SignatureDeclaration, checker) : memberSymbolDoc(member, checker);
    if (doc.tags.some((tag) => tag.tag === "internal")) continue;
    const signature = signatureOf(member, checker);
    const previous = members.find((m) => m.name === name && m.kind === kind);
    // Overloads and get/set pairs show as one member with several signatures.
    if (previous !== undefined) members[members.indexOf(previous)] = { ...previous, signatures: [...previous.signatures, signature] };
    else members.push({ name, kind, signatures: [signature], doc });
  }
  return members;
}

function isPublic(member: ts.ClassElement | ts.TypeElement): boolean {
  if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) return false;
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

/** The body of an overloaded method: its overloads are the signatures callers see. */
export function isOverloadImplementation(node: ts.Node, checker: ts.TypeChecker): boolean {
  if (!(ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isConstructorDeclaration(node)) || node.body === undefined) return false;
  const siblings = ts.isConstructorDeclaration(node)
    ? node.parent.members.filter(ts.isConstructorDeclaration)
    : node.name === undefined
      ? []
      : (checker.getSymbolAtLocation(node.name)?.declarations ?? []);
  return siblings.some((other) => other !== node && ts.isFunctionLike(other) && !("body" in other && other.body !== undefined));
}

function memberKind(member: ts.ClassElement | ts.TypeElement): ApiMember["kind"] | undefined {
  if (ts.isConstructorDeclaration(member) || ts.isConstructSignatureDeclaration(member)) return "constructor";
  if (ts.isMethodDeclaration(member) || ts.isMethodSignature(member) || ts.isCallSignatureDeclaration(member)) return "method";
  if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) return "accessor";
  if (ts.isPropertyDeclaration(member) || ts.isPropertySignature(member) || ts.isIndexSignatureDeclaration(member)) return "property";
  return undefined;
}

function memberSymbolDoc(member: ts.ClassElement | ts.TypeElement, checker: ts.TypeChecker) {
  const symbol = member.name === undefined ? undefined : checker.getSymbolAtLocation(member.name);
  return symbolDoc(symbol, checker);
}
