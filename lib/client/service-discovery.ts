// Service discovery, as the official client has it: `default` sends every request to the
// rootUrl; `k8s-dns` (inside a Kubernetes cluster) sends it to `http://taskcluster-<service>`,
// while URLs handed to others (externalBuildUrl, externalBuildSignedUrl) keep the rootUrl.
import { failure } from '../errors.js';

/** How clients find services: `'default'` through the rootUrl, `'k8s-dns'` by in-cluster DNS names. */
export type ServiceDiscoveryScheme = 'default' | 'k8s-dns';

const SCHEMES: readonly string[] = ['default', 'k8s-dns'];

// Process-wide, like the official client's: read when a client is created.
let processDefault: ServiceDiscoveryScheme = 'default';

/** Check a scheme name; the official client's message for an unknown one. */
export function checkScheme(scheme: unknown): ServiceDiscoveryScheme {
  if (typeof scheme !== 'string' || !SCHEMES.includes(scheme))
    throw failure(`Invalid Taskcluster client service discovery scheme: ${String(scheme)}`);
  return scheme as ServiceDiscoveryScheme;
}

/** The official client's setServiceDiscoveryScheme(): the scheme of clients created from now on. */
export function setServiceDiscoveryScheme(scheme: ServiceDiscoveryScheme): void {
  processDefault = checkScheme(scheme);
}

/** The scheme a client created now gets when its options name none. */
export function defaultServiceDiscoveryScheme(): ServiceDiscoveryScheme {
  return processDefault;
}

/** Where requests of a service go under `k8s-dns` (plain http, as the official client builds it). */
export function k8sRootUrl(serviceName: string): string {
  return `http://taskcluster-${serviceName}`;
}
