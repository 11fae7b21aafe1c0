// Pulse routing-key patterns for topic-exchange entries, as the official client builds them.
import type { ExchangeEntry } from '../references/types.js';
import { failure } from '../errors.js';
import { isPlainObject } from '../client/arguments.js';

/** What an exchange method of a client returns: the exchange and a routing key pattern to bind a queue with. */
export interface ExchangeBinding {
  exchange: string;
  routingKeyPattern: string;
  routingKeyReference: ExchangeEntry['routingKey'];
}

function word(key: ExchangeEntry['routingKey'][number], value: unknown, label: string): string {
  if (key.constant) return key.constant;
  if (value === undefined || value === null) return key.multipleWords ? '#' : '*';
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw failure(
      `${label}: routing key ${key.name} must be a string or number, got ${typeof value}`,
    );
  }
  const text = String(value);
  if (!key.multipleWords && text.includes('.')) {
    throw failure(
      `${label}: routing key ${key.name} is a single word and cannot contain dots, got '${text}'`,
    );
  }
  return text;
}

/**
 * An exchange prefix that ends in exactly the one `/` before the exchange's own name: real
 * references end theirs in `/`, hand-written ones (as in the Python client's tests) may not.
 */
export function exchangePrefixOf(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** The binding for `entry`: `pattern` is an object of routing-key values, a ready pattern string, or nothing. */
export function routingKeyPattern(
  exchangePrefix: string,
  entry: ExchangeEntry,
  pattern: unknown,
  label = entry.name,
): ExchangeBinding {
  let routingKey: string;
  if (typeof pattern === 'string') {
    routingKey = pattern;
  } else {
    if (pattern !== undefined && pattern !== null && !isPlainObject(pattern)) {
      throw failure(`${label}: expected an object of routing-key values or a pattern string`);
    }
    const values = pattern ?? {};
    const known = new Set(entry.routingKey.map((k) => k.name));
    for (const key of Object.keys(values)) {
      if (!known.has(key))
        throw failure(
          `${label}: unknown routing key ${key} (expected one of: ${[...known].join(', ')})`,
        );
    }
    // Own keys only: {} must not read `constructor` or `toString` from Object.prototype.
    const valueOf = (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
    routingKey = entry.routingKey.map((key) => word(key, valueOf(key.name), label)).join('.');
  }
  return {
    exchange: exchangePrefix + entry.exchange,
    routingKeyPattern: routingKey,
    routingKeyReference: structuredClone(entry.routingKey),
  };
}
