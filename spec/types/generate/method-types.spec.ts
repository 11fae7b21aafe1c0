import { nth } from '../../helpers/nth.js';
import { describe, it, expect } from '@jest/globals';
import type { ExchangesReference, FunctionEntry, Reference } from '../../../lib/index.js';
import {
  clientMapEntries,
  docComment,
  pascalName,
  serviceInterfaces,
  serviceMembers,
  typeImports,
} from '../../../lib/types/generate/method-types.js';

const api = (entries: FunctionEntry[]): Reference => ({
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'svc',
  entries,
});
const fn = (name: string, args: string[], extra: Partial<FunctionEntry> = {}): FunctionEntry => ({
  type: 'function',
  name,
  method: 'get',
  route: `/${name}`,
  args,
  query: [],
  ...extra,
});
/** The call signatures of a method's member, `'svc.<name>'` shortened to `K`. */
const signatures = (entry: FunctionEntry) =>
  nth(serviceMembers('svc', api([entry])).members, 0)
    .split('\n')
    .filter((l) => l.startsWith('    ('))
    .map((l) => l.trim().replaceAll(`'svc.${entry.name}'`, 'K'));

const Q = "Query<'continuationToken' | 'limit'>";

describe('serviceMembers', () => {
  it.each([
    ['no params, input or query', fn('ping', []), ['(): Reply<K>;']],
    [
      'URL params',
      fn('artifact', ['taskId', 'runId']),
      [
        '(taskId: Param, runId: Param): Reply<K>;',
        '(named: { params: { taskId: Param; runId: Param } }): Reply<K>;',
      ],
    ],
    [
      'a param named like a reserved word, which keeps its place',
      fn('get', ['default']),
      ['(param1: Param): Reply<K>;', '(named: { params: { default: Param } }): Reply<K>;'],
    ],
    [
      'params and input (forms 1, 2, 3)',
      fn('createTask', ['taskId'], { input: 'v1/t.json#' }),
      [
        '(taskId: Param, payload: Payload<K>): Reply<K>;',
        '(payload: Payload<K>, params: { taskId: Param }): Reply<K>;',
        '(named: { params: { taskId: Param }; payload: Payload<K> }): Reply<K>;',
      ],
    ],
    [
      'params and a query without pagination (forms 1, 3, 4)',
      fn('find', ['ns'], { query: ['filter'] }),
      [
        "(ns: Param, query?: Query<'filter'>): Reply<K>;",
        "(named: { params: { ns: Param }; query?: Query<'filter'> }): Reply<K>;",
        "(ns: Param, options: { query?: Query<'filter'> }): Reply<K>;",
      ],
    ],
    [
      'a paginated query (handler forms first)',
      fn('listTaskGroup', ['id'], { query: ['continuationToken', 'limit'] }),
      [
        `(id: Param, options: { query?: ${Q}; paginationLimit?: number; paginationHandler: PageHandler<K> }): Promise<void>;`,
        `(named: { params: { id: Param }; query?: ${Q}; paginationLimit?: number; paginationHandler: PageHandler<K> }): Promise<void>;`,
        `(id: Param, query?: ${Q}): Reply<K>;`,
        `(named: { params: { id: Param }; query?: ${Q}; paginationLimit?: number }): Reply<K>;`,
        `(id: Param, options: { query?: ${Q}; paginationLimit?: number }): Reply<K>;`,
      ],
    ],
    [
      'input and a paginated query, without params',
      fn('tasks', [], { input: 'v1/r.json#', query: ['continuationToken', 'limit'] }),
      [
        `(named: { payload: Payload<K>; query?: ${Q}; paginationLimit?: number; paginationHandler: PageHandler<K> }): Promise<void>;`,
        `(payload: Payload<K>, query?: ${Q}): Reply<K>;`,
        `(named: { payload: Payload<K>; query?: ${Q}; paginationLimit?: number }): Reply<K>;`,
      ],
    ],
  ])('spells out the calling conventions of a method with %s', (_, entry, expected) => {
    expect(signatures(entry)).toEqual(expected);
  });

  it('gives a paginated method pages() with the forms that take no handler', () => {
    const [member] = serviceMembers(
      'svc',
      api([fn('list', [], { query: ['continuationToken'] })]),
    ).members;
    expect(member).toContain(
      "    readonly pages: {\n      (query?: Query<'continuationToken'>): Pages<'svc.list'>;\n" +
        "      (named: { query?: Query<'continuationToken'> }): Pages<'svc.list'>;\n    };",
    );
    expect(serviceMembers('svc', api([fn('one', [])])).members[0]).toContain(
      '    readonly pages?: undefined;',
    );
  });

  it('documents a method with its title, signature, route and description', () => {
    const member = nth(
      serviceMembers(
        'svc',
        api([
          fn('make', ['id'], {
            method: 'put',
            title: 'Make',
            input: 'x',
            stability: 'stable',
            description: 'Makes.',
          }),
        ]),
      ).members,
      0,
    );
    expect(member.split('\n').slice(0, 8)).toEqual([
      '  /**',
      '   * Make',
      '   *',
      '   * `make(id, payload)` — `PUT /make` (stable)',
      '   *',
      '   * Makes.',
      '   */',
      '  make: MethodInfo & {',
    ]);
  });

  it('types an exchange with one documented, optional key per routing-key name', () => {
    const reference: ExchangesReference = {
      $schema: '/schemas/common/exchanges-reference-v0.json#',
      serviceName: 'svc',
      exchangePrefix: 'x/',
      entries: [
        {
          type: 'topic-exchange',
          name: 'done',
          exchange: 'done',
          schema: 's',
          routingKey: [
            {
              name: 'kind',
              summary: 'Kind.',
              constant: 'primary',
              multipleWords: false,
              required: true,
            },
            { name: 'rest', multipleWords: true, required: false },
          ],
        },
      ],
    };
    const { members, urls, isExchanges } = serviceMembers('svc-events', reference);
    expect({ urls, isExchanges }).toEqual({ urls: [], isExchanges: true });
    expect(members[0]).toContain(
      '  done: ExchangeMethod<{\n    /**\n     * Kind. Always `primary`.\n     */\n    kind?: RoutingKeyValue;\n',
    );
    expect(members[0]).toContain(
      '     * Multiple words (`#` when missing).\n     */\n    rest?: RoutingKeyValue;\n  }>;',
    );
  });
});

