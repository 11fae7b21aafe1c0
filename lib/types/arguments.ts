// The types that the generated method signatures are written with: URL params, query objects,
// payloads and responses looked up by method key (`queue.createTask`) in SchemaTypes, and pages.
import type { InputOf, OutputOf } from './schema-types.js';

/** A URL parameter: a non-empty string or a finite number. */
export type Param = string | number;

/** A query value; an array repeats the key. */
export type QueryValue = string | number | boolean | readonly (string | number | boolean)[];

/** A query object with the keys `Keys`, all optional (`& {}` makes editors show the keys, not the alias). */
export type Query<Keys extends string> = { [K in Keys]?: QueryValue } & {};

/** The payload of the method with key `K`. */
export type Payload<K extends string> = InputOf<K>;

/** What a call of the method with key `K` resolves with. */
export type Reply<K extends string> = Promise<OutputOf<K>>;

/** `paginationHandler`: called (and awaited) for every page; the call then resolves `undefined`. */
export type PageHandler<K extends string> = (page: OutputOf<K>) => unknown;

/** `method.pages(...sameArgs)`: the pages of a paginated call. */
export type Pages<K extends string> = AsyncGenerator<OutputOf<K>, void, undefined>;

/** Options of `buildSignedUrl`: how long the signed URL stays valid. */
export interface SignedUrlOptions {
  /** Seconds the URL stays valid (default: the client's `signedUrlExpiration`). */
  expiration?: number;
}
