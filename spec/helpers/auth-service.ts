// An auth service for loopback specs: answers `client` and `currentScopes` from a table of
// clients; the scopes are those the server's Hawk check granted (a certificate's own for
// temporary credentials), so run it on a server started with the same `clients`.
import { json, type Reply } from './hawk-server.js';
import type { PermanentClient } from './hawk-server.js';
import { nth } from './nth.js';

/** A client as the auth service stores it. */
export interface StoredClient extends PermanentClient {
  expires: Date;
  disabled?: boolean;
}

/** Reply like the auth service's `client` (anonymous) and `currentScopes` (authenticated). */
export const authService =
  (clients: Record<string, StoredClient>): Reply =>
  (req, res) => {
    const client = /^\/api\/auth\/v1\/clients\/([^/?]+)$/.exec(req.url);
    if (client) {
      const clientId = decodeURIComponent(nth(client, 1));
      const stored = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
      if (!stored)
        return json(404, { code: 'ResourceNotFound', message: `Client ${clientId} not found` })(
          req,
          res,
        );
      return json(200, {
        clientId,
        expires: stored.expires.toJSON(),
        disabled: Boolean(stored.disabled),
        scopes: stored.scopes,
      })(req, res);
    }
    if (req.url === '/api/auth/v1/scopes/current') {
      if (!req.clientId)
        return json(403, { code: 'InsufficientScopes', message: 'anonymous' })(req, res);
      return json(200, { scopes: req.scopes })(req, res);
    }
    return json(404, { code: 'ResourceNotFound', message: req.url })(req, res);
  };
