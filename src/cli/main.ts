import { AppError } from '../core/errors.js';
import { type Command, type Io, UsageError } from './command.js';
import { adsCommand } from './commands/ads.js';
import { classifyCommand } from './commands/classify.js';
import { controlsCommand, tokenCommand } from './commands/controls.js';
import { demoCommand } from './commands/demo.js';
import { ingestCommand } from './commands/ingest.js';
import { policyCommand } from './commands/policy.js';
import { profileCommand } from './commands/profile.js';
import { recommendCommand } from './commands/recommend.js';
import { retentionCommand } from './commands/retention.js';
import { schemaCommand } from './commands/schema.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';

export const COMMANDS: readonly Command[] = [
  demoCommand,
  serveCommand,
  workerCommand,
  ingestCommand,
  classifyCommand,
  profileCommand,
  controlsCommand,
  tokenCommand,
  policyCommand,
  retentionCommand,
  adsCommand,
  recommendCommand,
  schemaCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'chatsignal: privacy-safe interest profiles, ads and recommendations from AI-assistant interactions',
    '',
    'Usage: chatsignal <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "chatsignal <command> --help" for a command\'s options.',
    'Configuration comes from CHATSIGNAL_* environment variables (see README).',
  ].join('\n');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help() + '\n');
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`chatsignal: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.summary}\n\nUsage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`chatsignal ${name}: ${err.message}\nUsage: ${cmd.usage}\n`);
      return 2;
    }
    if (err instanceof AppError) {
      io.stderr.write(`chatsignal ${name}: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`chatsignal ${name}: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

/** The bin's entry point. */
export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTty: Boolean(process.stderr.isTTY),
  });
  process.exitCode = code;
}
