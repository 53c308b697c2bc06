/**
 * `expect` for lab tests: Jest's matchers (`toBe`, `toEqual`, ...) as
 * vitest provides them, built from `@vitest/expect` on Chai so it works the
 * same in Node and in a browser worker, outside any test runner.
 */
import { JestAsymmetricMatchers, JestChaiExpect, JestExtend } from "@vitest/expect";
import * as chai from "chai";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** Jest-style assertions: `expect(frames).toEqual(["68 69"])`. */
export const expect = chai.expect as unknown as typeof import("vitest").expect;
