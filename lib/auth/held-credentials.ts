// Credentials as a client holds them: a frozen copy that util.inspect shows without the
// accessToken.
import type { Credentials } from '../options.js';
import { INSPECT, type Show } from '../utils/inspect.js';

/** Credentials as options hold them: frozen, and shown with the accessToken redacted under util.inspect. */
class HeldCredentials implements Credentials {
  readonly clientId?: string | undefined;
  readonly accessToken?: string | undefined;
  readonly certificate?: string | Record<string, unknown> | undefined;

  constructor(credentials: Credentials) {
    this.clientId = credentials.clientId;
    this.accessToken = credentials.accessToken;
    this.certificate = credentials.certificate;
    Object.freeze(this);
  }

  [INSPECT](depth: number, options: object, show: Show) {
    const { clientId, certificate } = this;
    return show(
      {
        clientId,
        accessToken: this.accessToken === undefined ? undefined : '[redacted]',
        certificate,
      },
      options,
    );
  }
}

/** A frozen copy of credentials that util.inspect shows without the accessToken. */
export function holdCredentials(credentials: Credentials): Credentials {
  // Already held (a use()d client re-resolving its parent's options): frozen, so shared as it is.
  return credentials instanceof HeldCredentials ? credentials : new HeldCredentials(credentials);
}
