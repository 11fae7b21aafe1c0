// Child: time from process start to the first answer (import the client, create it, one call).
import { childArgs, loadDriver, report, TASK_IDS } from './common.mjs';

const { driver, options } = childArgs();
const client = (await loadDriver(driver)).open(options);
await client.task(TASK_IDS[0]);
// performance.now() counts from performance.timeOrigin, the start of this process.
report({ firstAnswerMs: performance.now() });
process.exit(0);
