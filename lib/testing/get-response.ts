// msw's `getResponse(handlers, request)`, without msw's main module: that one loads msw's GraphQL
// handler and with it the whole `graphql` package (129 modules), 0.15 s of CPU for every process,
// and every Jest spec file, that loads the sandbox. The same loop as msw's own: the handlers are
// asked in order, and the first response found is the answer.
import type { RequestHandler } from 'msw';

/** What the first handler that answers `request` responds, or undefined when none does. */
export async function getResponse(
  handlers: readonly RequestHandler[],
  request: Request,
  resolutionContext?: { quiet?: boolean },
): Promise<Response | undefined> {
  const requestId = crypto.randomUUID();
  for (const handler of handlers) {
    const result = await handler.run({
      request,
      requestId,
      ...(resolutionContext && { resolutionContext }),
    });
    if (result?.response) return result.response;
  }
  return undefined;
}
