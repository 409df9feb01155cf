import { z } from 'zod';
import type { Taxonomy } from '../core/taxonomy/taxonomy.js';
import { redact } from '../core/understand/redact.js';
import type { SensitiveClass } from '../core/model/sensitive.js';
import { understanderFor } from './understander.js';

/** One input line of the `classify` contract. */
export const ClassifyInputSchema = z.object({
  id: z.string(),
  text: z.string(),
  lang: z.string().optional(),
});

export interface ClassifyOutput {
  id: string;
  lang: string;
  interests: { id: string; name: string; score: number }[];
  sensitive: SensitiveClass[];
  adEligible: boolean;
}

export type ClassifyLineResult = ClassifyOutput | { line: number; error: string };

/** Builds the per-line classifier of the `classify` contract (redact, then understand). */
export function createClassifier(taxonomy: Taxonomy): (line: string, lineNo: number) => ClassifyLineResult {
  const understand = understanderFor(taxonomy);
  return (line, lineNo) => {
    // Every input line gets an output line, so a blank one is an error too, not skipped.
    if (line.trim() === '') return { line: lineNo, error: 'empty line: expected {"id", "text", "lang"?}' };
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      return { line: lineNo, error: `not valid JSON: ${(err as Error).message}` };
    }
    const parsed = ClassifyInputSchema.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return { line: lineNo, error: `${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}` };
    }
    const { id, text, lang } = parsed.data;
    const u = understand({ text: redact(text).text, lang });
    return {
      id,
      lang: u.lang,
      interests: u.interests.map((m) => ({ id: m.id, name: m.name, score: m.score })),
      sensitive: u.sensitive,
      adEligible: u.adEligible,
    };
  };
}
