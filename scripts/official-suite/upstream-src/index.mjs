// Stands in for the official client's src/index.js: our default export, nothing added.
import tc from '../../../dist/index.js';

export default tc;
