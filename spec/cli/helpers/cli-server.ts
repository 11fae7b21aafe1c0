// The per-test deployment of the CLI specs: a Hawk-verifying loopback server, optionally
// answering as the "widgets" deployment, and the environment that points tcdyn at it.
import { CLIENTS, startHawkServer, type HawkServer } from '../../helpers/hawk-server.js';
import { deploymentReply } from './deployment.js';

export interface CliServer {
  server: HawkServer;
  /** TASKCLUSTER_ROOT_URL and the test client's credentials. */
  env: Record<string, string>;
}

/** Start a server (as the widgets deployment when `deployment` is true); close it in afterEach. */
export async function startCliServer({ deployment = false } = {}): Promise<CliServer> {
  const server = await startHawkServer();
  if (deployment) server.script(deploymentReply(server.rootUrl));
  const env = {
    TASKCLUSTER_ROOT_URL: server.rootUrl,
    TASKCLUSTER_CLIENT_ID: 'tester',
    TASKCLUSTER_ACCESS_TOKEN: CLIENTS['tester'],
  };
  return { server, env };
}
