import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with fake streams. */
export async function cli(
  args: string[],
  opts: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        append(String(chunk));
        cb();
      },
    });
  const code = await runCli(args, {
    stdin,
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { CHATSIGNAL_LOG_LEVEL: 'silent', ...opts.env },
    isTty: false,
  });
  return { code, stdout, stderr };
}
