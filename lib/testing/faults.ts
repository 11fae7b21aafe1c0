// failNext(): errors injected into the next calls of a method, and the log of the calls made.
import { failure } from '../errors.js';

/** One API call as the sandbox saw it. Tokens, bewits and Authorization headers are never recorded. */
export interface SandboxRequest {
  service: string;
  method: string;
  /** Path and query, without any bewit. */
  path: string;
  clientId?: string;
  status: number;
}

export interface FaultTable {
  add(method: string, status: number, times: number): void;
  /** The status to answer this call of `service.method` with, if a fault is pending. */
  take(service: string, method: string): number | undefined;
}

/** Faults keyed by `service.method` or a bare method name (any service). */
export function createFaults(): FaultTable {
  const pending = new Map<string, { status: number; times: number }>();
  const takeKey = (key: string) => {
    const fault = pending.get(key);
    if (!fault) return undefined;
    if (--fault.times === 0) pending.delete(key);
    return fault.status;
  };
  return {
    add(method, status, times) {
      if (!Number.isInteger(status) || status < 100 || status > 599)
        throw failure(`failNext: status must be an HTTP status, got ${status}`);
      if (!Number.isInteger(times) || times < 1)
        throw failure(`failNext: times must be a positive integer, got ${times}`);
      pending.set(method, { status, times });
    },
    take: (service, method) => takeKey(`${service}.${method}`) ?? takeKey(method),
  };
}
