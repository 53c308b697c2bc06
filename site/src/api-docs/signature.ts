/**
 * A declaration's signature as its author wrote it: the source text up to
 * its body (functions, methods), its heading (classes, interfaces) or whole
 * (type aliases, whose comments on each variant stay), without its own doc
 * comment, `export` or a body. A property or constant with no written type
 * gets the type the checker infers.
 */
import ts from "typescript";

/** Longest inferred type shown in full. */
const MAX_INFERRED = 120;

export function signatureOf(node: ts.Node, checker: ts.TypeChecker): string {
  if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) return clean(node, node.members.pos - 1);
  if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) return clean(node, (node.body as ts.Node).getStart());
  if (ts.isVariableDeclaration(node)) return `${variableKeyword(node)} ${typed(node, node.name.getText(), checker)}`;
  if (ts.isPropertyDeclaration(node)) {
    const head = node.getSourceFile().text.slice(node.getStart(), node.name.getStart());
    return `${head}${typed(node, node.name.getText() + (node.questionToken ? "?" : ""), checker)}`;
  }
  return clean(node, node.getEnd());
}

/** `name: Type`, with the written type or else the inferred one. */
function typed(node: ts.VariableDeclaration | ts.PropertyDeclaration, name: string, checker: ts.TypeChecker): string {
  if (node.type !== undefined) return `${name}: ${node.type.getText()}`;
  const type = checker.getTypeAtLocation(node);
  const text = checker.typeToString(type, node, ts.TypeFormatFlags.NoTruncation);
  if (text.length <= MAX_INFERRED || type.getProperties().length === 0) return `${name}: ${text}`;
  // A long inferred object (a table of constants): its keys say enough.
  return `${name}: { ${type.getProperties().map((p) => `${propertyName(p.name)}: {…}`).join("; ")} }`;
}

function variableKeyword(node: ts.VariableDeclaration): string {
  const flags = ts.isVariableDeclarationList(node.parent) ? node.parent.flags : 0;
  return flags & ts.NodeFlags.Const ? "const" : "let";
}

/** The source from the node's first token to `end`, dedented, without `export`/`declare` or a final `;`. */
function clean(node: ts.Node, end: number): string {
  const source = node.getSourceFile();
  const start = node.getStart();
  const column = source.getLineAndCharacterOfPosition(start).character;
  const text = source.text.slice(start, end).trim();
  const lines = text.split("\n").map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${column}}`), "")));
  return lines
    .join("\n")
    .replace(/^export\s+(default\s+)?/, "")
    .replace(/^declare\s+/, "")
    .replace(/[;,]\s*$/, "")
    .trimEnd();
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
