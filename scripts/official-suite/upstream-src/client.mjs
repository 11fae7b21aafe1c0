// Stands in for the official client's src/client.js (imported by path in one test): the same
// names, taken from our default export.
import tc from '../../../dist/index.js';

export const createClient = tc.createClient;
export const fromEnvVars = tc.fromEnvVars;
export const createTemporaryCredentials = tc.createTemporaryCredentials;
export const credentialInformation = tc.credentialInformation;
export const makeRequest = tc.makeRequest;
export const setServiceDiscoveryScheme = tc.setServiceDiscoveryScheme;
export const config = tc.config;
export const agents = tc.agents;
export const clients = tc.clients;
