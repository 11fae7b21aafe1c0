import { asText } from '../utils/as-text.js';

// Shapes of the Taskcluster reference documents this client reads (api-reference-v0 and
// exchanges-reference-v0), with the field names of the documents themselves.

/** A scope expression as written in an API reference entry. */
export type ScopeExpression =
  | string
  | { AllOf: ScopeExpression[] }
  | { AnyOf: ScopeExpression[] }
  | { for: string; in: string; each: string }
  | { if: string; then: ScopeExpression; else?: ScopeExpression };

/** One API method of an {@link ApiReference}: its HTTP method, route, arguments, schemas and scopes. */
export interface FunctionEntry {
  type: 'function';
  name: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch' | (string & {});
  route: string;
  args: string[];
  query?: string[];
  input?: string;
  output?: string;
  scopes?: ScopeExpression;
  title?: string;
  description?: string;
  stability?: string;
  category?: string;
}

export interface RoutingKeyEntry {
  name: string;
  summary?: string;
  multipleWords: boolean;
  required: boolean;
  constant?: string;
}

/** One Pulse exchange of an {@link ExchangesReference}: its name, routing key and message schema. */
export interface ExchangeEntry {
  type: 'topic-exchange';
  name: string;
  exchange: string;
  routingKey: RoutingKeyEntry[];
  schema: string;
  title?: string;
  description?: string;
}

/** The reference document of a service's HTTP API (schema `api-reference-v0`). */
export interface ApiReference {
  $schema: string;
  serviceName: string;
  apiVersion?: string;
  title?: string;
  description?: string;
  entries: FunctionEntry[];
}

/** The reference document of a service's Pulse exchanges (schema `exchanges-reference-v0`). */
export interface ExchangesReference {
  $schema: string;
  serviceName: string;
  apiVersion?: string;
  exchangePrefix: string;
  title?: string;
  description?: string;
  entries: ExchangeEntry[];
}

/** A service's reference document: an HTTP API's or a set of Pulse exchanges'. */
export type Reference = ApiReference | ExchangesReference;

/** Whether a reference document describes Pulse exchanges rather than an HTTP API. */
export function isExchangesReference(reference: Reference): reference is ExchangesReference {
  return (
    'exchangePrefix' in reference ||
    asText((reference as { $schema?: unknown }).$schema ?? '').includes('exchanges-reference')
  );
}
