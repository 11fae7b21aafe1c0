// Child (--expose-gc): heap bytes held per client instance and per use(), 10 000 of each, held
// in a preallocated array; shared module state is warmed by one client before the baseline.
import { childArgs, loadDriver, report } from './common.mjs';

const COUNT = 10_000;
const OVERRIDES = { authorizedScopes: ['queue:get-task:*'] };

function heldBytes(make) {
  const held = new Array(COUNT).fill(null);
  global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < COUNT; i++) held[i] = make();
  global.gc();
  const bytes = (process.memoryUsage().heapUsed - before) / COUNT;
  return held.length === COUNT ? bytes : NaN;
}

const { driver, options } = childArgs();
const d = await loadDriver(driver);
if (!d.newClient) {
  report({});
} else {
  const base = d.newClient(options);
  void base.task;
  d.use(base, OVERRIDES);
  report({
    clientBytes: heldBytes(() => d.newClient(options)),
    useBytes: heldBytes(() => d.use(base, OVERRIDES)),
  });
}
process.exit(0);
