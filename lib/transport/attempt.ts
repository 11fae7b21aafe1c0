// The one attempt of the transport stage, on Node: `json` for API calls and reference fetches,
// `stream` for data transfers. A browser build maps ./undici.js to ./fetch.js (package.json
// `browser`), so that importers of this module never name the transport they get.
export { json, stream } from './undici.js';
export type { AttemptLimits, AttemptRequest, JsonAnswer, StreamAnswer } from './types.js';
