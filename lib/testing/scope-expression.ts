// Scope expression templates of reference entries (`<param>`, {for, in, each}, {if, then})
// expanded with request parameters, then checked with Mozilla's taskcluster-lib-scopes.
import scopeUtils from 'taskcluster-lib-scopes';
import type { ScopeExpression } from '../references/types.js';
import { failure } from '../errors.js';

/** A scope expression once its template is expanded: strings, AllOf and AnyOf only. */
export type Expression = string | { AllOf: Expression[] } | { AnyOf: Expression[] };

export type ScopeParams = Readonly<Record<string, unknown>>;

/** Names of the parameters that `template` needs before it can be expanded. */
export function templateParams(template: ScopeExpression, out = new Set<string>()): Set<string> {
  if (typeof template === 'string') {
    for (const [, name] of template.matchAll(/<([^>]+)>/g)) if (name !== undefined) out.add(name);
  } else if ('AllOf' in template || 'AnyOf' in template) {
    for (const child of 'AllOf' in template ? template.AllOf : template.AnyOf)
      templateParams(child, out);
  } else if ('for' in template) {
    out.add(template.in);
    for (const name of templateParams(template.each)) if (name !== template.for) out.add(name);
  } else if ('if' in template) {
    out.add(template.if);
    templateParams(template.then, out);
    if (template.else !== undefined) templateParams(template.else, out);
  }
  return out;
}

/** `template` with every parameter filled in from `params`. */
export function expandTemplate(template: ScopeExpression, params: ScopeParams): Expression {
  if (typeof template === 'string') return substitute(template, params);
  if ('AllOf' in template) return { AllOf: expandList(template.AllOf, params) };
  if ('AnyOf' in template) return { AnyOf: expandList(template.AnyOf, params) };
  if ('for' in template) return { AllOf: expandEach(template, params) };
  if ('if' in template) {
    const condition = params[template.if];
    if (typeof condition !== 'boolean')
      throw failure(`scope parameter ${template.if} must be a boolean`);
    if (condition) return expandTemplate(template.then, params);
    return template.else === undefined ? { AllOf: [] } : expandTemplate(template.else, params);
  }
  throw failure(`unknown scope expression ${JSON.stringify(template)}`);
}

function expandList(children: ScopeExpression[], params: ScopeParams): Expression[] {
  // A {for, in, each} inside AllOf/AnyOf contributes its scopes to that list, as in lib-api.
  return children.flatMap((child) =>
    typeof child === 'object' && 'for' in child
      ? expandEach(child, params)
      : [expandTemplate(child, params)],
  );
}

function expandEach(
  template: { for: string; in: string; each: string },
  params: ScopeParams,
): string[] {
  const values = params[template.in];
  if (!Array.isArray(values)) throw failure(`scope parameter ${template.in} must be an array`);
  return values.map((value: unknown) =>
    substitute(template.each, { ...params, [template.for]: value }),
  );
}

// One pass, so that a substituted value (a task's scope `a:<b>`) is never substituted again.
function substitute(template: string, params: ScopeParams): string {
  return template.replace(/<([^>]+)>/g, (_, name: string) => {
    const value = params[name];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw failure(`scope parameter ${name} is ${value === undefined ? 'missing' : 'not a string'}`);
  });
}

/** The part of `expression` that `scopes` leave unsatisfied, or undefined when they satisfy it. */
export function missingScopes(
  scopes: readonly string[],
  expression: Expression,
): Expression | undefined {
  if (scopeUtils.satisfiesExpression([...scopes], expression)) return undefined;
  return scopeUtils.removeGivenScopes([...scopes], expression) ?? expression;
}

/** Sorted, deduplicated scopes without those that a `*` scope of the set already covers. */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  return scopeUtils.normalizeScopeSet(
    [...new Set(scopes)].sort((a, b) => scopeUtils.scopeCompare(a, b)),
  );
}
