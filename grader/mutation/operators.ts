/**
 * Mutation operators: the single edits a generated mutant makes to a
 * solution, read off the TypeScript AST. They follow the operators of
 * StrykerJS and PIT (design brief, "How a lab proves its tests"): flip a
 * comparison, shift a number by one, swap an operator, negate or force a
 * condition, drop a statement, swap a method for its sibling.
 */
import ts from "typescript";

/** One edit: replace source[start, end) with `replacement`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  /** The operator's name, as Stryker names its mutators. */
  readonly operator: string;
}

const BINARY_SWAPS: Readonly<Record<string, { operator: string; to: readonly string[] }>> = {
  "<": { operator: "EqualityOperator", to: ["<=", ">="] },
  "<=": { operator: "EqualityOperator", to: ["<", ">"] },
  ">": { operator: "EqualityOperator", to: [">=", "<="] },
  ">=": { operator: "EqualityOperator", to: [">", "<"] },
  "===": { operator: "EqualityOperator", to: ["!=="] },
  "!==": { operator: "EqualityOperator", to: ["==="] },
  "==": { operator: "EqualityOperator", to: ["!="] },
  "!=": { operator: "EqualityOperator", to: ["=="] },
  "+": { operator: "ArithmeticOperator", to: ["-"] },
  "-": { operator: "ArithmeticOperator", to: ["+"] },
  "*": { operator: "ArithmeticOperator", to: ["/"] },
  "/": { operator: "ArithmeticOperator", to: ["*"] },
  "%": { operator: "ArithmeticOperator", to: ["*"] },
  "&&": { operator: "LogicalOperator", to: ["||"] },
  "||": { operator: "LogicalOperator", to: ["&&"] },
  "??": { operator: "LogicalOperator", to: ["&&"] },
  "&": { operator: "BitwiseOperator", to: ["|"] },
  "|": { operator: "BitwiseOperator", to: ["&"] },
  "^": { operator: "BitwiseOperator", to: ["|"] },
  "<<": { operator: "BitwiseOperator", to: [">>"] },
  ">>": { operator: "BitwiseOperator", to: ["<<", ">>>"] },
  ">>>": { operator: "BitwiseOperator", to: [">>"] },
  "+=": { operator: "AssignmentOperator", to: ["-="] },
  "-=": { operator: "AssignmentOperator", to: ["+="] },
  "*=": { operator: "AssignmentOperator", to: ["/="] },
  "/=": { operator: "AssignmentOperator", to: ["*="] },
  "|=": { operator: "AssignmentOperator", to: ["&="] },
  "&=": { operator: "AssignmentOperator", to: ["|="] },
  "^=": { operator: "AssignmentOperator", to: ["|="] },
  "<<=": { operator: "AssignmentOperator", to: [">>="] },
  ">>=": { operator: "AssignmentOperator", to: ["<<="] },
  ">>>=": { operator: "AssignmentOperator", to: [">>="] },
};

/** Methods swapped for a sibling that takes the same arguments. */
const METHOD_SWAPS: Readonly<Record<string, string>> = {
  min: "max",
  max: "min",
  floor: "ceil",
  ceil: "floor",
  slice: "subarray",
  subarray: "slice",
  push: "unshift",
  unshift: "push",
  shift: "pop",
  pop: "shift",
  some: "every",
  every: "some",
};

/** Array literals longer than this are data tables (checked against their sources elsewhere), not logic. */
const DATA_TABLE_LENGTH = 16;

