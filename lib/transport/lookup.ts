// A DNS cache at the socket's connect: one getaddrinfo per host name per DNS_TTL_MS, whatever
// the number of new connections. undici's interceptors.dns does the same per request instead,
// and costs about 150 µs of CPU on every call (measured: bench/requests), where this costs
// nothing until a connection is opened.
import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';

/** How long an answer is reused (getaddrinfo gives no TTL). */
export const DNS_TTL_MS = 30_000;

type Callback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

const cache = new Map<string, { expires: number; addresses: LookupAddress[] }>();

function answer(addresses: LookupAddress[], options: LookupOptions, callback: Callback) {
  const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
  const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
  if (options.all) {
    callback(null, usable);
    return;
  }
  const first = usable[0];
  if (!first) {
    const error: NodeJS.ErrnoException = new Error(`no address of family ${String(wanted)}`);
    error.code = 'ENOTFOUND';
    callback(error, '');
    return;
  }
  callback(null, first.address, first.family);
}

/** A `lookup` for net.connect and tls.connect that caches answers for DNS_TTL_MS. */
export function cachedLookup(hostname: string, options: LookupOptions, callback: Callback): void {
  const hit = cache.get(hostname);
  // Asynchronous as a real lookup is: net.connect attaches its listeners after calling us.
  if (hit && hit.expires > Date.now()) {
    process.nextTick(answer, hit.addresses, options, callback);
    return;
  }
  systemLookup(hostname, { all: true, hints: options.hints ?? 0 }, (error, addresses) => {
    if (error) {
      callback(error, '');
      return;
    }
    cache.set(hostname, { expires: Date.now() + DNS_TTL_MS, addresses });
    answer(addresses, options, callback);
  });
}

/** Forget every cached answer (tests). */
export function clearDnsCache(): void {
  cache.clear();
}
