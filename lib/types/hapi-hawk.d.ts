// @hapi/hawk ships no type declarations; these cover what this package and its tests use.
declare module '@hapi/hawk' {
  interface HawkCredentials {
    id: string;
    key: string;
    algorithm: string;
    [extra: string]: unknown;
  }
  interface Artifacts {
    ts: string;
    nonce: string;
    ext?: string;
    id: string;
    method: string;
    resource: string;
    host: string;
    port: number;
    mac: string;
    [extra: string]: unknown;
  }
  interface RequestLike {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
    [extra: string]: unknown;
  }
  interface ServerResult {
    credentials: HawkCredentials;
    artifacts: Artifacts;
    [extra: string]: unknown;
  }
  const Hawk: {
    client: {
      header(
        uri: string,
        method: string,
        options: {
          credentials: HawkCredentials;
          ext?: string;
          timestamp?: number;
          nonce?: string;
          localtimeOffsetMsec?: number;
          [extra: string]: unknown;
        },
      ): { header: string; artifacts: Artifacts };
      getBewit(
        uri: string,
        options: {
          credentials: HawkCredentials;
          ttlSec: number;
          ext?: string;
          localtimeOffsetMsec?: number;
        },
      ): string;
    };
    server: {
      authenticate(
        req: RequestLike,
        credentialsFunc: (
          id: string,
        ) => Promise<HawkCredentials | undefined> | HawkCredentials | undefined,
        options?: Record<string, unknown>,
      ): Promise<ServerResult>;
      authenticateBewit(
        req: RequestLike,
        credentialsFunc: (
          id: string,
        ) => Promise<HawkCredentials | undefined> | HawkCredentials | undefined,
        options?: Record<string, unknown>,
      ): Promise<{
        credentials: HawkCredentials;
        attributes: { ext?: string; [extra: string]: unknown };
      }>;
    };
    utils: Record<string, unknown>;
    [extra: string]: unknown;
  };
  export default Hawk;
}
