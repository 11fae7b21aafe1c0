// `tcdyn download <name>`: an object from the object service, verified, to a file or stdout.
import { clientOptionsFrom, requireRootUrl, stringOption, type Command } from '../args.js';
import { EXIT_OK, usageError } from '../output.js';
import { Progress } from '../progress.js';
import { runDownload, sinkOf } from '../transfer.js';
import { createClient, download } from '../../index.js';

export const downloadCommand: Command = {
  name: 'download',
  summary:
    'download an object, verified against its hashes, to a file or stdout; progress on stderr',
  usage: '<name> [--out FILE|-]',
  details:
    'With --out the file appears only once complete and verified. On stdout the data is written as\nit arrives: a hash mismatch is reported (exit 1) after the data.',
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE|-',
      description: 'where to write (default stdout)',
    },
  },
  examples: [
    'tcdyn download my-project/builds/42.tar.gz --out build.tar.gz',
    'tcdyn download p/report.txt | less',
  ],
  async run({ io, values, positionals }) {
    const [name] = positionals;
    if (positionals.length !== 1 || name === undefined) throw usageError(`expected ${this.usage}`);
    const objectService = createClient(
      'object',
      clientOptionsFrom(io, values, { rootUrl: requireRootUrl(io, values) }),
    );
    const progress = new Progress(io, `download ${name}`);
    const sink = sinkOf(io, stringOption(values, 'out'));
    await runDownload(sink, progress, (writerFactory) =>
      download({ name, objectService, writerFactory, onProgress: progress.listener() }),
    );
    return EXIT_OK;
  },
};
