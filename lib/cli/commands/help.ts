// `tcdyn help <service> [method]`: a service's methods, or one method's (or exchange's) documentation.
import { clientOptionsFrom, type Command } from '../args.js';
import { entryDoc, serviceDoc } from '../describe.js';
import { EXIT_OK, usageError } from '../output.js';
import { loadService, resolveEntry } from '../resolve.js';

export const helpCommand: Command = {
  name: 'help',
  summary: 'document a service, or one of its methods or exchanges',
  usage: '<service> [method]',
  details:
    'A method shows its signature, HTTP route, stability, query, input and output schema ids and\nscopes; an exchange its exchange name, message schema and routing key. Without arguments, this list of commands.',
  options: {},
  examples: [
    'tcdyn help queue',
    'tcdyn help queue createTask',
    'tcdyn help queue-events taskCompleted',
  ],
  async run({ io, values, positionals }) {
    const [service, method, ...rest] = positionals;
    if (!service || rest.length) throw usageError(`expected ${this.usage}`);
    const options = clientOptionsFrom(io, values);
    if (method === undefined) {
      const { name, reference } = await loadService(io, service, options);
      io.stdout.write(serviceDoc(name, reference));
    } else {
      const { name, reference, entry } = await resolveEntry(io, service, method, options);
      io.stdout.write(entryDoc(name, reference, entry));
    }
    return EXIT_OK;
  },
};
