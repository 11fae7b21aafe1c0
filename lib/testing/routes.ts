// Reference routes (`/task/<taskId>/runs/<runId>`) compiled to matchers over the request path,
// ordered so that a literal route wins over a parameter that could match it empty.
import type { ApiReference, FunctionEntry } from '../references/types.js';

export interface CompiledRoute {
  readonly serviceName: string;
  readonly entry: FunctionEntry;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** The path prefix of a service's API: `/api/<serviceName>/<apiVersion>`. */
export function apiPrefix(reference: ApiReference): string {
  return `/api/${reference.serviceName}/${reference.apiVersion ?? 'v1'}`;
}

/**
 * A matcher for one entry. Parameters match one path segment, possibly empty, except a trailing
 * `<name>` (artifact, secret and object names), which may hold raw slashes as the services accept.
 */
export function compileRoute(reference: ApiReference, entry: FunctionEntry): CompiledRoute {
  const names: string[] = [];
  const parts = `${apiPrefix(reference)}${entry.route}`.split(/(<[^>]+>)/);
  const source = parts
    .map((part, i) => {
      const name = /^<([^>]+)>$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      const trailing = i === parts.length - 2 && parts[parts.length - 1] === '';
      return trailing && name === 'name' ? '(.*)' : '([^/]*)';
    })
    .join('');
  return { serviceName: reference.serviceName, entry, pattern: new RegExp(`^${source}$`), names };
}

/** The routes of a reference's methods: a reference given to the sandbox may list other kinds. */
export function methodRoutes(reference: ApiReference): CompiledRoute[] {
  const entries: ReadonlyArray<{ type: unknown }> = reference.entries;
  return entries
    .filter((entry): entry is FunctionEntry => entry.type === 'function')
    .map((entry) => compileRoute(reference, entry));
}

/** The decoded URL parameters when `pathname` matches `route`. */
export function matchRoute(
  route: CompiledRoute,
  pathname: string,
): Record<string, string> | undefined {
  const match = route.pattern.exec(pathname);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  try {
    route.names.forEach((name, i) => {
      // Every group of the pattern takes part in a match, so none is undefined.
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
  } catch {
    return undefined;
  }
  return params;
}

/** Fewer parameters first, then longer literal text: `/clients/` before `/clients/<clientId>`. */
export function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const literal = (r: CompiledRoute) => r.entry.route.replace(/<[^>]+>/g, '').length;
  return a.names.length - b.names.length || literal(b) - literal(a);
}
