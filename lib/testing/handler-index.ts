// The sandbox's handlers grouped by the path prefix they answer under. msw offers a request to
// each handler in turn and parses it for every one (URL, cookies), so a request to the last of
// twenty services paid for twenty parses; offering it only its own group's handlers costs one.
import type { RequestHandler } from 'msw';

/** The handlers that answer every path starting with one of `prefixes`. */
export interface HandlerGroup {
  readonly prefixes: readonly string[];
  readonly handlers: readonly RequestHandler[];
}

/**
 * The handlers to offer a request for `pathname`: its group's, or all of them (in order) for a
 * path no group claims. The groups' prefixes must be disjoint, so that a path's group holds
 * every handler of the full list that could answer it, in the same order.
 */
export function handlerIndex(
  groups: readonly HandlerGroup[],
  all: readonly RequestHandler[],
): (pathname: string) => readonly RequestHandler[] {
  const byPrefix = groups.flatMap((group) =>
    group.prefixes.map((prefix) => ({ prefix, handlers: group.handlers })),
  );
  return (pathname) => byPrefix.find((g) => pathname.startsWith(g.prefix))?.handlers ?? all;
}
