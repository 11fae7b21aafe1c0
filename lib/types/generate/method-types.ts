// TypeScript text for the methods of a reference: one property per method with the contract's
// calling conventions spelt out as overloads. Self-contained (type imports only): the install
// script (references/build-types.mjs) transpiles and runs this file before tsc has built anything.
import type { ExchangeEntry, FunctionEntry, Reference } from '../../references/types.js';

/** The members of one service's generated interfaces. */
export interface ServiceMembers {
  clientName: string;
  /** `QueueEvents` for `queue-events`. */
  typeName: string;
  isExchanges: boolean;
  title: string;
  /** Properties of `<typeName>Methods`. */
  members: string[];
  /** Properties of `<typeName>UrlArguments` (API services only). */
  urls: string[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Words a parameter may not be named; a URL parameter named so keeps its place under another name.
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
]);

const quote = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;
const key = (name: string) => (IDENTIFIER.test(name) ? name : quote(name));
const paramName = (name: string, i: number) =>
  IDENTIFIER.test(name) && !RESERVED.has(name) ? name : `param${String(i + 1)}`;

/** `purge-cache` → `PurgeCache`. */
export function pascalName(clientName: string): string {
  return clientName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A TSDoc block from paragraphs, indented by `pad`; a `*\/` in reference text cannot end it early. */
export function docComment(paragraphs: Array<string | undefined>, pad: string): string {
  const lines = paragraphs
    .filter(Boolean)
    .join('\n\n')
    .replace(/\*\//g, '*\\/')
    .trimEnd()
    .split('\n');
  return [`${pad}/**`, ...lines.map((l) => `${pad} *${l ? ` ${l}` : ''}`), `${pad} */`].join('\n');
}

/** The call signatures of one API method, handler forms first (a callback's parameter is typed by the first overload tried). */
function callSignatures(
  entry: FunctionEntry,
  methodKey: string,
  returns: string | undefined,
): string[] {
  const k = quote(methodKey);
  const args = entry.args.map((a, i) => `${paramName(a, i)}: Param`);
  const paramsObject = `{ ${entry.args.map((a) => `${key(a)}: Param`).join('; ')} }`;
  const payload = entry.input ? `Payload<${k}>` : undefined;
  const query = entry.query?.length ? `Query<${entry.query.map(quote).join(' | ')}>` : undefined;
  const limit = entry.query?.includes('limit') ? '; paginationLimit?: number' : '';
  const named =
    [
      args.length ? `params: ${paramsObject}` : '',
      payload ? `payload: ${payload}` : '',
      query ? `query?: ${query}` : '',
    ]
      .filter(Boolean)
      .join('; ') + limit;
  const trailing = `query?: ${String(query)}${limit}`;
  const reply = returns ?? `Reply<${k}>`;
  const handler = `paginationHandler: PageHandler<${k}>`;
  const paginated = returns === undefined && Boolean(entry.query?.includes('continuationToken'));
  const positional = !payload && args.length > 0 && query;
  return [
    ...(paginated && positional
      ? [`(${[...args, `options: { ${trailing}; ${handler} }`].join(', ')}): Promise<void>;`]
      : []),
    ...(paginated ? [`(named: { ${named}; ${handler} }): Promise<void>;`] : []),
    `(${[...args, ...(payload ? [`payload: ${payload}`] : []), ...(query ? [`query?: ${query}`] : [])].join(', ')}): ${reply};`,
    ...(payload && args.length
      ? [`(payload: ${payload}, params: ${paramsObject}): ${reply};`]
      : []),
    ...(named ? [`(named: { ${named} }): ${reply};`] : []),
    ...(positional ? [`(${[...args, `options: { ${trailing} }`].join(', ')}): ${reply};`] : []),
  ];
}

function apiMember(clientName: string, entry: FunctionEntry): string {
  const methodKey = `${clientName}.${entry.name}`;
  const shown = [
    ...entry.args,
    ...(entry.input ? ['payload'] : []),
    ...(entry.query?.length ? ['[query]'] : []),
  ];
  const summary = `\`${entry.name}(${shown.join(', ')})\` — \`${entry.method.toUpperCase()} ${entry.route}\`${
    entry.stability ? ` (${entry.stability})` : ''
  }`;
  const pages = entry.query?.includes('continuationToken')
    ? [
        `/** Every page of \`${entry.name}\` in turn (an async iterator; the call's arguments). */`,
        'readonly pages: {',
        ...callSignatures(entry, methodKey, `Pages<${quote(methodKey)}>`).map((s) => `  ${s}`),
        '};',
      ]
    : ['readonly pages?: undefined;'];
  return [
    docComment([entry.title, summary, entry.description], '  '),
    `  ${key(entry.name)}: MethodInfo & {`,
    ...[...callSignatures(entry, methodKey, undefined), ...pages].map((line) => `    ${line}`),
    '  };',
  ].join('\n');
}

function urlMember(entry: FunctionEntry): string {
  const args = entry.args.map((a, i) => `${paramName(a, i)}: Param`);
  const query = entry.query?.length ? `Query<${entry.query.map(quote).join(' | ')}>` : 'never';
  return `  ${key(entry.name)}: { params: [${args.join(', ')}]; query: ${query} };`;
}

function exchangeMember(entry: ExchangeEntry): string {
  const keys = entry.routingKey.map((k) => {
    const note = [
      k.summary,
      k.constant ? `Always \`${k.constant}\`.` : '',
      k.multipleWords ? 'Multiple words (`#` when missing).' : '',
    ];
    return `${docComment([note.filter(Boolean).join(' ')], '    ')}\n    ${key(k.name)}?: RoutingKeyValue;`;
  });
  return [
    docComment([entry.title, `Exchange \`${entry.exchange}\``, entry.description], '  '),
    `  ${key(entry.name)}: ExchangeMethod<{`,
    ...keys,
    '  }>;',
  ].join('\n');
}

/** The generated members of a service's reference (or of some of its entries). */
export function serviceMembers(
  clientName: string,
  reference: Reference,
  entries: ReadonlyArray<Reference['entries'][number]> = reference.entries,
): ServiceMembers {
  const isExchanges = 'exchangePrefix' in reference;
  const functions = entries.filter((e): e is FunctionEntry => e.type === 'function');
  const exchanges = entries.filter((e): e is ExchangeEntry => e.type === 'topic-exchange');
  return {
    clientName,
    typeName: pascalName(clientName),
    isExchanges,
    title: reference.title ?? clientName,
    members: isExchanges
      ? exchanges.map(exchangeMember)
      : functions.map((e) => apiMember(clientName, e)),
    urls: isExchanges ? [] : functions.map(urlMember),
  };
}

/** `interface <T>Methods`, `interface <T>UrlArguments` and `type <T>Client`; inside `declare module`, without exports. */
export function serviceInterfaces(s: ServiceMembers, exported = true): string {
  const x = exported ? 'export ' : '';
  const client = s.isExchanges
    ? `ExchangeClient<${s.typeName}Methods>`
    : `ServiceClient<${s.typeName}Methods, ${s.typeName}UrlArguments>`;
  return [
    docComment(
      [`${s.title}: the ${s.isExchanges ? 'exchanges' : 'API methods'} of \`${s.clientName}\`.`],
      '',
    ),
    `${x}interface ${s.typeName}Methods {`,
    ...s.members,
    '}',
    ...(s.isExchanges
      ? []
      : [
          `/** The URL params and query of \`${s.clientName}\`'s methods, for buildUrl and buildSignedUrl. */`,
          `${x}interface ${s.typeName}UrlArguments {`,
          ...s.urls,
          '}',
        ]),
    ...(exported
      ? [
          `/** A \`createClient('${s.clientName}')\` client. */`,
          `${x}type ${s.typeName}Client = ${client};`,
        ]
      : []),
  ].join('\n');
}

/** Lines of a client-types map: each client under its client name and its class name. */
export function clientMapEntries(clientNames: readonly string[], indent = '  '): string[] {
  return clientNames.flatMap((n) => [
    `${indent}${key(n)}: ${pascalName(n)}Client;`,
    `${indent}${pascalName(n)}: ${pascalName(n)}Client;`,
  ]);
}

/** The names of the types module that generated text may use. */
export const GENERATED_TYPE_IMPORTS = [
  'MethodInfo',
  'Param',
  'Payload',
  'Reply',
  'Query',
  'PageHandler',
  'Pages',
  'ExchangeMethod',
  'RoutingKeyValue',
  'ServiceClient',
  'ExchangeClient',
];

/** The types of the types module that generated `text` uses (to import exactly those). */
export function typeImports(text: string): string[] {
  const code = text.replace(/\/\*\*[\s\S]*?\*\//g, '');
  return GENERATED_TYPE_IMPORTS.filter((name) => new RegExp(`\\b${name}\\b`).test(code));
}
