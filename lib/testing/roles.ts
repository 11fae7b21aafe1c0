// Role expansion as the Taskcluster auth service does it: `assume:<roleId>` brings the role's
// scopes, a role id ending in `*` is assumed by every `assume:` scope with that prefix, and a
// scope ending in `*` assumes every role it covers; repeated until nothing new appears.
import { normalizeScopes } from './scope-expression.js';

/** A role configured at sandbox start. */
export interface Role {
  roleId: string;
  scopes: string[];
}

/** Whether holding `scope` assumes the role `roleId`. */
export function assumesRole(scope: string, roleId: string): boolean {
  const roleScope = `assume:${roleId}`;
  if (scope === roleScope) return true;
  if (scope.endsWith('*') && roleScope.startsWith(scope.slice(0, -1))) return true;
  return roleId.endsWith('*') && scope.startsWith(roleScope.slice(0, -1));
}

/** `scopes` plus the scopes of every role they assume, transitively, normalized. */
export function expandScopes(scopes: readonly string[], roles: readonly Role[]): string[] {
  const expanded = new Set(scopes);
  const assumed = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const role of roles) {
      if (assumed.has(role.roleId)) continue;
      if (![...expanded].some((scope) => assumesRole(scope, role.roleId))) continue;
      assumed.add(role.roleId);
      for (const scope of role.scopes) expanded.add(scope);
      grew = true;
    }
  }
  return normalizeScopes(expanded);
}
