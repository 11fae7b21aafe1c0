// The type of one exchange of a typed events client: routing-key values keyed by the
// routing-key names of the reference, or a ready pattern string.
import type { ExchangeEntry } from '../references/types.js';
import type { ExchangeBinding } from '../exchanges/routing-key.js';

/** A routing-key word: missing, `null` or `undefined` means `*` (`#` for multi-word keys). */
export type RoutingKeyValue = string | number | null | undefined;

/** A typed exchange: `Keys` is the object of its routing-key names (all optional). */
export interface ExchangeMethod<Keys extends object> {
  (pattern?: Keys | string): ExchangeBinding;
  /** The exchange's entry in the service's exchanges reference. */
  readonly entry: ExchangeEntry;
}

/** An exchange the generated types do not know: any routing-key names. */
export type LooseExchangeMethod = ExchangeMethod<Record<string, RoutingKeyValue>>;
