// Stands in for `node:assert/strict` in the web-worker test bundle (test/web/build.mjs aliases the module to this
// file), where no Node built-in exists. It implements the subset the tests and test/suite/helpers.ts use, with the
// same strict semantics, so the shared helpers run unchanged in both extension hosts. A function the tests call
// that is missing here fails the test with a TypeError; it never passes silently.

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item) => (item === undefined ? '<undefined>' : item), 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${describe(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${describe(expected)}, got ${describe(actual)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `expected a value other than ${describe(expected)}`);
}

/** Deep strict equality as `assert.deepStrictEqual` sees it for plain data: same prototypes, the same own
 *  enumerable keys (a key set to `undefined` differs from a missing one), primitives compared with Object.is. */
function deepStrictEqual(actual: unknown, expected: unknown): boolean {
  if (Object.is(actual, expected)) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return false;
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return false;
  const actualKeys = Object.keys(actual);
  const expectedKeys = Object.keys(expected);
  if (actualKeys.length !== expectedKeys.length) return false;
  return expectedKeys.every((key) =>
    Object.prototype.hasOwnProperty.call(actual, key) &&
    deepStrictEqual((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]));
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepStrictEqual(actual, expected)) fail(message, `expected\n${describe(expected)}\ngot\n${describe(actual)}`);
}

export function match(value: string, pattern: RegExp, message?: string | Error): void {
  if (!pattern.test(value)) fail(message, `expected ${describe(value)} to match ${pattern}`);
}
