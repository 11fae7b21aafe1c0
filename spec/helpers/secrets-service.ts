// A secrets service for loopback specs: answers `secrets.get` from a table of stored secrets,
// for Hawk-verified callers only (the server refuses bad signatures before this runs).
import { json, type Reply } from './hawk-server.js';
import { nth } from './nth.js';

/** The stored secrets, by name. */
export const STORED_SECRETS: Record<string, Record<string, unknown>> = {
  'project/app/ci': {
    API_URL: 'https://api.example.test',
    API_TOKEN: 'stored-api-token',
    common: { LOG_LEVEL: 'info', REGION: 'eu' },
    ci: { LOG_LEVEL: 'debug', DEPLOY_KEY: 'stored-deploy-key' },
    notAnObject: 'plain',
  },
};

/** Reply like the secrets service's `get`: 403 when anonymous, 404 for an unknown name. */
export const secretsService: Reply = (req, res) => {
  const match = /^\/api\/secrets\/v1\/secret\/([^/?]+)$/.exec(req.url);
  if (!match) return json(404, { code: 'ResourceNotFound', message: req.url })(req, res);
  if (!req.clientId)
    return json(403, { code: 'InsufficientScopes', message: 'secrets:get needed' })(req, res);
  const secret = STORED_SECRETS[decodeURIComponent(nth(match, 1))];
  if (!secret)
    return json(404, { code: 'ResourceNotFound', message: 'Secret not found' })(req, res);
  return json(200, { secret, expires: '3000-01-01T00:00:00.000Z' })(req, res);
};
