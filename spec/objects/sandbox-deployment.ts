// The object specs' deployment: a sandbox with an uploading client, the object service client
// it uses, and the sandbox's log filtered by route.
import { createHash } from 'node:crypto';
import { createClient, type ClientOptions } from '../../lib/index.js';
import type { ServiceClients } from '../../lib/types/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../lib/testing/index.js';

export const UPLOADER = {
  clientId: 'uploader',
  accessToken: 'uploader-secret-access-token-0123456789',
  scopes: ['object:upload:*', 'object:download:*', 'queue:get-artifact:*'],
};

export interface ObjectDeployment {
  sandbox: Sandbox;
  /** An object service client of UPLOADER, retrying quickly. */
  objectService: ServiceClients['object'];
  /** The storage transfers so far (`get` or `put`). */
  blobs(method: 'get' | 'put'): Sandbox['requests'];
  /** The calls of `service.method` so far. */
  calls(service: string, method: string): Sandbox['requests'];
}

export async function startObjectDeployment(
  options: SandboxOptions = {},
  clientOptions: ClientOptions = {},
): Promise<ObjectDeployment> {
  const sandbox = await startSandbox({ clients: [UPLOADER], ...options });
  const objectService = createClient('object', {
    rootUrl: sandbox.rootUrl,
    credentials: { clientId: UPLOADER.clientId, accessToken: UPLOADER.accessToken },
    references: 'bundled',
    delayFactor: 1,
    ...clientOptions,
  });
  const calls = (service: string, method: string) =>
    sandbox.requests.filter((r) => r.service === service && r.method === method);
  return { sandbox, objectService, blobs: (method) => calls('_blob', method), calls };
}

export const sha = (algorithm: 'sha256' | 'sha512', data: Buffer) =>
  createHash(algorithm).update(data).digest('hex');
