// The one function of error-stack-parser the upstream test helper uses: the file of each frame.
import { fileURLToPath } from 'node:url';

function parse(error) {
  return String(error.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/.exec(line)?.[1])
    .filter(Boolean)
    .map((file) => ({ fileName: file.startsWith('file:') ? fileURLToPath(file) : file }));
}

export default { parse };
