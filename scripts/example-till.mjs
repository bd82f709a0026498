#!/usr/bin/env node
/**
 * A small example till: what a cash register's integration with the counter app looks like.
 * Plain Node (18+), no dependencies. Each step prints one JSON line, so scripts can follow it.
 *
 *   node scripts/example-till.mjs pair   --url http://127.0.0.1:7610 --code 12345678 --name "Till 1"
 *   node scripts/example-till.mjs sale   --amount 12500 [--flow QR|PUSH_PHONE|PERSONAL_QR] [--phone 4712345678] [--order A-17]
 *   node scripts/example-till.mjs status --order A-17          (or --reference …; --wait 25 waits for a change)
 *   node scripts/example-till.mjs cancel --order A-17
 *   node scripts/example-till.mjs refund --order A-17 --amount 2500 --reason "Broken cup" [--pin 1234]
 *   node scripts/example-till.mjs list
 *
 * The URL and token come from --url/--token or TILL_URL/TILL_TOKEN (pair prints the token once).
 * Every changing call sends a fresh request id and, when the answer is lost, sends the SAME id
 * again: the counter app then answers with the outcome of the first send instead of acting twice.
 */
import { randomUUID } from 'node:crypto';

const FINAL = ['COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'RELEASED', 'FAILED'];

function options(argv) {
  const [command, ...rest] = argv;
  const opts = {};
  for (let i = 0; i < rest.length; i += 2) opts[rest[i].replace(/^--/, '')] = rest[i + 1];
  return { command, opts };
}

const say = (event, fields = {}) => console.log(JSON.stringify({ event, ...fields }));

async function call(base, token, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok) {
    const error = new Error(`${answer.code}: ${answer.detail}`);
    error.problem = answer;
    throw error;
  }
  return answer;
}

/** A changing call, re-sent with the same request id until it gets an answer (network trouble). */
async function change(base, token, path, body) {
  const requestId = body.requestId ?? randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(base, token, 'POST', path, { ...body, requestId });
    } catch (error) {
      if (error.problem || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function follow(base, token, sale) {
  let current = sale;
  say('status', { reference: current.reference, status: current.payment.status });
  while (!FINAL.includes(current.payment.status)) {
    current = await call(
      base,
      token,
      'GET',
      `/v1/payments/${current.reference}?wait=25&version=${current.version}`,
    );
    say('status', { reference: current.reference, status: current.payment.status });
  }
  return current;
}

async function saleOf(base, token, opts) {
  if (opts.reference) return call(base, token, 'GET', `/v1/payments/${encodeURIComponent(opts.reference)}`);
  return call(base, token, 'GET', `/v1/orders/${encodeURIComponent(opts.order)}`);
}

async function main() {
  const { command, opts } = options(process.argv.slice(2));
  const base = (opts.url ?? process.env.TILL_URL ?? 'http://127.0.0.1:7610').replace(/\/$/, '');
  const token = opts.token ?? process.env.TILL_TOKEN;
  const approval = opts.pin ? { approval: { pin: opts.pin } } : {};
  switch (command) {
    case 'pair': {
      const paired = await call(base, null, 'POST', '/v1/pairing', {
        code: opts.code,
        tillName: opts.name ?? 'Example till',
      });
      say('paired', { till: paired.till, token: paired.token });
      return;
    }
    case 'sale': {
      const orderId = opts.order ?? `order-${Date.now()}`;
      const sale = await change(base, token, '/v1/payments', {
        orderId,
        currency: opts.currency ?? 'NOK',
        amount: Number(opts.amount),
        flow: opts.flow ?? 'QR',
        ...(opts.phone ? { phone: opts.phone } : {}),
        ...(opts.description ? { description: opts.description } : {}),
      });
      say('started', { orderId, reference: sale.reference });
      const done = await follow(base, token, sale);
      say('done', {
        orderId,
        reference: done.reference,
        status: done.payment.status,
        captured: done.payment.aggregate.captured,
      });
      return;
    }
    case 'status': {
      let sale = await saleOf(base, token, opts);
      if (opts.wait)
        sale = await call(
          base,
          token,
          'GET',
          `/v1/payments/${sale.reference}?wait=${opts.wait}&version=${sale.version}`,
        );
      say('status', {
        reference: sale.reference,
        orderId: sale.orderId,
        status: sale.payment.status,
        shown: sale.payment.shown,
      });
      return;
    }
    case 'cancel': {
      const sale = await saleOf(base, token, opts);
      const cancelled = await change(base, token, `/v1/payments/${sale.reference}/cancel`, { ...approval });
      say('cancelled', { reference: sale.reference, status: cancelled.payment.status });
      return;
    }
    case 'refund': {
      const sale = await saleOf(base, token, opts);
      const refunded = await change(base, token, `/v1/payments/${sale.reference}/refunds`, {
        amount: Number(opts.amount),
        reason: opts.reason ?? 'Refund at the till',
        ...approval,
      });
      say('refunded', {
        reference: sale.reference,
        shown: refunded.payment.shown,
        refunded: refunded.payment.aggregate.refunded,
      });
      return;
    }
    case 'list': {
      const { payments } = await call(base, token, 'GET', '/v1/payments');
      for (const p of payments)
        say('sale', {
          reference: p.reference,
          orderId: p.orderId,
          status: p.payment.shown,
          amount: p.payment.amount,
        });
      return;
    }
    default:
      console.error(
        'usage: example-till.mjs pair|sale|status|cancel|refund|list [--options]  (see the top of this file)',
      );
      process.exitCode = 2;
  }
}

main().catch((error) => {
  say('error', { message: error.message, code: error.problem?.code ?? null });
  process.exitCode = 1;
});
