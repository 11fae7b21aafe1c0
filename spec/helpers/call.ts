// Calls on an untyped client (a `Client` from a name the generated types do not know, or from
// an API that returns `Client`): the method is looked up and checked to be a function, and the
// answer comes back as `unknown`, for the spec to compare with matchers or read via json.ts.

/** `client[name](...args)`; throws when the client has no such method. */
export async function call(client: object, name: string, ...args: unknown[]): Promise<unknown> {
  const method: unknown = Reflect.get(client, name);
  if (typeof method !== 'function') throw new Error(`expected the client to have a method ${name}`);
  const answer: unknown = await Reflect.apply(method, client, args);
  return answer;
}
