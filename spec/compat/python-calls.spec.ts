// The Python client's test_client.py expectations about building clients, calling methods,
// building URLs and exchange bindings (its tests of a hand-written "fake" reference at
// v106.0.0), mapped to our calling conventions and run on our default export against a
// recording loopback server. Its tests against a live deployment (credentials, signed URLs,
// retries) are in python-client.spec.ts, plus the two signed-URL ones with authorizedScopes here.
//
// The Python reference's entries with input are GET; here they are POST, as every Taskcluster
// method with input is (a GET body is dropped by fetch-style HTTP stacks).
//
// Python's calling conventions, ours (README "Calling conventions"):
//   1 positional (params, then payload)         -> form 1, the same
//   2 keyword params, payload positional         -> form 2: (payload, {params})
//   3 params=, payload=, query=, paginationHandler= -> form 3: ({params, payload, query, paginationHandler})
//   keyword params without a payload             -> form 3 ({params}); row "keyword arguments"
//
// Coverage (Python test -> here):
//   test_baseUrl_not_allowed, test_rootUrl_set_correctly, test_apiVersion_set_correctly(_default),
//   test_serviceName_set_correctly                          -> describe('a client of a hand-written reference')
//   test_creates_methods, test_methods_setup_correctly      -> 'has a method per entry, each its own'
//   test_change_default_doesnt_change_previous_instances    -> 'keeps its options when config() changes the defaults'
//   test_valid_no_subs, test_valid_one_sub, test_invalid_one_sub, test_invalid_route_no_sub,
//   test_invalid_route_no_arg                               -> buildUrl its ('fills the route…', 'refuses…')
//   test_no_args, test_finds_payload, test_positional_args_only, test_int_args,
//   test_calling_convention_1_*                            -> describe('calling conventions') form 1 rows
//   test_keyword_args_only, test_calling_convention_2_*, test_kwargs, test_kwargs_with_input
//                                                          -> form 2 / form 3 rows
//   test_calling_convention_3_* (5), _with_pagination       -> form 3 rows, 'calls a paginationHandler…'
//   test_keyword_and_positional, test_invalid_not_enough_args, test_invalid_too_many_positional_args,
//   test_invalid_too_many_keyword_args, test_invalid_missing_arg_positional,
//   test_invalid_not_enough_args_because_of_overwriting, test_invalid_positional_not_string_*,
//   test_mixing_kw_and_positional_fails, test_missing_input_raises,
//   test_calling_convention_3_with_pos_args_same_as_param_kwarg_dict_vals_…
//                                                          -> 'refuses %s before sending'
//   test_hits_* (4), test_input_is_procesed, test_no_args_no_input, test_two_args_no_input,
//   test_no_args_with_input, test_no_args_with_empty_input, test_two_args_with_input
//                                                          -> form 1 rows (URL and body on the wire)
//   test_success_first_try(_payload)                       -> form 1 rows
//   test_success_fifth_try_connection_errors               -> 'succeeds after four lost connections'
//   test_redirect_status_code                              -> 'answers a 301 once, without following it'
//   test_string_pass_through, test_exchange, test_exchange_trailing_slash, test_constant,
//   test_does_insertion, test_no_args_no_kwargs            -> describe('exchange bindings')
//   test_too_many_star_args, test_both_args_and_kwargs      -> 'refuses %s'
//   test_build_url_positional, _keyword, _query_string, test_fails_to_build_url_for_missing_method,
//   test_fails_to_build_not_enough_args, test_builds_surl_positional, _keyword -> describe('buildUrl…')
//   test_signed_url_authorizedScopes, test_temp_credentials_signed_url_authorizedScopes
//                                                          -> 'signs URLs with %s and authorizedScopes…'
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import tc, {
  TaskclusterFailure,
  type ApiReference,
  type ClientOptions,
  type FunctionEntry,
} from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { methodOf } from '../helpers/answers.js';
import { loopback, json, type Loopback } from './loopback.js';

const entry = (name: string, argCount: number, more: Partial<FunctionEntry> = {}) => {
  const args = Array.from({ length: argCount }, (_, i) => `arg${String(i)}`);
  return {
    type: 'function' as const,
    method: 'get',
    name,
    route: `/${name}${args.map((a) => `/<${a}>`).join('')}`,
    args,
    query: [],
    title: 'Test API Endpoint title',
    ...more,
  };
};
const INPUT = { method: 'post', input: 'http://localhost/schemas/v1/apiInput' };
const key = (name: string, more = {}) => ({
  name,
  summary: 'A short description of the key',
  maxSize: 5,
  required: false,
  multipleWords: false,
  ...more,
});

