/**
 * Webhooks where possible. A counter app has no public address, so Vipps cannot call it; a merchant
 * who runs a public HTTPS relay can register it here, and the relay verifies each call with
 * `verifyWebhookRequest` and the secret stored here. Polling stays on regardless: webhooks may be
 * late, duplicated or lost, and Vipps requires polling as the backstop.
 *
 * The registration (URL, ids) is kept in `webhooks-<environment>.json` in the data folder; the
 * secret only sealed by the app's SecretBox (the OS keychain in the Electron app).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment, WebhookStatus } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { SecretBox } from '../settings/secret-box';
import { EPAYMENT_EVENTS, type WebhooksApi } from './api';

interface Stored {
  url: string;
  registrations: Array<{ id: string; events: string[] }>;
  /** base64 of SecretBox.encrypt(secret); one secret per registration id. */
  secrets: Record<string, string>;
}

export const POLLING_ONLY_EXPLANATION =
  'This counter app checks each payment with Vipps by polling: Vipps cannot call a computer in a shop, which has no public internet address. Polling is what Vipps requires anyway, so payments are never missed. If you run a public HTTPS relay, you can register it here so the relay is told of changes at once; polling stays on.';

export interface WebhookServiceOptions {
  dataDir: string;
  environment: Environment;
  secretBox: SecretBox;
  /** null in training: the practice simulator must not call a real relay with practice payments. */
  api: WebhooksApi | null;
}

export interface WebhookService {
  status(): WebhookStatus;
  register(url: string): Promise<WebhookStatus>;
  unregister(): Promise<WebhookStatus>;
  /** The secret of a registration, for the relay's verification; never sent to the renderer. */
  secretFor(id: string): Promise<string | null>;
}

export function checkRelayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PosFailure('VALIDATION', 'The relay address is not a URL.', { details: { field: 'url' } });
  }
  const local = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/.test(
    parsed.hostname,
  );
  if (parsed.protocol !== 'https:' || local || parsed.username || parsed.password) {
    throw new PosFailure(
      'VALIDATION',
      'Vipps only calls public https addresses (no localhost or private network addresses, no user name in the URL).',
      { details: { field: 'url' } },
    );
  }
  return parsed.toString();
}

export function createWebhookService(options: WebhookServiceOptions): WebhookService {
  const file = join(options.dataDir, `webhooks-${options.environment}.json`);

  function load(): Stored | null {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Stored;
    } catch {
      return null;
    }
  }

  function save(stored: Stored | null): void {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored ?? null), { mode: 0o600 });
    renameSync(tmp, file);
  }

  function status(): WebhookStatus {
    const stored = load();
    if (!options.api) {
      return {
        available: false,
        url: null,
        registered: [],
        polling: true,
        explanation: `${POLLING_ONLY_EXPLANATION} (Training mode has no webhooks.)`,
      };
    }
    return {
      available: true,
      url: stored?.url ?? null,
      registered: stored?.registrations ?? [],
      polling: true,
      explanation: stored
        ? `Vipps sends every ePayment event to ${stored.url}; the relay must check each call's signature. Polling stays on.`
        : POLLING_ONLY_EXPLANATION,
    };
  }

  return {
    status,
    async register(url) {
      const api = options.api;
      if (!api) throw new PosFailure('FORBIDDEN', 'Webhooks cannot be registered in training mode.');
      const clean = checkRelayUrl(url);
      if (!options.secretBox.isAvailable()) {
        throw new PosFailure(
          'ENCRYPTION_UNAVAILABLE',
          'The webhook secret cannot be stored safely on this computer.',
        );
      }
      if (load()) await this.unregister();
      const { id, secret } = await api.register(clean, EPAYMENT_EVENTS);
      save({
        url: clean,
        registrations: [{ id, events: [...EPAYMENT_EVENTS] }],
        secrets: { [id]: (await options.secretBox.encrypt(secret)).toString('base64') },
      });
      return status();
    },
    async unregister() {
      const api = options.api;
      const stored = load();
      if (!api || !stored) return status();
      for (const registration of stored.registrations) await api.remove(registration.id);
      save(null);
      return status();
    },
    async secretFor(id) {
      const sealed = load()?.secrets[id];
      return sealed ? options.secretBox.decrypt(Buffer.from(sealed, 'base64')) : null;
    },
  };
}
