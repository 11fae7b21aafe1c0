// A signed storage URL can be expired when first used (the storage's clock is ahead, or the URL
// waited): storage then refuses it (S3: 403 "Request has expired"; GCS: 400 ExpiredToken), and
// the object service is asked for a new one, once.
import { TaskclusterRestFailure } from '../errors.js';

const EXPIRED = /expired/i;

/** Whether storage refused a signed URL because it has expired. */
export function isExpiredUrlFailure(error: unknown): boolean {
  if (!(error instanceof TaskclusterRestFailure) || error.code !== 'StorageRequestFailed')
    return false;
  if (error.statusCode !== 400 && error.statusCode !== 403) return false;
  const { body } = error;
  // JSON.stringify answers undefined for an undefined body, whatever its declared type says.
  const json: unknown = typeof body === 'string' ? body : JSON.stringify(body);
  return EXPIRED.test(typeof json === 'string' ? json : '');
}

/** Run `transfer`; if storage calls its URL expired, `renew` it and run `transfer` once more. */
export async function withRenewal<T>(
  transfer: () => Promise<T>,
  renew: () => Promise<void>,
): Promise<T> {
  try {
    return await transfer();
  } catch (error) {
    if (!isExpiredUrlFailure(error)) throw error;
    await renew();
    return transfer();
  }
}
