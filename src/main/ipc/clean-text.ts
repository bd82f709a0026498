import { z } from 'zod';

/**
 * Free text from the renderer (descriptions, line names, refund reasons, staff names, search
 * text) is what Vipps, the journal, receipts and logs get. So it must be one well-defined text:
 * - no lone surrogates: they cannot be encoded as UTF-8, so Vipps (JSON over HTTP) and SQLite
 *   would each store their own replacement and the two would differ;
 * - no control characters (C0, DEL, C1): they break logs, CSV and HTTP headers;
 * - no bidirectional controls (LRM/RLM, ALM, embeddings, overrides, isolates): they make a
 *   receipt read differently from what was charged ("right-to-left override" spoofing);
 * - NFC-normalised, so "é" typed as one or two code points is the same text everywhere, and the
 *   length limits count the normalised text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'must not contain broken characters (lone surrogates)';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (BIDI.test(value)) return 'must not contain text-direction control characters';
  return null;
}

export const cleanText = (min: number, max: number) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
    })
    .transform((value) => value.normalize('NFC'))
    .pipe(z.string().min(min).max(max));
