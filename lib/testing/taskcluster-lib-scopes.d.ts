// taskcluster-lib-scopes ships no type declarations; these cover what the sandbox uses.
declare module 'taskcluster-lib-scopes' {
  type Expression = string | { AllOf: Expression[] } | { AnyOf: Expression[] };
  const scopes: {
    satisfiesExpression(scopeset: string[], expression: Expression): boolean;
    removeGivenScopes(scopeset: string[], expression: Expression): Expression | null;
    normalizeScopeSet(scopeset: string[]): string[];
    scopeCompare(a: string, b: string): number;
    validExpression(expression: unknown): boolean;
    validScope(scope: unknown): boolean;
  };
  export default scopes;
}
