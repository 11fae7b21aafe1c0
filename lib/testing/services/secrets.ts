// The secrets service: set, get (404 when absent, 410 once expired), remove, list (paged names).
import type { ServiceOperations } from '../api-handlers.js';
import { jsonResponse, type Json } from '../responses.js';
import { paginate } from '../pagination.js';
import { isPast, requireFields } from './payload.js';

interface StoredSecret {
  secret: Json;
  expires: string;
}

/** The secrets service's operations over a fresh in-memory store. */
export function secretsOperations(): ServiceOperations {
  const secrets = new Map<string, StoredSecret>();
  return {
    set: (ctx) => {
      const { secret, expires } = requireFields(ctx, { secret: 'object', expires: 'string' });
      secrets.set(ctx.param('name'), { secret: structuredClone(secret), expires });
      return jsonResponse({});
    },
    get: (ctx) => {
      const stored = secrets.get(ctx.param('name'));
      if (!stored) throw ctx.fail(404, 'ResourceNotFound', `no secret named ${ctx.param('name')}`);
      if (isPast(stored.expires))
        throw ctx.fail(410, 'ResourceExpired', `secret ${ctx.param('name')} has expired`);
      return jsonResponse(stored);
    },
    remove: (ctx) => {
      if (!secrets.delete(ctx.param('name')))
        throw ctx.fail(404, 'ResourceNotFound', `no secret named ${ctx.param('name')}`);
      return jsonResponse({});
    },
    list: (ctx) => {
      const { items, continuationToken } = paginate([...secrets.keys()].sort(), ctx.query);
      return jsonResponse(
        continuationToken ? { secrets: items, continuationToken } : { secrets: items },
      );
    },
  };
}
