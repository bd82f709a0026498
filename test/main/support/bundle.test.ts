import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { staffExtension } from '../../../src/main/staff/extension';
import { createFileLogSink } from '../../../src/main/windows/log-file';
import type { ExportResult, PaymentView, Result } from '../../../src/preload/contract';

/** Realistic credentials, planted in the app, the simulator and (as free text) the log file. */
const CREDENTIALS = {
  clientId: 'f3a1c9e2-77b4-4d2e-9a61-0c5e8b2d4f10',
  clientSecret: 'Qm9vbXNoYWthbGFrYS1jbGllbnQtc2VjcmV0LTEyMzQ1Ng==',
  subscriptionKey: '0f9e8d7c6b5a49382716a5b4c3d2e1f0',
  merchantSerialNumber: '654321',
};
const PHONE = '4791234567';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3MifQ.c2lnbmF0dXJlLXBhcnQ';
const PIN_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==';

let core: Core | undefined;
let sim: Simulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = sim = dir = undefined;
});

describe('support bundle', () => {
  it('zips logs, environment and one payment with every planted secret and phone number removed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pos-bundle-'));
    sim = await startSimulator({ credentials: CREDENTIALS });
    const logFile = createFileLogSink(dir);
    core = await startCore({
      dataDir: dir,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
      baseUrlOverride: sim.url,
      polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
      logger: createLogger(logFile.sink, 'main', 'debug'),
      app: { name: 'vipps-counter', version: '1.2.3' },
      extensions: [staffExtension()],
    });
    await core.saveSettings({ environment: 'test', ...CREDENTIALS });
    await core.ready();
    const handlers = createHandlers(core);
    const call = async <T>(channel: string, req: unknown) => {
      const result = (await invokeHandler(
        handlers,
        channel,
        req,
        createLogger(() => {}),
      )) as Result<T>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };

    const sale = await call<PaymentView>('pos:payment:start', {
      amount: 4990,
      flow: 'PUSH_PHONE',
      phone: PHONE,
    });
    sim.customer.approve(sale.reference);
    for (let i = 0; i < 200; i++) {
      const { payment } = await call<{ payment: PaymentView }>('pos:payment:get', {
        reference: sale.reference,
      });
      if (payment.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Lines as an older version or a hand edit might have left them: secrets under harmless keys.
    appendFileSync(
      join(dir, 'logs', 'main.log'),
      [
        JSON.stringify({
          level: 'info',
          msg: `calling with ${CREDENTIALS.subscriptionKey}`,
          note: CREDENTIALS.clientSecret,
        }),
        JSON.stringify({
          level: 'debug',
          msg: 'token',
          header: `Bearer ${TOKEN}`,
          raw: TOKEN,
          customer: PHONE,
        }),
        `plain text line: secret=${CREDENTIALS.clientSecret} phone +${PHONE} hash ${PIN_HASH} id ${CREDENTIALS.clientId}`,
        '',
      ].join('\n'),
    );
    logFile.close();
    await new Promise((r) => setTimeout(r, 20));
    // A renderer crash left a minidump (memory bytes, here with a secret in them).
    mkdirSync(join(dir, 'crashes', 'completed'), { recursive: true });
    writeFileSync(join(dir, 'crashes', 'completed', 'renderer-1.dmp'), `MDMP ${CREDENTIALS.clientSecret}`);

    const result = await call<ExportResult>('pos:support:bundle', { reference: sale.reference });
    expect(result).toMatchObject({ savedTo: null, cancelled: false, content: { mime: 'application/zip' } });
    expect(result.filename).toMatch(/^support-till-1-|^support-[A-Za-z0-9-]+-\d{4}-/);
    const files = unzipSync(Buffer.from(result.content!.base64, 'base64'));
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      [
        'README.txt',
        'environment.json',
        'logs/main.log',
        `payment-${sale.reference}/audit.json`,
        `payment-${sale.reference}/operations.json`,
        `payment-${sale.reference}/payment.json`,
        `payment-${sale.reference}/vipps-events.json`,
      ].sort(),
    );
    const text = Object.fromEntries(names.map((n) => [n, strFromU8(files[n]!)]));
    for (const [name, content] of Object.entries(text)) {
      for (const secret of [
        ...Object.values(CREDENTIALS).filter((v) => v.length > 6),
        TOKEN,
        PHONE,
        PIN_HASH,
      ]) {
        expect(content, `${name} leaks ${secret.slice(0, 6)}…`).not.toContain(secret);
      }
      expect(content, name).not.toMatch(/scrypt\$/);
    }
    const log = text['logs/main.log']!;
    expect(log).toContain('[redacted]');
    expect(log).toContain('•••• 4567');
    expect(log).toContain('plain text line');
    const environment = JSON.parse(text['environment.json']!);
    expect(environment.app).toMatchObject({ name: 'vipps-counter', version: '1.2.3', environment: 'test' });
    // Crash dumps are named with their size and time, never carried.
    expect(environment.crashDumps).toEqual([
      {
        file: join('crashes', 'completed', 'renderer-1.dmp'),
        bytes: expect.any(Number),
        at: expect.any(String),
      },
    ]);
    expect(names.some((n) => n.endsWith('.dmp'))).toBe(false);
    // Key-based redaction is blunt on purpose: anything under a secret-ish key goes.
    expect(environment.settings).toMatchObject({
      environment: 'test',
      merchantSerialNumber: '654321',
      clientId: '[redacted]',
    });
    expect(environment.runtime.versions.node).toBe(process.versions.node);
    const payment = JSON.parse(text[`payment-${sale.reference}/payment.json`]!);
    expect(payment).toMatchObject({
      reference: sale.reference,
      amount: 4990,
      phoneMasked: expect.stringMatching(/^••••/),
    });
    const events = JSON.parse(text[`payment-${sale.reference}/vipps-events.json`]!);
    expect(events.map((e: { name: string }) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    const audit = JSON.parse(text[`payment-${sale.reference}/audit.json`]!);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['start', 'auto-capture']),
    );

    const recorded = await call<{ items: Array<{ action: string; reference: string | null }> }>(
      'pos:staff:audit',
      {
        action: 'support-bundle',
      },
    ).catch(() => null);
    // No manager exists yet in this fresh test journal, so the audit view itself is closed…
    expect(recorded).toBeNull();
    // …but the export was written to the append-only log all the same.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'journal-test.sqlite'), { readonly: true });
    const rows = db.prepare("SELECT reference FROM audit_log WHERE action = 'support-bundle'").all();
    db.close();
    expect(rows).toEqual([{ reference: sale.reference }]);
  });
});
