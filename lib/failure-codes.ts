// The codes the library itself puts on errors, as one frozen list from which the FailureCode
// union derives, and the open parts (a service's own codes, undici and OS codes) kept apart.

/** Every code this library produces itself; `FailureCode` is derived from it. */
export const FAILURE_CODES = Object.freeze([
  // Calls: arguments, options, credentials, methods.
  'InvalidArguments',
  'InvalidOption',
  'InvalidCredentials',
  'CredentialsNotReady',
  'CredentialsProviderFailed',
  'NotOffered',
  'UnknownMethod',
  'UnknownService',
  // References and answers.
  'InvalidReference',
  'InvalidResponse',
  'UnknownError',
  'UnsupportedEncoding',
  'ResponseTooLarge',
  'TooManyRedirects',
  'RedirectHidden',
  // Helpers and workflows.
  'MissingSecrets',
  'WaitTimeout',
  'Aborted',
  // Objects and artifacts.
  'ArtifactError',
  'ArtifactStorageTypeRejected',
  'ArtifactStorageTypeUnsupported',
  'ContentDecodingError',
  'ContentLengthMismatch',
  'DownloadMethodRejected',
  'HashMismatch',
  'NoAcceptableHash',
  'ReaderError',
  'StorageRequestFailed',
  'UploadMethodRejected',
  'WriterError',
  // taskcluster-dynamic/testing: a request no handler answered, a peer package not installed.
  'UnhandledRequest',
  'MissingPeerDependency',
  // Connection errors the library names itself (a timeout; no code from the cause).
  'ECONNABORTED',
  'ECONNRESET',
] as const);

/** A code this library produces itself: a closed union, so a misspelt code does not compile. */
export type FailureCode = (typeof FAILURE_CODES)[number];

/**
 * A code the library passes on without choosing it: a Taskcluster service's own code on a
 * `TaskclusterRestFailure` (`ResourceNotFound`, `InsufficientScopes`, ...) or an undici or OS
 * code on a `TaskclusterConnectionError` (`UND_ERR_SOCKET`, `ECONNREFUSED`, ...). Services and
 * undici add codes without telling us, so this stays open; `string & {}` keeps FailureCode's
 * members offered by editors instead of collapsing the union into `string`.
 */
export type ForeignCode = string & {};

/** What `TaskclusterFailure['code']` may hold. */
export type TaskclusterFailureCode = FailureCode | ForeignCode;

const KNOWN: ReadonlySet<string> = new Set(FAILURE_CODES);

/** Whether `code` is one the library produces itself (narrows to FailureCode). */
export function isFailureCode(code: unknown): code is FailureCode {
  return typeof code === 'string' && KNOWN.has(code);
}
