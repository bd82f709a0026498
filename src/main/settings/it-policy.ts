/**
 * The counter PC's policy, set by the shop's IT in `<dataDir>/counter-policy.json`: how the app
 * updates itself and whether it starts when the PC's user logs in. A file rather than a Settings
 * screen: these belong to whoever manages the PCs, and a file is rolled out with the rest of the
 * machine's configuration. Each part is read on its own, so a mistake in one leaves the other
 * working; a part that is missing or invalid means "off", and the reason is logged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

export const POLICY_FILE = 'counter-policy.json';

export type PolicyPart<T> = { value: T } | { off: string };

/** Reads one top-level part of the policy file through its schema. */
export function readPolicyPart<S extends z.ZodType>(
  dataDir: string,
  part: string,
  schema: S,
): PolicyPart<z.infer<S>> {
  const file = join(dataDir, POLICY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { off: `no ${POLICY_FILE}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { off: `${file} is not JSON` };
  }
  const raw = (json as Record<string, unknown> | null)?.[part];
  if (raw === undefined) return { off: `${POLICY_FILE} has no "${part}"` };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [part, ...(issue?.path ?? [])].join('.');
    return { off: `${file}: ${where} ${issue?.message ?? 'is invalid'}` };
  }
  return { value: parsed.data };
}
