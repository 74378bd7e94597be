// The assertion of the cases every runtime runs (no test runner's `expect`
// there) and of the Deno tests.

/** Throws an Error with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
