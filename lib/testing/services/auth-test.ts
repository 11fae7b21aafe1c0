// The auth service's testAuthenticate and testAuthenticateGet: authentication as if a client
// `tester` (accessToken `no-secret`) held the given clientScopes, then the requiredScopes
// check; the answer is the caller's clientId and scopes. Client libraries test against these.
import type { Operation, OperationContext, ServiceOperations } from '../api-handlers.js';
import { createClientDirectory } from '../clients.js';
import { authenticate, requestExt } from '../hawk-auth.js';
import { missingScopes } from '../scope-expression.js';
import { jsonResponse } from '../responses.js';

const TESTER = { clientId: 'tester', accessToken: 'no-secret' };
// What testAuthenticateGet lets `tester` hold and requires, as in the auth service.
const GET_CLIENT_SCOPES = ['test:*', 'auth:create-client:test:*'];
const GET_REQUIRED_SCOPES = ['test:authenticate-get'];

function stringList(ctx: OperationContext, value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
    throw ctx.fail(400, 'InputValidationError', `${name} must be an array of strings`);
  return value;
}

/**
 * The scopes the auth service reports, in its order: `assume:anonymous`, then the narrowest
 * of authorizedScopes, the certificate's scopes, or the client's.
 */
function reportedScopes(ctx: OperationContext, clientScopes: string[]): string[] {
  // authenticate() has verified the ext by now: its certificate and authorizedScopes hold.
  const ext = requestExt(ctx.request);
  const certScopes = (ext.certificate as { scopes?: string[] } | undefined)?.scopes;
  const own = Array.isArray(ext.authorizedScopes)
    ? (ext.authorizedScopes as string[])
    : (certScopes ?? clientScopes);
  return ['assume:anonymous', ...own.filter((s) => s !== 'assume:anonymous')];
}

async function testAs(ctx: OperationContext, clientScopes: string[], requiredScopes: string[]) {
  // Only `tester` exists here, and the anonymous role grants nothing.
  const directory = createClientDirectory(
    [{ ...TESTER, scopes: clientScopes }],
    [{ roleId: 'anonymous', scopes: [] }],
  );
  const caller = await authenticate(ctx.request, directory);
  ctx.authorize();
  if (missingScopes(caller.scopes, { AllOf: requiredScopes }))
    throw ctx.fail(403, 'InsufficientScopes', 'You do not have sufficient scopes.');
  return jsonResponse({ clientId: caller.clientId, scopes: reportedScopes(ctx, clientScopes) });
}

const testAuthenticate: Operation = (ctx) => {
  const payload = ctx.payload ?? {};
  return testAs(
    ctx,
    stringList(ctx, payload['clientScopes'], 'clientScopes'),
    stringList(ctx, payload['requiredScopes'], 'requiredScopes'),
  );
};

const testAuthenticateGet: Operation = (ctx) => testAs(ctx, GET_CLIENT_SCOPES, GET_REQUIRED_SCOPES);

/** The two test operations of the auth service. */
export function authTestOperations(): ServiceOperations {
  return { testAuthenticate, testAuthenticateGet };
}
