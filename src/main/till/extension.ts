/**
 * The till integration as a core extension: the settings channels (pos:till:*) a manager uses to
 * turn the API on, make a pairing code and revoke tills, and the API server itself, which runs
 * while the API is on and the setup runs (it stops with the setup: an environment switch closes
 * this journal, and with it every till token).
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { TillPairingCode, TillStatus } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { CoreExtension, RuntimeContext } from '../ipc/extension';
import { currentActor } from '../staff/actor';
import { createTillApi, type TillApi } from './api';
import { createAuthLimiter } from './limiter';
import { createTillOperations } from './operations';
import { type TillConfig, tillRepo } from './repo';
import { startTillServer, type TillServer } from './server';
import { loadTillCertificate, type TillCertificate } from './tls';

/** The port tills are set up with; a shop that needs another sets POS_TILL_PORT. */
export const DEFAULT_TILL_PORT = 7610;
export const PAIRING_MINUTES = 10;
const AUTH_BUDGET = 5;
const AUTH_WINDOW_MS = 60_000;

export interface TillExtensionOptions {
  /** 0 picks a free port (tests, the web host's e2e runs). */
  port?: number;
  clock?: () => Date;
  /** Hands out the API's request handler (the fuzz tests call it without a socket). */
  onApi?: (api: TillApi) => void;
}

export function tillExtension(options: TillExtensionOptions = {}): CoreExtension {
  return {
    name: 'till',
    async start(ctx) {
      const now = options.clock ?? (() => new Date());
      const repo = tillRepo(ctx.journal.connection);
      let pairing: { code: string; expiresAt: Date } | null = null;
      let server: TillServer | null = null;
      let certificate: TillCertificate | null = null;
      let problem: string | null = null;

      const operations = createTillOperations({
        repo,
        journal: ctx.journal,
        payments: ctx.payments,
        invoke: ctx.invoke,
        currency: () => ctx.info().currency,
        now,
      });
      const api = createTillApi({
        repo,
        audit: ctx.journal.audit,
        operations,
        limiter: createAuthLimiter({
          budget: AUTH_BUDGET,
          windowMs: AUTH_WINDOW_MS,
          now: () => now().getTime(),
        }),
        consumePairingCode(code) {
          if (!pairing || pairing.expiresAt <= now()) return false;
          const a = Buffer.from(code);
          const b = Buffer.from(pairing.code);
          if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
          pairing = null;
          return true;
        },
        now,
        logger: ctx.logger,
      });

      options.onApi?.(api);

      async function apply(config: TillConfig): Promise<void> {
        await server?.close();
        server = null;
        problem = null;
        if (!config.enabled) return;
        try {
          certificate = config.bind === 'lan' ? await loadTillCertificate(ctx) : null;
          server = await startTillServer({
            api,
            bind: config.bind,
            port: options.port ?? DEFAULT_TILL_PORT,
            tls: certificate ?? undefined,
            logger: ctx.logger,
          });
        } catch (error) {
          problem = (error as Error).message;
          ctx.logger.error('till API could not start', { error });
        }
      }

      function status(): TillStatus {
        const config = repo.config();
        return {
          enabled: config.enabled,
          bind: config.bind,
          url: server?.url ?? null,
          fingerprint: config.bind === 'lan' ? (certificate?.fingerprint ?? null) : null,
          problem,
          tills: repo.tills(),
          pairingExpiresAt: pairing && pairing.expiresAt > now() ? pairing.expiresAt.toISOString() : null,
        };
      }

      function record(action: string, details: Record<string, unknown>): void {
        const actor = currentActor();
        ctx.journal.audit.append({
          at: now().toISOString(),
          actor: actor?.name ?? 'counter',
          action,
          reference: null,
          amount: null,
          details: { ...details, ...(actor?.id != null ? { staffId: actor.id } : {}) },
        });
      }

      await apply(repo.config());

      return {
        handlers: {
          'pos:till:status': () => status(),
          'pos:till:configure': async ({ enabled, bind }) => {
            const config = { enabled, bind: bind ?? repo.config().bind };
            if (config.enabled && config.bind === 'lan') await loadTillCertificate(ctx, { create: true });
            repo.saveConfig(config);
            record(enabled ? 'till-api-on' : 'till-api-off', { bind: config.bind });
            await apply(config);
            return status();
          },
          'pos:till:pair': (): TillPairingCode => {
            if (!repo.config().enabled) {
              throw new PosFailure('INVALID_STATE', 'Turn the till API on first; then make a pairing code.');
            }
            const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
            const expiresAt = new Date(now().getTime() + PAIRING_MINUTES * 60_000);
            pairing = { code, expiresAt };
            record('till-pairing-code', { expiresAt: expiresAt.toISOString() });
            return { code, expiresAt: expiresAt.toISOString() };
          },
          'pos:till:revoke': ({ id }) => {
            const till = repo.tills().find((t) => t.id === id);
            if (!till || !repo.revoke(id, now().toISOString())) {
              throw new PosFailure('NOT_FOUND', 'No paired till with that id.', { details: { field: 'id' } });
            }
            record('till-revoked', { till: till.name, tillId: id });
            return status();
          },
        },
        stop: async () => {
          await server?.close();
          server = null;
        },
      };
    },
  };
}

export type { RuntimeContext };
