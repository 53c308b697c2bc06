/**
 * The compiler's child process (limited-compile.ts starts it): TypeScript
 * turning a learner's source into JavaScript, away from the grader's
 * process and under the limits of command.ts, since a source can make the
 * compiler recurse past its stack or work for hours. It says "ready" once
 * the compiler is loaded, compiles the one source it is sent, answers and
 * exits. No learner code runs here: only the compiler reads the source.
 */
import { compileSubmission, type CompileResult } from "../compile.ts";

interface Request {
  readonly source: string;
  readonly fileName: string;
}

function compile(request: Request): CompileResult {
  try {
    return compileSubmission(request.source, request.fileName);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof RangeError && /call stack/i.test(message)) {
      return { ok: false, message: "Your code could not be compiled: it is nested too deeply for the compiler (its call stack overflowed). Flatten the deepest nesting of brackets or expressions." };
    }
    return { ok: false, message: `Your code could not be compiled: the compiler failed on it (${message}).` };
  }
}

process.once("message", (request: Request) => {
  process.send!({ type: "compiled", result: compile(request) }, () => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
process.send!({ type: "ready" });
