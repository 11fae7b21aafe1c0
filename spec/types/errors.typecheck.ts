// Type-level spec of the error codes, compiled by `tsc --noEmit` (npm test), never run.
import {
  isFailureCode,
  type FailureCode,
  type FailureDetails,
  type TaskclusterFailure,
} from '../../lib/index.js';
import { failure as make, restFailure } from '../../lib/errors.js';
import { assertType, type Equal } from './expect-type.js';

export function codesNarrow(error: TaskclusterFailure) {
  const known: FailureCode = 'WaitTimeout';
  // @ts-expect-error a code the library does not produce is not a FailureCode
  const unknown: FailureCode = 'WaitTimout';
  make('x', { code: 'Aborted' });
  // @ts-expect-error the factories take FailureCode only: a misspelt code does not compile
  make('x', { code: 'Abortd' });
  // A service's own code comes only through restFailure.
  restFailure('no such task', { statusCode: 404, code: 'ResourceNotFound' });
  // @ts-expect-error FailureDetails is closed: no internal hint rides on an error
  make('x', { code: 'Aborted', retryAfter: 1000 });
  if (isFailureCode(error.code)) assertType<Equal<typeof error.code, FailureCode>>(true);
  // FailureCode's members stay visible in the code's type (not collapsed into string).
  assertType<Equal<Extract<TaskclusterFailure['code'], 'WaitTimeout'>, 'WaitTimeout'>>(true);
  assertType<Equal<NonNullable<FailureDetails['code']>, FailureCode>>(true);
  return [known, unknown];
}
