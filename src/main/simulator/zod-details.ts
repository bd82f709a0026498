import type { z } from 'zod';
import type { ExtraDetail } from './sim-error';

/** Zod issues as Vipps names bad fields: `amount.value`, `orderLines[0].name`. */
export function issuesToDetails(error: z.ZodError, prefix = ''): ExtraDetail[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
      .join('');
    return { name: prefix + (path || '$'), reason: issue.message };
  });
}
