// `tcdyn artifact <taskId> <name>`: a task's artifact (s3, reference or object storage) to a file or stdout.
import { clientOptionsFrom, requireRootUrl, stringOption, type Command } from '../args.js';
import { EXIT_OK, usageError } from '../output.js';
import { Progress } from '../progress.js';
import { runDownload, sinkOf } from '../transfer.js';
import { createClient, downloadArtifact } from '../../index.js';

export const artifactCommand: Command = {
  name: 'artifact',
  summary:
    "download a task's artifact (latest run unless --run-id) to a file or stdout; progress on stderr",
  usage: '<taskId> <name> [--run-id N] [--out FILE|-]',
  options: {
    'run-id': { type: 'string', value: 'N', description: 'the run (default: the latest)' },
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE|-',
      description: 'where to write (default stdout)',
    },
  },
  examples: [
    'tcdyn artifact fN1SbArXTPSVFNUvaOlinQ public/logs/live.log | tail',
    'tcdyn artifact fN1SbArXTPSVFNUvaOlinQ public/build/target.zip --run-id 0 --out target.zip',
  ],
  async run({ io, values, positionals }) {
    const [taskId, name] = positionals;
    if (positionals.length !== 2 || taskId === undefined || name === undefined)
      throw usageError(`expected ${this.usage}`);
    const runId = stringOption(values, 'run-id');
    if (runId !== undefined && !/^\d+$/.test(runId))
      throw usageError(`--run-id must be a whole number, got ${JSON.stringify(runId)}`);
    const queueService = createClient(
      'queue',
      clientOptionsFrom(io, values, { rootUrl: requireRootUrl(io, values) }),
    );
    const progress = new Progress(io, `artifact ${taskId}/${runId ?? 'latest'}/${name}`);
    const sink = sinkOf(io, stringOption(values, 'out'));
    await runDownload(sink, progress, (writerFactory) =>
      downloadArtifact({
        taskId,
        name,
        queueService,
        writerFactory,
        onProgress: progress.listener(),
        ...(runId === undefined ? {} : { runId: Number(runId) }),
      }),
    );
    return EXIT_OK;
  },
};
