// The auth service: currentScopes, expandScopes over the roles given at start, and client
// for the permanent clients (the root client included).
import type { ServiceOperations } from '../api-handlers.js';
import type { ClientDirectory } from '../clients.js';
import { jsonResponse } from '../responses.js';
import { requireFields } from './payload.js';
import { authTestOperations } from './auth-test.js';

const FAR_FUTURE = '3000-01-01T00:00:00.000Z';

/** The auth service's operations over the sandbox's clients and roles. */
export function authOperations(directory: ClientDirectory): ServiceOperations {
  return {
    ...authTestOperations(),
    currentScopes: (ctx) => jsonResponse({ scopes: ctx.caller.scopes }),
    expandScopes: (ctx) => {
      const { scopes } = requireFields(ctx, { scopes: 'array' });
      if (!scopes.every((s: unknown) => typeof s === 'string'))
        throw ctx.fail(400, 'InputValidationError', 'scopes must be strings');
      return jsonResponse({ scopes: directory.expand(scopes) });
    },
    client: (ctx) => {
      const client = directory.permanent(ctx.param('clientId'));
      if (!client) throw ctx.fail(404, 'ResourceNotFound', `no client ${ctx.param('clientId')}`);
      return jsonResponse({
        clientId: client.clientId,
        description: client.description ?? '',
        expires: FAR_FUTURE,
        created: directory.created,
        lastModified: directory.created,
        lastDateUsed: directory.created,
        lastRotated: directory.created,
        scopes: client.scopes,
        expandedScopes: client.expandedScopes,
        disabled: false,
        deleteOnExpiration: false,
      });
    },
  };
}
