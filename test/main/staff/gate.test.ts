import { afterEach, describe, expect, it } from 'vitest';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import { type StaffCore, startStaffCore } from './staff-core';

let app: StaffCore | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const refund = (reference: string, amount: number, extra: object = {}) => ({
  reference,
  amount,
  reason: 'Damaged goods',
  requestId: `refund-${reference.slice(-8)}-${amount}`,
  ...extra,
});

describe('permission gate (real core, training simulator, SQLite journal)', () => {
  it('starts training with the documented manager and nobody signed in', async () => {
    app = await startStaffCore();
    expect(await app.value('pos:staff:session', {})).toEqual({
      staff: null,
      bootstrapNeeded: false,
      trainingPin: TRAINING_MANAGER.pin,
      policy: {
        refund: 'manager',
        release: 'manager',
        settings: 'manager',
        report: 'anyone',
        support: 'anyone',
      },
      idleMinutes: 5,
      expiresAt: null,
    });
  });

  it('asks for a manager PIN before a refund, refuses a wrong one, and refunds once with the right one', async () => {
    app = await startStaffCore();
    const sale = await app.paidSale(5000);

    const asked = await app.call('pos:payment:refund', refund(sale.reference, 2000));
    expect(asked).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'required' } },
    });
    const wrong = await app.call(
      'pos:payment:refund',
      refund(sale.reference, 2000, { approval: { pin: '9999' } }),
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'rejected' } },
    });
    expect(
      (await app.value('pos:payment:get', { reference: sale.reference })).payment.aggregate.refunded,
    ).toBe(0);

    const done = await app.value(
      'pos:payment:refund',
      refund(sale.reference, 2000, { approval: { pin: TRAINING_MANAGER.pin } }),
    );
    expect(done.aggregate.refunded).toBe(2000);

    const signedIn = await app.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
    const audit = await app.value('pos:staff:audit', {});
    const entry = audit.items.find((e) => e.action === 'refund');
    expect(entry).toMatchObject({
      // Nobody was signed in: the engine's own actor stays, the approver is added.
      actor: 'cashier',
      reference: sale.reference,
      amount: 2000,
      details: { approvedBy: { id: signedIn.staff!.id, name: TRAINING_MANAGER.name } },
    });
    expect(audit.items.filter((e) => e.action === 'pin-failed')).toHaveLength(1);
  });

  it('names the signed-in cashier in the engine audit entries and lets a signed-in manager release without a PIN', async () => {
    app = await startStaffCore();
    await app.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
    const anna = await app.value('pos:staff:save', { name: 'Anna', role: 'cashier', pin: '482913' });
    await app.value('pos:settings:save', { capturePolicy: 'reserve-only' });
    await app.value('pos:staff:sign-in', { pin: '482913' });

    const reserved = await app.paidSale(3000, 'RESERVED');
    const release = await app.call('pos:payment:cancel', { reference: reserved.reference });
    expect(release).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'required' } },
    });
    const staffOnly = await app.call('pos:staff:list', {});
    expect(staffOnly).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await app.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
    const released = await app.value('pos:payment:cancel', { reference: reserved.reference });
    expect(['RELEASED', 'CANCELLING']).toContain(released.status);

    const audit = (await app.value('pos:staff:audit', { reference: reserved.reference })).items;
    expect(audit.find((e) => e.action === 'start')).toMatchObject({
      actor: 'Anna',
      amount: 3000,
      details: { staffId: anna.id, role: 'cashier' },
    });
    expect(audit.find((e) => e.action === 'release')).toMatchObject({
      actor: TRAINING_MANAGER.name,
      details: { role: 'manager' },
    });
    const settings = (await app.value('pos:staff:audit', { action: 'settings-change' })).items;
    expect(settings[0]).toMatchObject({
      actor: TRAINING_MANAGER.name,
      details: { fields: ['capturePolicy'] },
    });
  });

  it('lets a manager open refunds to anyone, and keeps at least one manager', async () => {
    app = await startStaffCore();
    const manager = await app.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
    await app.value('pos:staff:policy-save', { policy: { refund: 'anyone' } });
    await app.value('pos:staff:sign-out', {});
    const sale = await app.paidSale(1500);
    expect((await app.value('pos:payment:refund', refund(sale.reference, 1500))).aggregate.refunded).toBe(
      1500,
    );

    const demote = await app.call('pos:staff:save', {
      id: manager.staff!.id,
      role: 'cashier',
      approval: { pin: TRAINING_MANAGER.pin },
    });
    expect(demote).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('never stores, logs or audits a PIN in clear', async () => {
    app = await startStaffCore();
    await app.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
    await app.value('pos:staff:save', { name: 'Bo', role: 'cashier', pin: '73519046' });
    await app.call('pos:staff:sign-in', { pin: '11112222' });
    const audit = JSON.stringify((await app.value('pos:staff:audit', {})).items);
    expect(audit).not.toContain('73519046');
    expect(audit).not.toContain('11112222');
    expect(app.logLines.join('\n')).not.toContain('73519046');
    const Database = (await import('better-sqlite3')).default;
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(app.dataDir, 'training');
    const file = join(dir, readdirSync(dir).find((n) => n.endsWith('.sqlite'))!);
    const db = new Database(file, { readonly: true });
    const hashes = db.prepare('SELECT pin_hash FROM staff').pluck().all() as string[];
    db.close();
    expect(hashes).toHaveLength(2);
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(hash).not.toContain('73519046');
    }
    // Per-PIN salt: the same PIN hashed twice gives different hashes.
    expect(new Set(hashes).size).toBe(2);
  });
});
