// The augmentable map from a method's key (`queue.createTask`) to its payload, response and
// message types; without an entry (no `tcdyn types` run) a method is typed loosely.

/**
 * Payload (`input`), response (`output`) and Pulse message (`message`) types by method key,
 * `<client name>.<method name>`. Empty here: `tcdyn types` writes a module that augments it.
 *
 * @example
 * declare module 'taskcluster-dynamic' {
 *   interface SchemaTypes { 'queue.createTask': { input: MyTask; output: MyTaskStatus } }
 * }
 */
export interface SchemaTypes {}

/** A payload when the schema types are not generated: any JSON object. */
export type LoosePayload = object;

type Entry<K extends string> = K extends keyof SchemaTypes ? SchemaTypes[K] : object;

/** The payload type of the method with key `K`. */
export type InputOf<K extends string> = Entry<K> extends { input: infer I } ? I : LoosePayload;

/** The response type of the method with key `K` (`any` when unknown). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: answers are any without generated types
export type OutputOf<K extends string> = Entry<K> extends { output: infer O } ? O : any;

/** The message type of the exchange with key `K` (`unknown` when not generated). */
export type MessageOf<K extends string> = Entry<K> extends { message: infer M } ? M : unknown;

/** The payload of `service.method`: `Input<'queue', 'createTask'>`. */
export type Input<Service extends string, Method extends string> = InputOf<`${Service}.${Method}`>;

/** The response of `service.method`: `Output<'queue', 'task'>`. */
export type Output<
  Service extends string,
  Method extends string,
> = OutputOf<`${Service}.${Method}`>;

/** The Pulse message of an exchange: `Message<'queue-events', 'taskCompleted'>`. */
export type Message<
  Service extends string,
  Exchange extends string,
> = MessageOf<`${Service}.${Exchange}`>;
