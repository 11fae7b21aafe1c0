// A small deployment for CLI specs, served through the Hawk server's scripted replies: a
// "widgets" service that no bundle knows (API + exchanges references), and schemas that refer
// to each other by relative, absolute-path and fragment $refs.
import type { Reply } from '../../helpers/hawk-server.js';
import { json } from '../../helpers/hawk-server.js';

export const WIDGETS_API = {
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'widgets',
  apiVersion: 'v1',
  title: 'Widgets Service',
  description: 'Widgets for CLI specs.',
  entries: [
    {
      type: 'function',
      name: 'ping',
      method: 'get',
      route: '/ping',
      args: [],
      query: [],
      title: 'Ping Server',
      stability: 'stable',
    },
    {
      type: 'function',
      name: 'getWidget',
      method: 'get',
      route: '/widget/<widgetId>',
      args: ['widgetId'],
      query: ['detail', 'continuationToken'],
      output: 'v1/widget.json#',
      scopes: 'widgets:get:<widgetId>',
      title: 'Get a Widget',
      stability: 'experimental',
      description: 'Fetch one widget.',
    },
    {
      type: 'function',
      name: 'createWidget',
      method: 'put',
      route: '/widget/<widgetId>',
      args: ['widgetId'],
      query: [],
      input: 'v1/widget-request.json#',
      output: 'v1/widget.json#',
      title: 'Create a Widget',
      stability: 'stable',
      scopes: {
        AllOf: [
          'widgets:create:<widgetId>',
          { AnyOf: ['widgets:admin', { for: 'part', in: 'parts', each: 'widgets:part:<part>' }] },
        ],
      },
    },
  ],
};

export const WIDGETS_EVENTS = {
  $schema: '/schemas/common/exchanges-reference-v0.json#',
  serviceName: 'widgets',
  apiVersion: 'v1',
  title: 'Widget Exchanges',
  exchangePrefix: 'exchange/widgets/v1/',
  entries: [
    {
      type: 'topic-exchange',
      name: 'widgetCreated',
      exchange: 'widget-created',
      title: 'Widget Created',
      schema: 'v1/widget-message.json#',
      routingKey: [
        { name: 'routingKeyKind', constant: 'primary', multipleWords: false, required: true },
        { name: 'widgetId', multipleWords: false, required: true, summary: 'the widget' },
        { name: 'reserved', multipleWords: true, required: false },
      ],
    },
  ],
};

const META = '/schemas/common/metaschema.json#';

/** Schemas by path below /schemas/; `widgets/v1/unused.json` is named by nothing and must not be pulled. */
export const SCHEMAS: Record<string, unknown> = {
  'widgets/v1/widget.json': {
    $id: '/schemas/widgets/v1/widget.json#',
    $schema: META,
    type: 'object',
    properties: {
      owner: { $ref: 'owner.json#' },
      parts: { type: 'array', items: { $ref: 'part.json#/definitions/part' } },
    },
  },
  'widgets/v1/owner.json': {
    $id: '/schemas/widgets/v1/owner.json#',
    $schema: META,
    type: 'string',
  },
  'widgets/v1/part.json': { definitions: { part: { type: 'string' } } },
  'widgets/v1/widget-request.json': {
    $id: '/schemas/widgets/v1/widget-request.json#',
    $schema: META,
    type: 'object',
    properties: { name: { type: 'string' }, owner: { $ref: '/schemas/widgets/v1/owner.json#' } },
  },
  'widgets/v1/widget-message.json': {
    $id: '/schemas/widgets/v1/widget-message.json#',
    $schema: META,
    $ref: 'widget.json#',
  },
  'widgets/v1/unused.json': { $id: '/schemas/widgets/v1/unused.json#', type: 'null' },
  'common/metaschema.json': { $id: META, $schema: 'http://json-schema.org/draft-06/schema#' },
  'common/api-reference-v0.json': { $id: '/schemas/common/api-reference-v0.json#', $schema: META },
  'common/exchanges-reference-v0.json': {
    $id: '/schemas/common/exchanges-reference-v0.json#',
    $schema: META,
  },
  'common/manifest-v3.json': { $id: '/schemas/common/manifest-v3.json#', $schema: META },
};

/** The schemas that `refs pull` must fetch: everything but unused.json. */
export const REACHABLE_SCHEMAS = Object.keys(SCHEMAS)
  .filter((path) => path !== 'widgets/v1/unused.json')
  .sort();

/** Documents by URL path, the manifest naming one reference by full URL and one by path. */
export function deploymentDocuments(rootUrl: string): Map<string, unknown> {
  const docs = new Map<string, unknown>([
    [
      '/references/manifest.json',
      {
        $schema: '/schemas/common/manifest-v3.json#',
        references: [
          `${rootUrl}/references/widgets/v1/api.json`,
          '/references/widgets/v1/exchanges.json',
        ],
      },
    ],
    ['/references/widgets/v1/api.json', WIDGETS_API],
    ['/references/widgets/v1/exchanges.json', WIDGETS_EVENTS],
  ]);
  for (const [path, schema] of Object.entries(SCHEMAS)) docs.set(`/schemas/${path}`, schema);
  return docs;
}

/** A reply serving the deployment's documents, and `api` (default 404) for everything else. */
export function deploymentReply(
  rootUrl: string,
  api: Reply = json(404, { code: 'ResourceNotFound', message: 'no such thing' }),
): Reply {
  const docs = deploymentDocuments(rootUrl);
  return (req, res) => {
    const [path = ''] = req.url.split('?');
    const doc = docs.get(path);
    return doc === undefined ? api(req, res) : json(200, doc)(req, res);
  };
}
