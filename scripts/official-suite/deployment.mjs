// The deployment the suite's live tests talk to (its credential, upload and download tests
// expect one named by TASKCLUSTER_ROOT_URL): our sandbox on loopback, with the `tester` client
// the auth service's test endpoints know.
import { startSandbox } from '../../dist/testing/index.js';

export async function startDeployment() {
  const sandbox = await startSandbox();
  const { clientId, accessToken } = sandbox.rootCredentials;
  return {
    rootUrl: sandbox.rootUrl,
    credentials: { clientId, accessToken },
    close: () => sandbox.close(),
  };
}
