import { describe, it, expect } from '@jest/globals';
import type { Reference } from '../../../lib/index.js';
import {
  schemaAliases,
  schemaTypeName,
  typeLiteral,
} from '../../../lib/types/generate/schema-aliases.js';

const API: Reference = {
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'svc',
  apiVersion: 'v1',
  entries: [
    {
      type: 'function',
      name: 'make',
      method: 'put',
      route: '/thing/<id>',
      args: ['id'],
      input: 'v1/thing.json#',
      output: 'v1/thing-status.json#',
    },
    {
      type: 'function',
      name: 'get',
      method: 'get',
      route: '/thing/<id>',
      args: ['id'],
      output: 'v1/thing.json#',
    },
    { type: 'function', name: 'ping', method: 'get', route: '/ping', args: [] },
    {
      type: 'function',
      name: 'lost',
      method: 'post',
      route: '/lost',
      args: [],
      input: 'v1/lost.json#',
    },
  ],
};
const EVENTS: Reference = {
  $schema: '/schemas/common/exchanges-reference-v0.json#',
  serviceName: 'svc',
  exchangePrefix: 'exchange/svc/v1/',
  entries: [
    {
      type: 'topic-exchange',
      name: 'thingMade',
      exchange: 'thing-made',
      routingKey: [],
      schema: 'v1/thing.json#',
    },
  ],
};
const SCHEMAS: Record<string, unknown> = {
  '/schemas/svc/v1/thing.json': {
    type: 'object',
    properties: { id: { type: 'string' } },
    required: ['id'],
  },
  '/schemas/svc/v1/thing-status.json': {
    type: 'object',
    properties: { thing: { $ref: 'thing.json#' }, "it's": { const: -1.5 } },
  },
};

describe('schemaTypeName', () => {
  it.each([
    ['/schemas/queue/v1/create-task-request.json', 'QueueV1CreateTaskRequest'],
    ['/schemas/purge-cache/v1/purge-cache-request.json', 'PurgeCacheV1PurgeCacheRequest'],
    ['/schemas/github/v1/taskcluster-github-config.v1.json', 'GithubV1TaskclusterGithubConfigV1'],
    ['/schemas/1x/v1/a_b.json', 'Schema1xV1AB'],
  ])('names %s %s', (path, name) => {
    expect(schemaTypeName(path)).toBe(name);
  });
});

describe('typeLiteral', () => {
  it('writes objects one key a line, quoting keys that are not identifiers, and lists of scalars on one line', () => {
    expect(
      typeLiteral({
        type: 'object',
        required: ['a', 'b'],
        'a-b': { const: null },
        anyOf: [{ type: 'string' }],
      }),
    ).toBe(
      [
        '{',
        '  type: "object";',
        '  required: ["a", "b"];',
        '  "a-b": {',
        '    const: null;',
        '  };',
        '  anyOf: [',
        '    {',
        '      type: "string";',
        '    }',
        '  ];',
        '}',
      ].join('\n'),
    );
  });

  it('writes an empty schema as {}', () => {
    expect(typeLiteral({ items: {} })).toBe('{\n  items: {};\n}');
  });
});

describe('schemaAliases', () => {
  const result = schemaAliases([API, EVENTS], (path) => SCHEMAS[path]);

  it('maps every method and exchange with a schema to its types, by client name', () => {
    expect(result.keys).toEqual(['svc.make', 'svc.get', 'svc-events.thingMade']);
    expect(result.entries).toEqual([
      "'svc.make': { input: SvcV1Thing; output: SvcV1ThingStatus };",
      "'svc.get': { output: SvcV1Thing };",
      "'svc-events.thingMade': { message: SvcV1Thing };",
    ]);
  });

  it('writes one FromSchema type per schema, with its $refs inlined', () => {
    expect(result.aliases).toHaveLength(2);
    expect(result.aliases[1]).toBe(
      [
        '/** /schemas/svc/v1/thing-status.json */',
        'export type SvcV1ThingStatus = FromSchema<{',
        '  type: "object";',
        '  properties: {',
        '    thing: {',
        '      type: "object";',
        '      properties: {',
        '        id: {',
        '          type: "string";',
        '        };',
        '      };',
        '      required: ["id"];',
        '    };',
        '    "it\'s": {',
        '      const: -1.5;',
        '    };',
        '  };',
        '}>;',
      ].join('\n'),
    );
  });

  it('leaves out a schema the folder lacks, and reports it', () => {
    expect(result.entries.join('\n')).not.toContain('svc.lost');
    expect(result.missing).toEqual(['/schemas/svc/v1/lost.json#']);
  });

  it('keeps a schema type from shadowing a type the module imports', () => {
    const odd: Reference = {
      ...API,
      serviceName: 'x',
      entries: [
        {
          type: 'function',
          name: 'a',
          method: 'get',
          route: '/a',
          args: [],
          output: '/schemas/param.json#',
        },
      ],
    };
    expect(schemaAliases([odd], () => ({ type: 'string' })).entries).toEqual([
      "'x.a': { output: Param2 };",
    ]);
  });

  it('gives two schemas whose names collide different types', () => {
    const twins = {
      ...API,
      entries: [
        {
          type: 'function' as const,
          name: 'a',
          method: 'get',
          route: '/a',
          args: [],
          output: 'v1/a-b.json#',
        },
        {
          type: 'function' as const,
          name: 'b',
          method: 'get',
          route: '/b',
          args: [],
          output: 'v1/a_b.json#',
        },
      ],
    };
    expect(schemaAliases([twins], () => ({ type: 'string' })).entries).toEqual([
      "'svc.a': { output: SvcV1AB };",
      "'svc.b': { output: SvcV1AB2 };",
    ]);
  });
});
