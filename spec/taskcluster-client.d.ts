// Types for the parts of the official client (a devDependency without its own types) that
// differential specs use as an oracle; lib/ never imports it.
declare module 'taskcluster-client' {
  export function fromNow(offset?: string, reference?: Date): Date;
  export function createTemporaryCredentials(options: {
    credentials: { clientId: string; accessToken: string; certificate?: string | null };
    start?: Date;
    expiry: Date;
    scopes?: string[];
    clientId?: string;
  }): { clientId: string; accessToken: string; certificate: string };
}
