// `tcdyn upload <file|->`: an object into the object service, with progress on stderr.
import { clientOptionsFrom, requireRootUrl, stringOption, type Command } from '../args.js';
import { EXIT_OK, printJson, usageError } from '../output.js';
import { Progress } from '../progress.js';
import { sourceOf } from '../transfer.js';
import { createClient, fromNow, upload } from '../../index.js';

/** An offset from now ("1 day") or a date. */
export function expiresOf(given: string): Date {
  try {
    return fromNow(given);
  } catch {
    const ms = Date.parse(given);
    if (Number.isFinite(ms)) return new Date(ms);
    throw usageError(
      `--expires must be an offset such as "30 days" or a date, got ${JSON.stringify(given)}`,
    );
  }
}

export const uploadCommand: Command = {
  name: 'upload',
  summary: 'upload a file (or stdin) to the object service; progress on stderr',
  usage:
    '<file|-> --project-id ID --name NAME [--content-type TYPE] [--expires OFFSET|DATE] [--upload-id ID]',
  details:
    'Prints {name, uploadId, hashes} as JSON. Stdin is read into memory first, because a retried\nupload must read the data again. Credentials come from the environment.',
  options: {
    'project-id': {
      type: 'string',
      value: 'ID',
      description: 'the project the object belongs to (required)',
    },
    name: { type: 'string', value: 'NAME', description: 'the object name (required)' },
    'content-type': {
      type: 'string',
      value: 'TYPE',
      description: 'default application/octet-stream',
    },
    expires: {
      type: 'string',
      value: 'OFFSET|DATE',
      description: 'when the object expires (default "1 day")',
    },
    'upload-id': {
      type: 'string',
      value: 'ID',
      description: 'resume an upload with this id (default: a new slug)',
    },
  },
  examples: [
    'tcdyn upload build.tar.gz --project-id my-project --name my-project/builds/42.tar.gz --expires "30 days"',
    'make-report | tcdyn upload - --project-id p --name p/report.txt --content-type text/plain',
  ],
  async run({ io, values, positionals }) {
    const [file] = positionals;
    if (positionals.length !== 1 || file === undefined) throw usageError(`expected ${this.usage}`);
    const projectId = stringOption(values, 'project-id');
    const name = stringOption(values, 'name');
    if (!projectId || !name) throw usageError('--project-id and --name are required');
    const expires = expiresOf(stringOption(values, 'expires') ?? '1 day');
    const objectService = createClient(
      'object',
      clientOptionsFrom(io, values, { rootUrl: requireRootUrl(io, values) }),
    );
    let progress = new Progress(io, `upload ${name}`);
    const source = await sourceOf(
      io,
      file,
      (size) => (progress = new Progress(io, `upload ${name}`, size)),
    );
    try {
      const result = await upload({
        projectId,
        name,
        expires,
        objectService,
        contentType: stringOption(values, 'content-type') ?? 'application/octet-stream',
        contentLength: source.size,
        readerFactory: source.readerFactory,
        onProgress: progress.listener(),
        uploadId: stringOption(values, 'upload-id'),
      });
      progress.done();
      printJson(io, { name, uploadId: result.uploadId, hashes: result.hashes });
    } catch (err) {
      progress.failed();
      throw err;
    }
    return EXIT_OK;
  },
};
