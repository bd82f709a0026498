/**
 * Puts the till API (api.ts) on a socket: plain HTTP on 127.0.0.1, or HTTPS on every address of
 * the shop LAN — never plain HTTP off this machine (the till's token would cross the network in
 * clear). Long-polling reads end when the till hangs up.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log';
import { MAX_BODY_BYTES, type TillApi } from './api';
import { problemOf } from './problem';

export const LOOPBACK = '127.0.0.1';
export const LAN = '0.0.0.0';

export interface TillServerOptions {
  api: TillApi;
  bind: 'loopback' | 'lan';
  port: number;
  /** Required for the LAN. */
  tls?: { cert: string; key: string } | undefined;
  logger: Logger;
}

export interface TillServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class LanNeedsTls extends Error {
  constructor() {
    super('The till API listens on the shop network only over TLS; pair again to make its certificate.');
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

export async function startTillServer(options: TillServerOptions): Promise<TillServer> {
  if (options.bind === 'lan' && !options.tls) throw new LanNeedsTls();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const hungUp = new AbortController();
    res.on('close', () => hungUp.abort());
    readBody(req)
      .then(async (body) => {
        if (body === null) {
          const p = problemOf('VALIDATION', 'The request is too large.', { status: 413 });
          return send(res, 413, { 'Content-Type': 'application/problem+json' }, p);
        }
        const answer = await options.api.handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
          remote: req.socket.remoteAddress ?? 'unknown',
          signal: hungUp.signal,
        });
        send(res, answer.status, answer.headers, answer.body);
      })
      .catch((error: unknown) => {
        options.logger.error('till API request failed', { error });
        if (!res.headersSent) res.destroy();
      });
  };
  const server =
    options.bind === 'lan'
      ? createHttpsServer({ cert: options.tls!.cert, key: options.tls!.key }, handler)
      : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind === 'lan' ? LAN : LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.bind === 'lan' ? 'https' : 'http'}://${options.bind === 'lan' ? 'localhost' : LOOPBACK}:${port}`;
  options.logger.info('till API listening', { bind: options.bind, port });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
