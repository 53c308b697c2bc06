/**
 * The compiler's child process (limited-compile.ts starts it): TypeScript
 * turning a learner's source into JavaScript, away from the grader's
 * process and under the limits of command.ts, since a source can make the
 * compiler recurse past its stack or work for hours. It says "started",
 * loads the compiler with the code cache the grader sends (or none), says
 * "ready" (with a fresh cache, made from a fixed sample before any
 * learner's source arrives, when it had none that fits), compiles the
 * source it is sent and answers; then it exits, or, when the grader says
 * another source may follow, waits for it (a source's garbage cannot fail
 * the next: V8 collects everything it can before it declares the heap
 * full). No learner code runs here: only the compiler
 * reads the source.
 */
import { transpileWith, type CompileResult } from "../transpile.ts";
import type { CompilerMessage, ParentCompilerMessage } from "./compile-protocol.ts";
import { loadTypeScript, type LoadedCompiler } from "./typescript-loader.ts";

/** What the cache is made from: the constructs learners write, so their first compile finds most of the compiler compiled. */
const SAMPLE = `
export interface Frame { readonly kind: "data" | "ack"; seq: number; payload?: Uint8Array }
export enum State { Closed, Open }
export class Decoder<T extends object = Frame> {
  #buffer: number[] = [];
  private state: State = State.Closed;
  constructor(readonly maxFrame = 1024) {}
  push(chunk: Uint8Array): T[] {
    const out: T[] = [];
    for (const byte of chunk) this.#buffer.push(byte);
    if (this.#buffer.length > this.maxFrame) throw new RangeError(\`too long: \${this.#buffer.length}\`);
    return out;
  }
}
export async function send(items: readonly string[], map = new Map<string, number>()): Promise<number> {
  let total = 0;
  for (const [i, item] of items.entries()) { total += item.length * i; map.set(item, total); }
  const { a = 1, ...rest } = { a: 2, b: 3 } as Record<string, number>;
  return total + a + Object.keys(rest).length + (map.get("x") ?? 0);
}
export default function encode(payload: Uint8Array): Uint8Array { return new Uint8Array([payload.length >>> 8, payload.length & 0xff, ...payload]); }
`;

function send(message: CompilerMessage, then: () => void = () => {}): void {
  process.send!(message, then);
}

function compile(compiler: LoadedCompiler, source: string, fileName: string): { result: CompileResult; failed: boolean } {
  try {
    return { result: transpileWith(compiler.typescript, source, fileName), failed: false };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof RangeError && /call stack/i.test(message)) {
      const nested = "Your code could not be compiled: it is nested too deeply for the compiler (its call stack overflowed). Flatten the deepest nesting of brackets or expressions.";
      return { result: { ok: false, message: nested }, failed: true };
    }
    return { result: { ok: false, message: `Your code could not be compiled: the compiler failed on it (${message}).` }, failed: true };
  }
}

let compiler: LoadedCompiler | undefined;
process.on("message", (message: ParentCompilerMessage) => {
  if (message.type === "setup" && compiler === undefined) {
    compiler = loadTypeScript(message.compiler, message.cache);
    if (compiler.cacheUsed) return send({ type: "ready" });
    transpileWith(compiler.typescript, SAMPLE, "sample.ts");
    return send({ type: "ready", cache: compiler.makeCache() });
  }
  if (message.type === "compile" && compiler !== undefined) {
    const loaded = compiler;
    compiler = undefined;
    const compiled = compile(loaded, message.source, message.fileName);
    if (!message.keep || compiled.failed) return send({ type: "compiled", ...compiled }, () => process.exit(0));
    compiler = loaded;
    send({ type: "compiled", ...compiled });
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "started" });
