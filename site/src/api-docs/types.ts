/**
 * What the runtime API reference shows: plain data, extracted at build time
 * from the runtime's declarations and TSDoc comments (extract.ts).
 */

/** What kind of declaration an exported name stands for. */
export type ApiKind = "class" | "function" | "interface" | "type" | "const" | "enum";

/** A piece of doc text: plain text, or a `{@link Name}` to another symbol. */
export type DocPart = { readonly text: string } | { readonly link: string; readonly label: string };

/** One block tag of a comment (`@param`, `@returns`, `@throws`, `@example`...). */
export interface DocTag {
  readonly tag: string;
  /** The parameter a `@param` tag describes. */
  readonly name?: string;
  readonly doc: readonly DocPart[];
}

/** A comment, split into its summary (first paragraph), the rest, and its tags. */
export interface ApiDoc {
  readonly summary: readonly DocPart[];
  readonly remarks: readonly DocPart[];
  readonly tags: readonly DocTag[];
}

/** A public member of a class or interface. */
export interface ApiMember {
  readonly name: string;
  readonly kind: "constructor" | "method" | "property" | "accessor";
  readonly signatures: readonly string[];
  readonly doc: ApiDoc;
  /** The base class a member is inherited from ("NetworkNode"); absent for the class's own members. */
  readonly inheritedFrom?: string;
}

/** One exported name of the runtime. */
export interface ApiSymbol {
  /** The name it is exported under. */
  readonly name: string;
  readonly kind: ApiKind;
  /** The declaration(s) as source text, without bodies or comments. */
  readonly signatures: readonly string[];
  readonly doc: ApiDoc;
  readonly members: readonly ApiMember[];
  /** The declaring file, relative to the repository root ("runtime/net/network.ts"). */
  readonly file: string;
  readonly line: number;
  /** The runtime folder it comes from: "core", "net", "wire", "trace" or "transport". */
  readonly module: string;
}
