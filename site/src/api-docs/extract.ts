/**
 * Reads a module's public API with the TypeScript compiler: every name it
 * exports (re-exports followed to the declaring file), with its kind,
 * signature, TSDoc and public members. Runs at build time, in Node.
 *
 *   extractApi("/repo/runtime/index.ts", "/repo") → ApiSymbol[]
 */
import { relative, sep } from "node:path";
import ts from "typescript";
import { exportOrder } from "./export-order.ts";
import { resolveMemberLinks } from "./member-links.ts";
import { isOverloadImplementation, membersOf } from "./members.ts";
import { signatureOf } from "./signature.ts";
import { signatureDoc, symbolDoc } from "./symbol-doc.ts";
import type { ApiKind, ApiSymbol } from "./types.ts";

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  skipLibCheck: true,
  types: [],
  // The runtime uses no DOM and no Node APIs (runtime/tsconfig.json); fewer libraries load faster.
  lib: ["lib.es2022.d.ts"],
};

/**
 * The exports of `entry`, in the order the entry and the files it
 * re-exports list them (export-order.ts), with `{@link member}` inside a
 * class's docs pointing at that member (member-links.ts).
 * `root` is what file paths are made relative to; `module` is the first
 * folder of that path below the entry's own folder ("net" for runtime/net/).
 */
export function extractApi(entry: string, root: string): ApiSymbol[] {
  const program = ts.createProgram([entry], OPTIONS);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error(`extractApi: cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`extractApi: ${entry} is not a module`);
  const entryDir = relative(root, entry).split(sep).slice(0, -1);
  const symbols = checker.getExportsOfModule(moduleSymbol).flatMap((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const entryFor = describe(exported.name, symbol, checker, root, entryDir.length);
    return entryFor === undefined ? [] : [entryFor];
  });
  const order = exportOrder(source, checker);
  const rank = (symbol: ApiSymbol) => order.get(symbol.name) ?? order.size;
  return resolveMemberLinks(symbols).sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line);
}

function describe(name: string, symbol: ts.Symbol, checker: ts.TypeChecker, root: string, depth: number): ApiSymbol | undefined {
  const declarations = (symbol.declarations ?? []).filter((node) => kindOf(node) !== undefined && !isOverloadImplementation(node, checker));
  const first = declarations[0];
  if (first === undefined) return undefined;
  const doc = ts.isFunctionDeclaration(first) ? signatureDoc(first, checker) : symbolDoc(symbol, checker);
  if (doc.tags.some((tag) => tag.tag === "internal")) return undefined;
  const file = first.getSourceFile();
  const path = relative(root, file.fileName).split(sep);
  const owner = declarations.find((node) => ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node));
  return {
    name,
    kind: kindOf(first)!,
    signatures: declarations.map((node) => signatureOf(node, checker)),
    doc,
    members: owner !== undefined && (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) ? membersOf(owner, checker) : [],
    file: path.join("/"),
    line: file.getLineAndCharacterOfPosition(first.getStart()).line + 1,
    module: path.length > depth + 1 ? path[depth]! : "",
  };
}

function kindOf(node: ts.Node): ApiKind | undefined {
  if (ts.isClassDeclaration(node)) return "class";
  if (ts.isFunctionDeclaration(node)) return "function";
  if (ts.isInterfaceDeclaration(node)) return "interface";
  if (ts.isTypeAliasDeclaration(node)) return "type";
  if (ts.isVariableDeclaration(node)) return "const";
  if (ts.isEnumDeclaration(node)) return "enum";
  return undefined;
}
