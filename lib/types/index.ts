// The typed surface of clients: which service name gives which client type, and the types the
// generated methods (lib/generated/services.ts, `tcdyn types` modules) are written with.
import type { BundledClients } from '../generated/services.js';

/**
 * The typed client of each known service name (client names such as `purge-cache` and class
 * names such as `PurgeCache`). `tcdyn types` augments it with services the bundle lacks.
 */
export interface ServiceClients extends BundledClients {}

/** A service name with a typed client. */
export type KnownService = Extract<keyof ServiceClients, string>;

export type {
  SchemaTypes,
  InputOf,
  OutputOf,
  MessageOf,
  Input,
  Output,
  Message,
  LoosePayload,
} from './schema-types.js';
export type {
  Param,
  QueryValue,
  Query,
  Payload,
  Reply,
  PageHandler,
  Pages,
  SignedUrlOptions,
} from './arguments.js';
export type { MethodInfo, LooseApiMethod } from './api-method.js';
export type { ExchangeMethod, LooseExchangeMethod, RoutingKeyValue } from './exchanges.js';
export type {
  ServiceClient,
  ExchangeClient,
  ClientBase,
  UrlBuilders,
  UrlShape,
  NoUrlBuilders,
} from './service-client.js';
export type * from '../generated/services.js';
export type { FromSchema } from 'json-schema-to-ts';
