import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { AppError } from '../core/errors.js';

/** Opens FILE, or stdin for "-", as a stream of lines; the whole input is never held in memory. */
export async function openLines(
  path: string,
  stdin: Readable,
): Promise<{ lines: AsyncIterable<string>; bytes?: number }> {
  if (path === '-') return { lines: createInterface({ input: stdin, crlfDelay: Infinity }) };
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new AppError(400, 'invalid_input', `cannot read ${path}: no such file`);
  }
  return { lines: createInterface({ input: createReadStream(path), crlfDelay: Infinity }), bytes: size };
}
