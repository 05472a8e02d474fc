// node:assert/strict in the web worker bundle of the suite (web.ts), where Node's module does not
// exist: the functions the suite calls, with the same meaning (Object.is equality, deep strict
// equality of plain objects and arrays). esbuild substitutes it for node:assert/strict.
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message: string | undefined, what: string): never {
  throw new AssertionError(message ? `${message}\n${what}` : what);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

function deepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => Object.hasOwn(b, k) && deepStrictEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!deepStrictEqual(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) fail(message, `${show(text)} does not match ${pattern}`);
}
