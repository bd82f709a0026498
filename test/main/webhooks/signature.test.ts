/**
 * Webhook signature checks. Vector 1 is the one Vipps publishes (github.com/vippsas/webhooks-api,
 * request-authentication.md — the source of docs:APIs/webhooks-api/request-authentication). The
 * others are computed here, independently of the code under test, straight from node:crypto.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookRequest } from '../../../src/main/webhooks';

const PUBLISHED = {
  secret: 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==',
  url: 'https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63',
  body: '{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}',
  date: 'Thu, 30 Mar 2023 08:38:32 GMT',
  contentHash: 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
  authorization:
    'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
};

const at = (date: string) => () => Date.parse(date);

/** Signs like Vipps does, written out here on purpose rather than imported. */
function sign(secret: string, url: string, body: string, date: string) {
  const u = new URL(url);
  const hash = createHash('sha256').update(body, 'utf8').digest('base64');
  const toSign = ['POST', u.pathname + u.search, [date, u.host, hash].join(';')].join('\n');
  const signature = createHmac('sha256', secret).update(toSign).digest('base64');
  return {
    'x-ms-date': date,
    'x-ms-content-sha256': hash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}

describe('verifyWebhookRequest', () => {
  it("accepts Vipps' published example", () => {
    const verdict = verifyWebhookRequest(
      {
        method: 'POST',
        url: PUBLISHED.url,
        headers: {
          'X-Ms-Date': PUBLISHED.date,
          'X-Ms-Content-Sha256': PUBLISHED.contentHash,
          Authorization: PUBLISHED.authorization,
          Host: 'webhook.site',
        },
        body: PUBLISHED.body,
      },
      { secret: PUBLISHED.secret, now: at(PUBLISHED.date) },
    );
    expect(verdict).toEqual({ ok: true });
  });

  it('accepts independently signed requests with a query string and non-ASCII content', () => {
    for (let i = 0; i < 20; i++) {
      const secret = randomBytes(32).toString('base64');
      const url = `https://relay.example.no:8443/vipps/hook-${i}?shop=lane${i}&x=%C3%A6`;
      const body = JSON.stringify({
        msn: '123456',
        reference: `sale-${i}`,
        name: 'CAPTURED',
        note: 'blåbær',
      });
      const date = new Date(Date.UTC(2026, 10, 25, 12, 0, i)).toUTCString();
      const verdict = verifyWebhookRequest(
        { method: 'POST', url, headers: sign(secret, url, body, date), body: Buffer.from(body, 'utf8') },
        { secret, now: at(date) },
      );
      expect(verdict).toEqual({ ok: true });
    }
  });

  it('refuses a changed body, another path, another secret, a missing header and an old date', () => {
    const secret = 'relay-secret-1';
    const url = 'https://relay.example.no/vipps';
    const body = '{"reference":"sale-1","name":"AUTHORIZED"}';
    const date = 'Wed, 25 Nov 2026 12:00:00 GMT';
    const headers = sign(secret, url, body, date);
    const check = (
      change: Partial<{
        url: string;
        body: string;
        headers: Record<string, string>;
        secret: string;
        now: number;
      }>,
    ) =>
      verifyWebhookRequest(
        {
          method: 'POST',
          url: change.url ?? url,
          headers: change.headers ?? headers,
          body: change.body ?? body,
        },
        { secret: change.secret ?? secret, now: () => change.now ?? Date.parse(date) },
      );
    expect(check({})).toEqual({ ok: true });
    expect(check({ body: body.replace('sale-1', 'sale-2') })).toEqual({
      ok: false,
      reason: expect.stringMatching(/body/),
    });
    expect(check({ url: 'https://relay.example.no/other' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
    expect(check({ url: 'https://evil.example.no/vipps' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
    expect(check({ secret: 'relay-secret-2' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
    const { authorization: _dropped, ...unsigned } = headers;
    expect(check({ headers: unsigned })).toEqual({ ok: false, reason: expect.stringMatching(/missing/) });
    // Re-signing a new body without the secret is impossible; replaying the old one later is refused.
    expect(check({ now: Date.parse(date) + 60 * 60_000 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/too old/),
    });
  });
});
