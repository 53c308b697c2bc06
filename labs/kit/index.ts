/** What lab tests import: declare tests, assert, and read or write hex. */
export { defineTests, SandboxFailure, stepText, type Step, type TestContext, type TestOptions, type TestSuite, type LabTest } from "./define-tests.ts";
export { expect } from "./expect.ts";
export { expectBytes, expectByteList, fail, LabAssertionError, preview } from "./assert.ts";
export { fromHex, toHex } from "./hex.ts";
