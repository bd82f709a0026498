/**
 * The till API end to end over loopback HTTP: a real core (training simulator, SQLite journal,
 * engine, staff guard), every request and answer held to src/main/till/openapi.yaml.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startTillCore, type TillCore, tillClient } from '../../support/till';

let t: TillCore;

beforeAll(async () => {
  t = await startTillCore();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function audit(action: string) {
  const page = await t.value('pos:staff:audit', { approval: MANAGER, action });
  return page.items;
}

describe('pairing', () => {
  it('exchanges a one-time code for a token, once; a wrong code is refused and audited', async () => {
    const { code } = await t.value('pos:till:pair', { approval: MANAGER });
    const anon = tillClient(t.tillUrl, '');
    const wrong = code === '00000000' ? '00000001' : '00000000';
    const refused = await anon.call('POST', '/v1/pairing', { code: wrong, tillName: 'Till X' });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', wordingKey: 'errors:codes.FORBIDDEN' });
    const paired = await anon.call('POST', '/v1/pairing', { code, tillName: 'Till X' });
    expect(paired.status).toBe(201);
    expect(paired.body.token).toMatch(/^vmct_/);
    const again = await anon.call('POST', '/v1/pairing', { code, tillName: 'Till Y' });
    expect(again.status).toBe(401);
    const status = await t.value('pos:till:status', {});
    expect(status.tills.map((till) => till.name)).toContain('Till X');
    expect(JSON.stringify(status)).not.toContain(paired.body.token);
    expect((await audit('till-pairing-refused')).length).toBeGreaterThanOrEqual(2);
    expect(await audit('till-paired')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ details: expect.objectContaining({ till: 'Till X' }) }),
      ]),
    );
  });

  it('refuses a second active till with the same name', async () => {
    const { code } = await t.value('pos:till:pair', { approval: MANAGER });
    const res = await tillClient(t.tillUrl, '').call('POST', '/v1/pairing', { code, tillName: 'Till 1' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', details: { field: 'tillName' } });
  });

  it('needs a manager to make a pairing code or turn the API on', async () => {
    const refused = await t.call('pos:till:pair', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'required' } },
    });
    expect(await t.call('pos:till:configure', { enabled: false })).toMatchObject({ ok: false });
  });
});

describe('tokens', () => {
  it('refuses calls without a token, with a wrong one or a revoked one, with problem+json, and audits them', async () => {
    const before = (await audit('till-token-refused')).length;
    const none = await t.till.call('GET', '/v1/payments', undefined, { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.contentType).toBe('application/problem+json');
    const wrong = await t.till.call('GET', '/v1/payments', undefined, { token: `vmct_${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    const other = await t.pair('Till revoked');
    expect((await other.call('GET', '/v1/payments')).status).toBe(200);
    const id = (await t.value('pos:till:status', {})).tills.find((x) => x.name === 'Till revoked')!.id;
    await t.value('pos:till:revoke', { id, approval: MANAGER });
    expect((await other.call('GET', '/v1/payments')).status).toBe(401);
    expect((await audit('till-token-refused')).length).toBe(before + 3);
    expect(await audit('till-revoked')).toHaveLength(1);
  });

  it('rate-limits wrong tokens per address (429 with Retry-After), even for a right token then', async () => {
    // The limiter's budget is 5 per minute; earlier tests in this file used up to 3 (+2 pairing).
    let last = await t.till.call('GET', '/v1/payments', undefined, { token: 'vmct_wrong' });
    for (let i = 0; i < 6 && last.status === 401; i++) {
      last = await t.till.call('GET', '/v1/payments', undefined, { token: 'vmct_wrong' });
    }
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await t.till.call('GET', '/v1/payments');
    expect(right.status).toBe(429);
  });
});
