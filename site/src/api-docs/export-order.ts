/**
 * The order in which a module exports its names, as its author wrote them:
 * named exports in place, `export *` expanded in place to the target's own
 * order, a file's local exports in source order. The reference follows it,
 * so related names stay together and the main ones come first.
 */
import ts from "typescript";

export function exportOrder(source: ts.SourceFile, checker: ts.TypeChecker): Map<string, number> {
  const order = new Map<string, number>();
  const seen = new Set<ts.SourceFile>();
  const visit = (file: ts.SourceFile) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const statement of file.statements) {
      if (ts.isExportDeclaration(statement)) {
        if (statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
          for (const element of statement.exportClause.elements) add(order, element.name.text);
        } else if (statement.moduleSpecifier !== undefined) {
          const target = checker.getSymbolAtLocation(statement.moduleSpecifier)?.declarations?.find(ts.isSourceFile);
          if (target !== undefined) visit(target);
        }
      } else if (isExported(statement)) {
        for (const name of declaredNames(statement)) add(order, name);
      }
    }
  };
  visit(source);
  return order;
}

function add(order: Map<string, number>, name: string): void {
  if (!order.has(name)) order.set(name, order.size);
}

function isExported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  const name = (statement as ts.DeclarationStatement).name;
  return name !== undefined && ts.isIdentifier(name) ? [name.text] : [];
}
