// Stands in for the official client's src/parsetime.js (an internal module its tests import):
// our parseTimeOffset gives the same {years, months, weeks, days, hours, minutes, seconds}.
import { parseTimeOffset } from '../../../dist/index.js';

export default parseTimeOffset;
