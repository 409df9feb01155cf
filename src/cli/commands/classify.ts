import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { loadTaxonomy } from '../../app/assets.js';
import { createClassifier } from '../../app/classify.js';
import { type Command, type Io, UsageError } from '../command.js';
import { openLines } from '../read-lines.js';

const FLUSH_LINES = 256;

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Classify JSON Lines {id, text, lang?} into interests and sensitive classes (streams)',
  usage: 'chatsignal classify [--input FILE]   (reads stdin by default)',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { input: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const classify = createClassifier(loadTaxonomy());
    const { lines } = await openLines(values.input ?? '-', io.stdin);
    let lineNo = 0;
    let buffer: string[] = [];
    const flush = async () => {
      if (buffer.length === 0) return;
      // Respect back-pressure so memory stays flat on inputs of any size.
      if (!io.stdout.write(buffer.join(''))) await once(io.stdout, 'drain');
      buffer = [];
    };
    for await (const line of lines) {
      lineNo++;
      buffer.push(JSON.stringify(classify(line, lineNo)) + '\n');
      if (buffer.length >= FLUSH_LINES) await flush();
    }
    await flush();
    return 0;
  },
};
