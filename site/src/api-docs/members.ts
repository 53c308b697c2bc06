/**
 * The public members of a class or an interface, each with its own
 * signature and doc. Private members (`private`, `protected`, `#name`) and
 * members tagged `@internal` are left out. A class also lists the public
 * members it inherits from its base classes (exported or not), marked with
 * the base they come from, after its own.
 */
import ts from "typescript";
import { symbolDoc, signatureDoc } from "./symbol-doc.ts";
import { signatureOf } from "./signature.ts";
import type { ApiMember } from "./types.ts";

export function membersOf(node: ts.ClassDeclaration | ts.InterfaceDeclaration, checker: ts.TypeChecker): ApiMember[] {
  const own = ownMembersOf(node, checker);
  return ts.isClassDeclaration(node) ? [...own, ...inheritedMembersOf(node, checker, own)] : own;
}

/**
 * The public members a class inherits, nearest base first, each base's in
 * declaration order; constructors and members the class (or a nearer base)
 * declares itself are left out. Bases declared outside classes (`Error`) add none.
 */
function inheritedMembersOf(node: ts.ClassDeclaration, checker: ts.TypeChecker, own: readonly ApiMember[]): ApiMember[] {
  const taken = new Set(own.map((m) => m.name));
  const inherited: ApiMember[] = [];
  for (let base = baseClassOf(node, checker); base !== undefined; base = baseClassOf(base, checker)) {
    const from = base.name?.text ?? "";
    const members = ownMembersOf(base, checker);
    for (const member of members) {
      if (member.kind !== "constructor" && !taken.has(member.name)) inherited.push({ ...member, inheritedFrom: from });
    }
    for (const member of members) taken.add(member.name);
  }
  return inherited;
}

/** The class declaration `node` extends, if it extends one. */
function baseClassOf(node: ts.ClassDeclaration, checker: ts.TypeChecker): ts.ClassDeclaration | undefined {
  const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (heritage === undefined) return undefined;
  let symbol = checker.getSymbolAtLocation(heritage.expression);
  if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations?.find(ts.isClassDeclaration);
}

function ownMembersOf(node: ts.ClassDeclaration | ts.InterfaceDeclaration, checker: ts.TypeChecker): ApiMember[] {
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
