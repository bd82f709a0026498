/**
 * A loopback stand-in for the shop's webhook relay: records every delivery the simulator makes.
 * Vipps delivers to the registered public URL; `resolve` sends that URL to this server instead, so the
 * signature still names the registered URL (hand it to the simulator's resolveWebhookDelivery).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookRelay {
  readonly received: ReceivedDelivery[];
  resolve(url: string): string;
  close(): Promise<void>;
}

export async function startWebhookRelay(answer = 200): Promise<WebhookRelay> {
  const received: ReceivedDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    resolve(url) {
      const u = new URL(url);
      return `http://127.0.0.1:${port}${u.pathname}${u.search}`;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