/** The Python tests' reference: four functions of 0 or 2 args with and without input, and an exchange. */
const reference = (more: object = {}) =>
  ({
    $schema: '/schemas/common/api-reference-v0.json#',
    version: 0,
    apiVersion: 'v1',
    serviceName: 'fake',
    exchangePrefix: 'exchange/taskcluster-fake/v1',
    entries: [
      entry('no_args_no_input', 0),
      entry('two_args_no_input', 2),
      entry('no_args_with_input', 0, INPUT),
      entry('two_args_with_input', 2, INPUT),
      entry('two_args_with_query', 2, { query: ['B', 'continuationToken', 'limit'] }),
      entry('two_args_with_input_and_query', 2, { ...INPUT, query: ['B'] }),
      entry('NEVER_CALL_ME', 0),
      {
        type: 'topic-exchange',
        name: 'topicName',
        exchange: 'topicExchange',
        title: 'Test Topic Exchange',
        description: 'Test Topic Exchange Description',
        routingKey: [
          key('primary_key', { constant: 'primary' }),
          key('norm1'),
          key('norm2'),
          key('norm3'),
          key('multi_key', { multipleWords: true }),
        ],
      },
    ],
    ...more,
  }) as unknown as ApiReference;

let server: Loopback;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  server = await loopback((request) =>
    request.url.startsWith('/api/fake/v1/moved')
      ? json(301, {}, { location: 'https://elsewhere.example.com/' })
      : json(200, { test: 'works' }),
  );
});
afterAll(async () => {
  await server.close();
  await sandbox.close();
});

const Fake = () => tc.createClient(reference());
const fake = (options: ClientOptions = {}) =>
  new (Fake())({ rootUrl: server.url, maxRetries: 0, ...options });
const call = (name: string, ...args: unknown[]) => methodOf(fake(), name)(...args);
const last = () => {
  const request = server.requests.at(-1);
  return request && { method: request.method, url: request.url, body: request.body.toString() };
};

describe('a client of a hand-written reference', () => {
  it('refuses baseUrl', () => {
    expect(() => new (Fake())({ baseUrl: 'https://bogus.net' } as ClientOptions)).toThrow(
      TaskclusterFailure,
    );
  });

  it('keeps the rootUrl it was given', () => {
    expect(tc.clientOptions(fake()).rootUrl).toBe(server.url);
  });

  it.each([
    ['the reference apiVersion', reference()],
    ['v1 when the reference has none', reference({ apiVersion: undefined })],
  ])('puts the serviceName and %s in its URLs', (_what, ref) => {
    const client = new (tc.createClient(ref))({ rootUrl: 'https://tc-tests.example.com' });
    expect(client.buildUrl('no_args_no_input')).toBe(
      'https://tc-tests.example.com/api/fake/v1/no_args_no_input',
    );
  });

  it('has a method per entry, each its own', () => {
    const client = fake();
    expect(typeof client['no_args_no_input']).toBe('function');
    expect(client['NEVER_CALL_ME']).not.toBe(client['no_args_no_input']);
  });

  it('keeps its options when config() changes the defaults', () => {
    const client = fake({ maxRetries: undefined });
    const before = tc.clientOptions(client).maxRetries;
    tc.config({ maxRetries: 9 });
    try {
      expect(tc.clientOptions(client).maxRetries).toBe(before);
      expect(tc.clientOptions(new (Fake())({ rootUrl: server.url })).maxRetries).toBe(9);
    } finally {
      tc.config({ maxRetries: tc.DEFAULTS.maxRetries });
    }
  });
});

