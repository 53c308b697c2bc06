/** The TSDoc of a symbol or of one call signature, as an ApiDoc. */
import ts from "typescript";
import { toApiDoc } from "./doc-comment.ts";
import type { ApiDoc } from "./types.ts";

const NO_DOC: ApiDoc = { summary: [], remarks: [], tags: [] };

export function symbolDoc(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): ApiDoc {
  if (symbol === undefined) return NO_DOC;
  return toApiDoc(symbol.getDocumentationComment(checker), symbol.getJsDocTags(checker));
}

/** The doc of one declaration of a function, method or constructor (overloads have their own). */
export function signatureDoc(node: ts.SignatureDeclaration, checker: ts.TypeChecker): ApiDoc {
  const signature = checker.getSignatureFromDeclaration(node);
  if (signature === undefined) return NO_DOC;
  return toApiDoc(signature.getDocumentationComment(checker), signature.getJsDocTags());
}
