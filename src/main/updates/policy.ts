/**
 * Where the app looks for updates, set by the shop's IT in `<dataDir>/update-policy.json` (a file,
 * not a Settings screen: the choice belongs to whoever manages the counter PCs, and a file can be
 * rolled out with the machine's other configuration). Without the file, or with `enabled: false`,
 * the app never checks. A file that does not parse is treated as "off" and logged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https for a real feed; plain http only on this machine (a local mirror, the tests). */
const feedUrl = z.url().refine((raw) => {
  const url = new URL(raw);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}, 'must be an https URL (http only on this machine)');

const githubName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/);

export const UpdatePolicySchema = z
  .object({
    enabled: z.boolean(),
    feed: z.discriminatedUnion('provider', [
      z.object({ provider: z.literal('github'), owner: githubName, repo: githubName }).strict(),
      z.object({ provider: z.literal('generic'), url: feedUrl }).strict(),
    ]),
    /** How often to look, in hours. */
    checkEveryHours: z.number().int().min(1).max(168).default(6),
  })
  .strict();

export type UpdatePolicy = z.infer<typeof UpdatePolicySchema>;

export const POLICY_FILE = 'update-policy.json';

export type PolicyReading = { policy: UpdatePolicy } | { off: string };

export function readUpdatePolicy(dataDir: string): PolicyReading {
  const file = join(dataDir, POLICY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { off: `no ${POLICY_FILE}: update checks are off` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { off: `${file} is not JSON: update checks are off` };
  }
  const parsed = UpdatePolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      off: `${file}: ${issue?.path.join('.') || 'file'} ${issue?.message ?? 'is invalid'}; update checks are off`,
    };
  }
  if (!parsed.data.enabled) return { off: 'update checks are turned off by the update policy' };
  return { policy: parsed.data };
}

/** The feed in the shape electron-updater's setFeedURL takes. */
export function feedOptions(
  policy: UpdatePolicy,
): { provider: 'github'; owner: string; repo: string } | { provider: 'generic'; url: string } {
  return policy.feed.provider === 'github'
    ? { provider: 'github', owner: policy.feed.owner, repo: policy.feed.repo }
    : { provider: 'generic', url: policy.feed.url };
}