describe('calling conventions', () => {
  const P = '/api/fake/v1';
  it.each([
    ['no args, no input', ['no_args_no_input'], 'GET', `${P}/no_args_no_input`, ''],
    [
      'form 1: params',
      ['two_args_no_input', 'argone', 'argtwo'],
      'GET',
      `${P}/two_args_no_input/argone/argtwo`,
      '',
    ],
    [
      'form 1: numbers as params',
      ['two_args_no_input', 'works', 42],
      'GET',
      `${P}/two_args_no_input/works/42`,
      '',
    ],
    [
      'form 1: a payload',
      ['no_args_with_input', { x: 1 }],
      'POST',
      `${P}/no_args_with_input`,
      '{"x":1}',
    ],
    [
      'form 1: an empty payload',
      ['no_args_with_input', {}],
      'POST',
      `${P}/no_args_with_input`,
      '{}',
    ],
    [
      'form 1: params and payload',
      ['two_args_with_input', 'a', 'b', { x: 1 }],
      'POST',
      `${P}/two_args_with_input/a/b`,
      '{"x":1}',
    ],
    [
      'form 2: payload, then params by name',
      ['two_args_with_input', { x: 1 }, { arg0: 'a', arg1: 'b' }],
      'POST',
      `${P}/two_args_with_input/a/b`,
      '{"x":1}',
    ],
    [
      'form 3: params by name only',
      ['two_args_no_input', { params: { arg0: 1, arg1: 2 } }],
      'GET',
      `${P}/two_args_no_input/1/2`,
      '',
    ],
    [
      'form 3: params and payload',
      ['two_args_with_input', { params: { arg0: 1, arg1: 2 }, payload: { A: 123 } }],
      'POST',
      `${P}/two_args_with_input/1/2`,
      '{"A":123}',
    ],
    [
      'form 3: params, payload and query',
      [
        'two_args_with_input_and_query',
        { params: { arg0: 1, arg1: 2 }, payload: { A: 123 }, query: { B: 456 } },
      ],
      'POST',
      `${P}/two_args_with_input_and_query/1/2?B=456`,
      '{"A":123}',
    ],
    [
      'form 3: params and query',
      ['two_args_with_query', { params: { arg0: 1, arg1: 2 }, query: { B: 456 } }],
      'GET',
      `${P}/two_args_with_query/1/2?B=456`,
      '',
    ],
    [
      'form 1: params, payload and query',
      ['two_args_with_input_and_query', 1, 2, { A: 123 }, { B: 456 }],
      'POST',
      `${P}/two_args_with_input_and_query/1/2?B=456`,
      '{"A":123}',
    ],
    [
      'form 4: params, then the query by name',
      ['two_args_with_query', 1, 2, { query: { B: 456 } }],
      'GET',
      `${P}/two_args_with_query/1/2?B=456`,
      '',
    ],
  ])('sends %s', async (_what, [name, ...args], method, url, body) => {
    await expect(call(name as string, ...args)).resolves.toEqual({ test: 'works' });
    expect(last()).toEqual({ method, url, body });
  });

  it('calls a paginationHandler with each page', async () => {
    const pages: unknown[] = [];
    const handler = (page: unknown) => {
      pages.push(page);
    };
    await call('two_args_with_query', 1, 2, { paginationHandler: handler });
    expect(pages).toEqual([{ test: 'works' }]);
  });

  it.each([
    [
      'a positional param also given by name',
      ['two_args_no_input', 1, 2, { params: { arg0: 1, arg1: 2 } }],
    ],
    ['too few params', ['two_args_no_input', 'enough']],
    ['too many params', ['two_args_no_input', 'enough', 'one', 'too many']],
    ['no params at all', ['two_args_no_input']],
    ['a param and one more by name', ['two_args_no_input', 'arg1', { arg1: 'arg2' }]],
    ['named params missing one', ['two_args_no_input', { params: { arg0: 'enough' } }]],
    [
      'named params with one too many',
      ['two_args_no_input', { params: { arg0: 'a', arg1: 'b', arg2: 'c' } }],
    ],
    ['an empty object as a param', ['two_args_no_input', {}, 'b']],
    ['an object as a param', ['two_args_no_input', { john: 'ford' }, 'b']],
    ['a missing payload', ['no_args_with_input']],
    ['a query key the method does not declare', ['two_args_with_query', 1, 2, { query: { C: 1 } }]],
  ])('refuses %s before sending', async (_what, [name, ...args]) => {
    const before = server.requests.length;
    await expect(call(name as string, ...args)).rejects.toBeInstanceOf(TaskclusterFailure);
    expect(server.requests).toHaveLength(before);
  });

  it('answers a 301 once, without following it', async () => {
    const Moved = tc.createClient(reference({ entries: [entry('moved', 0)] }));
    const before = server.requests.length;
    const client = new Moved({ rootUrl: server.url });
    await expect(methodOf(client, 'moved')()).resolves.toEqual({});
    expect(server.requests.length - before).toBe(1);
  });

  it('succeeds after four lost connections', async () => {
    const flaky = await loopback((_request, n) => (n < 4 ? 'drop' : json(200, { test: 'works' })));
    const client = new (Fake())({ rootUrl: flaky.url, delayFactor: 1 });
    const answer = methodOf(client, 'no_args_no_input')();
    await expect(answer).resolves.toEqual({ test: 'works' });
    await flaky.close();
    expect(flaky.requests).toHaveLength(5);
  });
});

