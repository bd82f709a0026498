/**
 * Every request carries the four Vipps-System-* headers, whatever SystemInfo the client was built
 * with: characters a header cannot hold (spaces, line breaks, letters outside ASCII) are left out,
 * and a value with nothing left is replaced by a fixed one, so Vipps never gets an empty header.
 */
import { afterEach, expect, it } from 'vitest';
import type { SystemInfo } from '../../../src/main/vipps/types';
import { type Harness, harness, payment, REFERENCE } from './helpers';

const GET = `/epayment/v1/payments/${REFERENCE}`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function sentHeaders(system: SystemInfo) {
  h = await harness({ system });
  h.server.on('GET', GET, { body: payment() });
  await h.client.getPayment(REFERENCE);
  const [request] = h.server.requestsTo('GET', GET);
  return {
    name: request?.headers['vipps-system-name'],
    version: request?.headers['vipps-system-version'],
    pluginName: request?.headers['vipps-system-plugin-name'],
    pluginVersion: request?.headers['vipps-system-plugin-version'],
  };
}

it('sends fixed values for empty or unprintable ones', async () => {
  expect(
    await sentHeaders({ systemName: '', systemVersion: ' ', pluginName: '\t', pluginVersion: 'ø' }),
  ).toEqual({ name: 'pos', version: '0.0.0', pluginName: 'vipps-counter-client', pluginVersion: '0.0.0' });
});

it('leaves out the characters a header cannot hold and keeps the rest', async () => {
  expect(
    await sentHeaders({
      systemName: 'Kasse 1 Bergen',
      systemVersion: '1.2.3\r\n',
      pluginName: 'vipps counter',
      pluginVersion: '2.0 beta',
    }),
  ).toEqual({ name: 'Kasse1Bergen', version: '1.2.3', pluginName: 'vippscounter', pluginVersion: '2.0beta' });
});
