import { describe, it, expect } from '@jest/globals';
import {
  entrySchemaPath,
  inlineSchema,
  schemaPath,
} from '../../../lib/types/generate/inline-schema.js';
import { at, recordAt } from '../../helpers/answers.js';

const SCHEMAS: Record<string, unknown> = {
  '/schemas/svc/v1/common.json': {
    $id: '/schemas/svc/v1/common.json#',
    definitions: {
      color: { title: 'Color', type: 'string', enum: ['red', 'blue'] },
      'a/b': { const: 'slash' },
    },
  },
  '/schemas/svc/v1/thing.json': {
    $id: '/schemas/svc/v1/thing.json#',
    $schema: '/schemas/common/metaschema.json#',
    title: 'Thing',
    description: 'documentation only',
    type: 'object',
    properties: {
      description: { type: 'string', description: 'a property named like a documentation key' },
      color: { $ref: 'common.json#/definitions/color', default: 'red' },
      slash: { $ref: '/schemas/svc/v1/common.json#/definitions/a~1b' },
      node: { $ref: '#/definitions/node' },
      other: { $ref: './other.json#' },
      missing: { $ref: 'nowhere.json#' },
    },
    required: ['color'],
    additionalProperties: false,
    definitions: {
      node: {
        type: 'object',
        properties: { children: { type: 'array', items: { $ref: '#/definitions/node' } } },
      },
    },
  },
  '/schemas/svc/v1/other.json': {
    $id: '/schemas/svc/v1/other.json#',
    anyOf: [{ type: 'null' }, { $ref: 'common.json#/definitions/color' }],
  },
};
const lookup = (path: string) => SCHEMAS[path];

describe('schemaPath', () => {
  it.each([
    ['v1/task.json#', '/schemas/queue/', '/schemas/queue/v1/task.json'],
    ['task.json#/properties/x', '/schemas/queue/v1/create.json', '/schemas/queue/v1/task.json'],
    ['./task.json', '/schemas/queue/v1/create.json', '/schemas/queue/v1/task.json'],
    ['../common/x.json#', '/schemas/queue/v1/create.json', '/schemas/queue/common/x.json'],
    [
      '/schemas/auth/v1/scopes.json#',
      '/schemas/queue/v1/create.json',
      '/schemas/auth/v1/scopes.json',
    ],
    [
      'https://tc.example.com/schemas/queue/v1/task.json#',
      '/schemas/x/',
      '/schemas/queue/v1/task.json',
    ],
    [
      'https://tc.example.com/prefix/schemas/queue/v1/task.json#',
      '/schemas/x/',
      '/schemas/queue/v1/task.json',
    ],
  ])('reads %s against %s as %s', (id, base, expected) => {
    expect(schemaPath(id, base)).toBe(expected);
  });
});

describe('entrySchemaPath', () => {
  it('reads an entry schema id relative to the service folder', () => {
    expect(entrySchemaPath('purge-cache', 'v1/purge-cache-request.json#')).toBe(
      '/schemas/purge-cache/v1/purge-cache-request.json',
    );
  });
});

describe('inlineSchema', () => {
  const inlined = inlineSchema('/schemas/svc/v1/thing.json', lookup);
  const schema: unknown = inlined.schema;
  const { missing } = inlined;

  it('drops keys that only document, but keeps properties named like them', () => {
    expect(Object.keys(recordAt(schema))).toEqual([
      'type',
      'properties',
      'required',
      'additionalProperties',
    ]);
    expect(at(schema, 'properties', 'description')).toEqual({ type: 'string' });
  });

  it('inlines a $ref into another file, without the siblings that draft-06 ignores', () => {
    expect(at(schema, 'properties', 'color')).toEqual({ type: 'string', enum: ['red', 'blue'] });
  });

  it('follows absolute paths and escaped JSON pointers', () => {
    expect(at(schema, 'properties', 'slash')).toEqual({ const: 'slash' });
  });

  it('resolves the $refs inside an inlined schema against that schema', () => {
    expect(at(schema, 'properties', 'other')).toEqual({
      anyOf: [{ type: 'null' }, { type: 'string', enum: ['red', 'blue'] }],
    });
  });

  it('cuts a cycle with a schema that accepts anything', () => {
    expect(at(schema, 'properties', 'node')).toEqual({
      type: 'object',
      properties: { children: { type: 'array', items: {} } },
    });
  });

  it('types an unresolvable $ref loosely and reports it', () => {
    expect(at(schema, 'properties', 'missing')).toEqual({});
    expect(missing).toEqual(['/schemas/svc/v1/nowhere.json#']);
  });

  it('reports a schema that is absent altogether', () => {
    expect(inlineSchema('/schemas/svc/v1/absent.json', lookup)).toEqual({
      schema: undefined,
      missing: ['/schemas/svc/v1/absent.json#'],
    });
  });

  it('leaves its input unchanged', () => {
    expect(at(SCHEMAS['/schemas/svc/v1/thing.json'], 'properties', 'color')).toEqual({
      $ref: 'common.json#/definitions/color',
      default: 'red',
    });
  });
});
