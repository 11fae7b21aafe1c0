// What every service answers: `ping`; and the 404 for an API path that no reference entry
// of a known service matches (an unknown service included).
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { errorResponse, jsonResponse } from '../responses.js';
import type { Operation } from '../api-handlers.js';

/** `ping` as the services answer it: alive, with the uptime in seconds. */
export function pingOperation(startedAt: number): Operation {
  return () => jsonResponse({ alive: true, uptime: (Date.now() - startedAt) / 1000 });
}

/** The last handler: any other /api/ request is a 404 naming the service or the path. */
export function unknownApiHandler(serviceNames: readonly string[]): HttpHandler {
  const known = new Set(serviceNames);
  return http.all(
    ({ request }) => new URL(request.url).pathname.startsWith('/api/'),
    ({ request }) => {
      const path = new URL(request.url).pathname;
      const service = path.split('/')[2] ?? '';
      const message = known.has(service)
        ? `${service} has no method at ${request.method} ${path}`
        : `no service named ${JSON.stringify(service)} in this sandbox (it has ${[...known].join(', ')})`;
      return errorResponse(404, 'ResourceNotFound', message);
    },
  );
}
