import { WireError } from "#runtime/wire/errors.ts";

/** Runs `action` and returns the WireError it throws; fails the test otherwise. */
export function wireError(action: () => unknown): WireError {
  try {
    action();
  } catch (error) {
    if (error instanceof WireError) return error;
    throw error;
  }
  throw new Error("expected a WireError, but nothing was thrown");
}
