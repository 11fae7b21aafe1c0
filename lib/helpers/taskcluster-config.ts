// TaskclusterConfig, after the Python client's helper: one deployment, credentials chosen once
// (given, environment, the task's proxy, or none), and clients and secrets built from them.
import { createClient, type Client } from '../client/create-client.js';
import {
  holdCredentials,
  type ClientOptions,
  type Credentials,
  type CredentialsProvider,
} from '../options.js';
import { failure } from '../errors.js';
import { processEnv } from '../utils/environment.js';
import { loadSecrets, type LoadSecretsOptions, type SecretValues } from './load-secrets.js';

type Env = Record<string, string | undefined>;

/** Options of {@link TaskclusterConfig.auth}. */
export interface TaskclusterAuthOptions {
  clientId?: string;
  accessToken?: string;
  certificate?: Credentials['certificate'];
  /** A function providing credentials when needed, instead of clientId and accessToken. */
  credentials?: CredentialsProvider;
  /** Default 12: helpers run unattended and ride out longer outages than interactive calls. */
  maxRetries?: number;
}

/** Where {@link TaskclusterConfig.auth} found its credentials. */
export type CredentialsSource = 'given' | 'environment' | 'proxy' | 'none';

const DEFAULT_PROXY_URL = 'http://taskcluster';
const HELPER_MAX_RETRIES = 12;

/**
 * Access to one Taskcluster deployment: `new TaskclusterConfig(rootUrl?)` takes the rootUrl or
 * `TASKCLUSTER_ROOT_URL`. `auth()` chooses credentials, `getService(name)` builds clients with
 * them (calling `auth()` first if needed), `loadSecrets(name, options)` reads a secret. `env`
 * stands in for `process.env`.
 *
 * @example const config = new TaskclusterConfig(); const queue = config.getService('queue');
 */
export class TaskclusterConfig {
  /** The deployment's rootUrl. */
  readonly rootUrl: string;
  /** The secrets the last `loadSecrets` call returned. */
  secrets: SecretValues | undefined;
  #options: Readonly<ClientOptions> | undefined;
  #source: CredentialsSource | undefined;
  readonly #env: Env;

  constructor(rootUrl?: string | null, env: Env = processEnv()) {
    const url = rootUrl ?? env['TASKCLUSTER_ROOT_URL'];
    if (typeof url !== 'string' || !url) {
      throw failure(
        'TaskclusterConfig: no rootUrl; pass it to the constructor or set TASKCLUSTER_ROOT_URL',
      );
    }
    this.rootUrl = url;
    this.#env = env;
  }

  /** The client options chosen by `auth()`, or undefined before it. */
  get options(): Readonly<ClientOptions> | undefined {
    return this.#options;
  }

  /** Where `auth()` found credentials, or undefined before it. */
  get credentialsSource(): CredentialsSource | undefined {
    return this.#source;
  }

  /**
   * Choose, in order: the credentials given; else `TASKCLUSTER_CLIENT_ID`/`_ACCESS_TOKEN`
   * (and `_CERTIFICATE`), read only when none are given; else, inside a task (`TASK_ID` set),
   * the Taskcluster proxy as rootUrl (`TASKCLUSTER_PROXY_URL`, default `http://taskcluster`);
   * else no authentication. Returns this config.
   */
  auth(options: TaskclusterAuthOptions = {}, env: Env = this.#env): this {
    const { clientId, accessToken, certificate, maxRetries = HELPER_MAX_RETRIES } = options;
    if (options.credentials !== undefined)
      return this.#provided(options.credentials, clientId ?? accessToken, maxRetries);
    const given = clientId !== undefined || accessToken !== undefined;
    if (given && !(isNonEmpty(clientId) && isNonEmpty(accessToken))) {
      throw failure(
        'TaskclusterConfig.auth: pass both clientId and accessToken, or neither to use the environment',
      );
    }
    const chosen = given ? { clientId, accessToken, certificate } : fromEnvironment(env);
    if (chosen) {
      this.#choose(given ? 'given' : 'environment', {
        rootUrl: this.rootUrl,
        credentials: withoutEmpty(chosen),
        maxRetries,
      });
    } else if (env['TASK_ID']) {
      // The proxy signs requests itself with the task's credentials.
      this.#choose('proxy', {
        rootUrl: env['TASKCLUSTER_PROXY_URL'] || DEFAULT_PROXY_URL,
        credentials: {},
        maxRetries,
      });
    } else {
      this.#choose('none', { rootUrl: this.rootUrl, credentials: {}, maxRetries });
    }
    return this;
  }

  /**
   * A client for `name` in any form (`worker-manager`, `WorkerManager`, `workerManager`,
   * `purge_cache`, `queue-events`...) with the chosen credentials; `overrides` are merged last.
   */
  getService(name: string, overrides: ClientOptions = {}): Client {
    if (!this.#options) this.auth();
    return createClient(name, { ...this.#options, ...overrides });
  }

  /** {@link loadSecrets} through this config's secrets client; the result is also kept in `secrets`. */
  async loadSecrets(
    name: string | null | undefined,
    options: LoadSecretsOptions = {},
  ): Promise<SecretValues> {
    this.secrets = await loadSecrets(this.getService('secrets'), name, options);
    return this.secrets;
  }

  #provided(provider: unknown, alsoGiven: unknown, maxRetries: number): this {
    if (typeof provider !== 'function' || alsoGiven !== undefined) {
      throw failure(
        'TaskclusterConfig.auth: credentials must be a provider function, given without clientId and accessToken',
      );
    }
    const credentials = provider as CredentialsProvider;
    this.#choose('given', { rootUrl: this.rootUrl, credentials, maxRetries });
    return this;
  }

  #choose(source: CredentialsSource, options: ClientOptions): void {
    this.#source = source;
    const { credentials } = options;
    this.#options = Object.freeze(
      credentials && typeof credentials !== 'function'
        ? { ...options, credentials: holdCredentials(credentials) }
        : options,
    );
  }
}

function fromEnvironment(env: Env): Credentials | undefined {
  const clientId = env['TASKCLUSTER_CLIENT_ID'];
  const accessToken = env['TASKCLUSTER_ACCESS_TOKEN'];
  if (!isNonEmpty(clientId) || !isNonEmpty(accessToken)) return undefined;
  return { clientId, accessToken, certificate: env['TASKCLUSTER_CERTIFICATE'] };
}

function withoutEmpty(credentials: Credentials): Credentials {
  const { clientId, accessToken, certificate } = credentials;
  return certificate ? { clientId, accessToken, certificate } : { clientId, accessToken };
}

function isNonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
