/**
 * Where the app looks for updates: the "updates" part of the counter policy file the shop's IT sets
 * (settings/it-policy.ts). Without it, or with `enabled: false`, the app never checks.
 */
import { z } from 'zod';
import { readPolicyPart } from '../settings/it-policy';

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

export type PolicyReading = { policy: UpdatePolicy } | { off: string };

export function readUpdatePolicy(dataDir: string): PolicyReading {
  const part = readPolicyPart(dataDir, 'updates', UpdatePolicySchema);
  if ('off' in part) return { off: `${part.off}: update checks are off` };
  if (!part.value.enabled) return { off: 'update checks are turned off by the counter policy' };
  return { policy: part.value };
}

/** The feed in the shape electron-updater's setFeedURL takes. */
export function feedOptions(
  policy: UpdatePolicy,
): { provider: 'github'; owner: string; repo: string } | { provider: 'generic'; url: string } {
  return policy.feed.provider === 'github'
    ? { provider: 'github', owner: policy.feed.owner, repo: policy.feed.repo }
    : { provider: 'generic', url: policy.feed.url };
}
