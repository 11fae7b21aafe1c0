// What every API method function carries besides its call signatures (which the generated
// types spell out per method), and the loose type of methods the generated types lack.
import type { FunctionEntry } from '../references/types.js';

/** The members of an API method function other than its call signatures and `pages`. */
export interface MethodInfo {
  /** The method's entry in the service's reference document. */
  readonly entry: FunctionEntry;
  /** The official client's name for `entry`. */
  readonly entryReference: FunctionEntry;
}

/** A method the generated types do not know (added to the deployment later): any arguments. */
export interface LooseApiMethod extends MethodInfo {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: a method the generated types do not know
  (...args: any[]): Promise<any>;
  /** Present at run time only on methods that take a continuationToken. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: pages of a method the generated types do not know
  readonly pages?: (...args: any[]) => AsyncGenerator<any, void, undefined>;
}