/** Every single edit the operators make to `source`. */
export function findEdits(source: string, fileName = "solution.ts"): { edits: Edit[]; skippedDataTables: number } {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  let skippedDataTables = 0;
  const text = (node: ts.Node) => source.slice(node.getStart(file), node.end);
  const replace = (node: ts.Node, replacement: string, operator: string) =>
    edits.push({ start: node.getStart(file), end: node.end, replacement, operator });

  const visit = (node: ts.Node): void => {
    if (skipsSubtree(node)) return;
    if (ts.isArrayLiteralExpression(node) && node.elements.length > DATA_TABLE_LENGTH) {
      skippedDataTables++;
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const token = node.operatorToken.getText(file);
      for (const to of BINARY_SWAPS[token]?.to ?? []) {
        edits.push({ start: node.operatorToken.getStart(file), end: node.operatorToken.end, replacement: to, operator: BINARY_SWAPS[token]!.operator });
      }
    } else if (ts.isPrefixUnaryExpression(node)) {
      const operand = text(node.operand);
      if (node.operator === ts.SyntaxKind.ExclamationToken) replace(node, operand, "BooleanLiteral");
      if (node.operator === ts.SyntaxKind.MinusToken && !ts.isNumericLiteral(node.operand)) replace(node, operand, "UnaryOperator");
      if (node.operator === ts.SyntaxKind.TildeToken) replace(node, operand, "UnaryOperator");
      if (node.operator === ts.SyntaxKind.PlusPlusToken) replace(node, `--${operand}`, "UpdateOperator");
      if (node.operator === ts.SyntaxKind.MinusMinusToken) replace(node, `++${operand}`, "UpdateOperator");
    } else if (ts.isPostfixUnaryExpression(node)) {
      const operand = text(node.operand);
      replace(node, node.operator === ts.SyntaxKind.PlusPlusToken ? `${operand}--` : `${operand}++`, "UpdateOperator");
    } else if (ts.isNumericLiteral(node)) {
      const value = Number(node.text);
      if (Number.isInteger(value)) {
        const negative = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
        const signed = negative ? -value : value;
        const target = negative ? node.parent : node;
        for (const shifted of [signed + 1, signed - 1]) replace(target, `(${shifted})`, "NumberLiteral");
      }
    } else if (node.kind === ts.SyntaxKind.TrueKeyword) {
      replace(node, "false", "BooleanLiteral");
    } else if (node.kind === ts.SyntaxKind.FalseKeyword) {
      replace(node, "true", "BooleanLiteral");
    } else if (ts.isPropertyAccessExpression(node) && ts.isCallExpression(node.parent) && node.parent.expression === node) {
      const swap = METHOD_SWAPS[node.name.text];
      if (swap !== undefined) edits.push({ start: node.name.getStart(file), end: node.name.end, replacement: swap, operator: "MethodExpression" });
    }
    const condition = conditionOf(node);
    if (condition !== undefined && !isLiteralCondition(condition)) {
      replace(condition, "true", "ConditionalExpression");
      replace(condition, "false", "ConditionalExpression");
    }
    if (isRemovableStatement(node)) replace(node, "", "StatementRemoval");
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { edits, skippedDataTables };
}

/** Types, imports, messages and logging carry no behaviour a test could see (or none worth mutating). */
function skipsSubtree(node: ts.Node): boolean {
  return (
    ts.isTypeNode(node) ||
    ts.isImportDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isTemplateExpression(node) ||
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) ||
    isConsoleCall(node)
  );
}

function isConsoleCall(node: ts.Node): boolean {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === "console";
}

/** The condition of an if, a loop or a ?: expression. */
function conditionOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isConditionalExpression(node)) {
    return ts.isConditionalExpression(node) ? node.condition : node.expression;
  }
  if (ts.isForStatement(node)) return node.condition;
  return undefined;
}

function isLiteralCondition(condition: ts.Expression): boolean {
  return condition.kind === ts.SyntaxKind.TrueKeyword || condition.kind === ts.SyntaxKind.FalseKeyword;
}

/** Expression statements, break and continue inside a block: removing one is a classic "forgot to" bug. */
function isRemovableStatement(node: ts.Node): boolean {
  if (!(ts.isExpressionStatement(node) || ts.isBreakStatement(node) || ts.isContinueStatement(node))) return false;
  if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.SuperKeyword) return false;
  if (ts.isExpressionStatement(node) && isConsoleCall(node.expression)) return false;
  return ts.isBlock(node.parent) || ts.isCaseClause(node.parent) || ts.isDefaultClause(node.parent) || ts.isSourceFile(node.parent);
}