describe('exchange bindings', () => {
  const PREFIX = 'exchange/taskcluster-fake/v1/';
  const bind = (client: object, ...args: unknown[]) =>
    methodOf(client, 'topicName')(...args) as { exchange: string; routingKeyPattern: string };

  it('passes a pattern string through', () => {
    expect(bind(fake(), 'johnwrotethis').routingKeyPattern).toBe('johnwrotethis');
  });

  it.each([
    ['without a trailing slash', 'exchange/taskcluster-fake/v1'],
    ['with a trailing slash', PREFIX],
  ])('joins the exchangePrefix %s with one slash', (_what, exchangePrefix) => {
    const client = new (tc.createClient(reference({ exchangePrefix })))({});
    expect(bind(client, '').exchange).toBe(`${PREFIX}topicExchange`);
  });

  it.each([
    ['nothing', [], 'primary.*.*.*.#'],
    ['no values', [{}], 'primary.*.*.*.#'],
    ['one value', [{ norm2: 'value2' }], 'primary.*.value2.*.#'],
  ])('fills the constant and stars for %s', (_what, args, pattern) => {
    expect(bind(fake(), ...args).routingKeyPattern).toBe(pattern);
  });

  it.each([
    ['an unknown routing key', [{ taskId: '123' }]],
    ['a second argument', [{ norm1: '123' }, 'another']],
  ])('refuses %s', (_what, args) => {
    expect(() => bind(fake(), ...args)).toThrow(TaskclusterFailure);
  });
});

describe('buildUrl and buildSignedUrl', () => {
  const client = () =>
    new (Fake())({
      rootUrl: 'https://tc-tests.example.com',
      credentials: { clientId: 'c', accessToken: 'a' },
    });
  const URL_2 = 'https://tc-tests.example.com/api/fake/v1/two_args_no_input/arg0/arg1';

  it.each([
    ['positional params', ['two_args_no_input', 'arg0', 'arg1']],
    ['named params', ['two_args_no_input', { params: { arg0: 'arg0', arg1: 'arg1' } }]],
  ])('builds a URL from %s', (_what, args) => {
    const [name, ...rest] = args as [string, ...unknown[]];
    expect(client().buildUrl(name, ...rest)).toBe(URL_2);
    const signed = client().buildSignedUrl(name, ...rest);
    expect(signed.replace(/bewit=[^&]*/, 'bewit=X')).toBe(`${URL_2}?bewit=X`);
  });

  it('builds a URL with a query string', () => {
    const url = client().buildUrl('two_args_with_query', {
      params: { arg0: 'arg0', arg1: 'arg1' },
      query: { B: 1 },
    });
    expect(url).toBe('https://tc-tests.example.com/api/fake/v1/two_args_with_query/arg0/arg1?B=1');
  });

  it.each([
    ['a method the reference does not have', ['non-existing']],
    ['too few params', ['two_args_no_input', 'not-enough-args']],
  ])('refuses %s', (_what, args) => {
    const [name, ...rest] = args as [string, ...unknown[]];
    expect(() => client().buildUrl(name, ...rest)).toThrow(TaskclusterFailure);
  });
});

describe('signed URLs with authorizedScopes (the auth service of the sandbox)', () => {
  const TESTER = { clientId: 'tester', accessToken: 'no-secret' };

  it.each([
    ['permanent credentials', () => TESTER],
    [
      'temporary credentials',
      () =>
        tc.createTemporaryCredentials(
          TESTER.clientId,
          TESTER.accessToken,
          new Date(),
          tc.fromNow('1 hour'),
          ['test:*'],
        ),
    ],
  ])(
    'signs URLs with %s and authorizedScopes that the service accepts',
    async (_what, credentials) => {
      const auth = tc.createClient('auth', {
        rootUrl: sandbox.rootUrl,
        references: 'bundled',
        credentials: credentials(),
        authorizedScopes: ['test:authenticate-get'],
      });
      const answer = await fetch(auth.buildSignedUrl(auth.testAuthenticateGet));
      expect(await answer.json()).toEqual({
        clientId: 'tester',
        scopes: ['assume:anonymous', 'test:authenticate-get'],
      });
    },
  );
});
