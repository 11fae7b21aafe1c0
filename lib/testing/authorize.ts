// Scope enforcement: an entry's scope expression, expanded with the request's parameters,
// against the caller's scopes; a 403 InsufficientScopes naming what is missing otherwise.
import type { FunctionEntry } from '../references/types.js';
import {
  expandTemplate,
  missingScopes,
  templateParams,
  type ScopeParams,
} from './scope-expression.js';
import { serviceError, type RequestInfo } from './responses.js';
import type { Caller } from './hawk-auth.js';

/** Whether the URL parameters alone expand the entry's scopes (else the handler supplies the rest). */
export function urlParamsSuffice(
  entry: FunctionEntry,
  urlParams: Readonly<Record<string, string>>,
): boolean {
  if (entry.scopes === undefined) return true;
  return [...templateParams(entry.scopes)].every((name) => name in urlParams);
}

/** Throws a 403 response unless `caller` satisfies the entry's scopes under `params`. */
export function checkScopes(
  entry: FunctionEntry,
  caller: Caller,
  params: ScopeParams,
  requestInfo: RequestInfo,
): void {
  if (entry.scopes === undefined) return;
  let expression;
  try {
    expression = expandTemplate(entry.scopes, params);
  } catch (err) {
    throw serviceError(
      500,
      'InternalServerError',
      `sandbox could not expand the scopes of ${entry.name}: ${(err as Error).message}`,
      requestInfo,
    );
  }
  const missing = missingScopes(caller.scopes, expression);
  if (missing === undefined) return;
  const message = [
    `Client ID ${caller.clientId ?? 'anonymous'} does not have sufficient scopes and is missing the following scopes:`,
    '',
    '```',
    JSON.stringify(missing, null, 2),
    '```',
    '',
    'This request requires the client to satisfy the following scope expression:',
    '',
    '```',
    JSON.stringify(expression, null, 2),
    '```',
  ].join('\n');
  throw serviceError(403, 'InsufficientScopes', message, requestInfo);
}