describe('serviceInterfaces', () => {
  it('exports the methods, URL arguments and client type of an API service', () => {
    const text = serviceInterfaces(serviceMembers('purge-cache', api([fn('ping', [])])));
    expect(text).toContain('export interface PurgeCacheMethods {');
    expect(text).toContain(
      'export interface PurgeCacheUrlArguments {\n  ping: { params: []; query: never };\n}',
    );
    expect(text).toContain(
      'export type PurgeCacheClient = ServiceClient<PurgeCacheMethods, PurgeCacheUrlArguments>;',
    );
  });

  it('writes bare interfaces for an augmentation', () => {
    const text = serviceInterfaces(serviceMembers('svc', api([fn('ping', [])])), false);
    expect(text).not.toContain('export');
    expect(text).not.toContain('SvcClient');
  });
});

describe('clientMapEntries', () => {
  it('lists each client under its client name and its class name', () => {
    expect(clientMapEntries(['queue', 'purge-cache'])).toEqual([
      '  queue: QueueClient;',
      '  Queue: QueueClient;',
      "  'purge-cache': PurgeCacheClient;",
      '  PurgeCache: PurgeCacheClient;',
    ]);
  });
});

describe('pascalName', () => {
  it.each([
    ['queue', 'Queue'],
    ['queue-events', 'QueueEvents'],
    ['worker-manager-events', 'WorkerManagerEvents'],
  ])('turns %s into %s', (name, pascal) => {
    expect(pascalName(name)).toBe(pascal);
  });
});

describe('docComment', () => {
  it('keeps reference text from closing the comment early', () => {
    expect(docComment(['Title', 'Globs like a/*/b and a */ in text'], '')).toBe(
      '/**\n * Title\n *\n * Globs like a/*\\/b and a *\\/ in text\n */',
    );
  });
});

describe('typeImports', () => {
  it('lists the types that code uses, not those that comments mention', () => {
    expect(
      typeImports('/** A Query of Pages */\nx: MethodInfo & { (id: Param): Reply<K> };'),
    ).toEqual(['MethodInfo', 'Param', 'Reply']);
  });
});
