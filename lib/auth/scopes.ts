// Scope satisfaction in disjunctive normal form, as the Taskcluster clients define it:
// a trailing `*` in an assumed scope matches every scope with that prefix.
import { failure } from '../errors.js';

/**
 * True when `assumedScopes` satisfy at least one set of `requiredScopeSets` (an OR of ANDs).
 * An assumed scope ending in `*` matches every scope that starts with what precedes the
 * star; a `*` anywhere else, or in a required scope, is an ordinary character.
 * `[]` (no alternatives) is never satisfied, `[[]]` (one empty alternative) always is.
 * Throws a `TaskclusterFailure` unless given an array of strings and an array of arrays of strings.
 *
 * @example scopeMatch(['queue:create-task:*'], [['queue:create-task:low/my-worker']]) // true
 */
export function scopeMatch(
  assumedScopes: readonly string[],
  requiredScopeSets: ReadonlyArray<readonly string[]>,
): boolean {
  checkAssumed(assumedScopes);
  checkRequired(requiredScopeSets);
  return requiredScopeSets.some((scopeSet) =>
    scopeSet.every((required) => isSatisfied(assumedScopes, required)),
  );
}

/** Alias of {@link scopeMatch}, under the name some Taskcluster clients use. */
export const scopesMatch = scopeMatch;

function isSatisfied(assumedScopes: readonly string[], required: string): boolean {
  return assumedScopes.some(
    (scope) =>
      scope === required || (scope.endsWith('*') && required.startsWith(scope.slice(0, -1))),
  );
}

function checkAssumed(assumedScopes: unknown): void {
  if (!Array.isArray(assumedScopes)) {
    throw failure(
      `scopeMatch: assumedScopes must be an array of strings, got ${describe(assumedScopes)}`,
    );
  }
  checkStrings(assumedScopes, 'assumedScopes');
}

function checkRequired(requiredScopeSets: unknown): void {
  if (!Array.isArray(requiredScopeSets)) {
    throw failure(
      `scopeMatch: requiredScopeSets must be an array of arrays of strings, got ${describe(requiredScopeSets)}`,
    );
  }
  // Index loops rather than forEach, so that holes in sparse arrays are reported too.
  for (let i = 0; i < requiredScopeSets.length; i++) {
    const scopeSet: unknown = requiredScopeSets[i];
    if (!Array.isArray(scopeSet)) {
      const hint =
        typeof scopeSet === 'string' ? ` (wrap it: [[${JSON.stringify(scopeSet)}]])` : '';
      throw failure(
        `scopeMatch: requiredScopeSets[${String(i)}] must be an array of strings, got ${describe(scopeSet)}${hint}`,
      );
    }
    checkStrings(scopeSet, `requiredScopeSets[${String(i)}]`);
  }
}

function checkStrings(list: unknown[], label: string): void {
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== 'string')
      throw failure(
        `scopeMatch: ${label}[${String(i)}] must be a string, got ${describe(list[i])}`,
      );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value;
}
