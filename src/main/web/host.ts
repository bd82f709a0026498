import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../preload/contract';
import type { Core, CoreEvent } from '../core';
import { PosFailure } from '../errors';
import type { HandlerMap } from '../ipc/handler';
import { createHandlers } from '../ipc/handlers';
import { invokeHandler, isChannel } from '../ipc/invoke';
import { type Logger, silentLogger } from '../log';
import { CONTENT_SECURITY_POLICY } from '../windows/csp';
import { isLocalRequest } from './loopback';
import { findStaticFile, readStaticFile } from './static-files';

/** The host binds here and nowhere else: the web host is for this machine only. */
export const WEB_HOST_ADDRESS = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;
const KEEPALIVE_MS = 25_000;

export interface WebHostOptions {
  core: Core;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); without it only /api is served. */
  rendererDir?: string;
  logger?: Logger;
}

export interface WebHost {
  /** The origin, e.g. http://127.0.0.1:5173 (scripts add the token header to /api calls). */
  url: string;
  /** Open this in a browser: it hands the page its token (a cookie for the page, then /). */
  pageUrl: string;
  /** This run's API token: every /api call sends it (header X-Pos-Token, or ?token= for events). */
  token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-pos-token';
const TOKEN_COOKIE = 'pos_web_token';
/** Where the page's token is injected (index.html); the web bridge reads it from here. */
export const TOKEN_META = 'pos-web-token';

export const PRODUCTION_REFUSED =
  'The web host is a development and test tool and never runs the production environment. ' +
  'Use the desktop app for real payments, or choose test or training here.';

/** At start: a data folder set to production is not opened by the web host at all. */
export function assertNotProduction(core: Core): void {
  if (core.settingsView().environment === 'production') throw new Error(PRODUCTION_REFUSED);
}

/** The shell's handler map, except that a settings save may not switch to production. */
function webHandlers(core: Core): HandlerMap {
  const handlers = createHandlers(core);
  const save = handlers['pos:settings:save'];
  return {
    ...handlers,
    'pos:settings:save': {
      schema: save.schema,
      handle: (req) => {
        if (req.environment === 'production') {
          throw new PosFailure('VALIDATION', PRODUCTION_REFUSED, {
            details: { field: 'environment' },
          });
        }
        return save.handle(req);
      },
    },
  };
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function refusal(code: 'FORBIDDEN' | 'VALIDATION' | 'NOT_FOUND', message: string): Result<never> {
  return { ok: false, error: { code, message, retryable: false } };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function refuseToken(res: ServerResponse): void {
  sendJson(
    res,
    401,
    refusal('FORBIDDEN', 'Open the link the web host printed when it started; it carries this run’s token.'),
  );
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

/**
 * The app over HTTP on loopback, for development and end-to-end tests in a real browser:
 * `POST /api/invoke/<channel>` runs the same handler map as Electron's IPC (same schemas, same
 * Result envelope), `GET /api/events` streams the same events, everything else is the built renderer.
 *
 * It is a development and test tool, so it is locked down against misuse: loopback clients and
 * loopback Host names only, no other site's Origin, never the production environment, and every
 * /api call carries this run's random token — which only the page opened from the printed URL
 * (and whoever reads the console) gets, so another local process or user cannot drive it blind.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const logger = (options.logger ?? silentLogger).child('web');
  assertNotProduction(options.core);
  const handlers = webHandlers(options.core);
  const token = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = options.core.onEvent((event: CoreEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) writeToStream(stream, frame);
  });

  /** A browser may go away between two events; never write to a stream that has ended. */
  function writeToStream(stream: ServerResponse, text: string): void {
    if (stream.writableEnded || stream.destroyed) streams.delete(stream);
    else stream.write(text);
  }

  const ownOrigins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, refusal('VALIDATION', 'Use POST.'));
    // Cross-site pages may POST simple requests without a preflight; they always send Origin.
    const origin = req.headers.origin;
    if (origin !== undefined && !ownOrigins().includes(origin)) {
      return sendJson(res, 403, refusal('FORBIDDEN', 'Requests from other sites are refused.'));
    }
    if (!sameToken(headerValue(req.headers[TOKEN_HEADER]), token)) return refuseToken(res);
    if (!req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      return sendJson(
        res,
        415,
        refusal('VALIDATION', 'The body must be JSON (Content-Type: application/json).'),
      );
    }
    if (!isChannel(handlers, channel)) return sendJson(res, 404, refusal('NOT_FOUND', 'No such channel.'));
    const text = await readBody(req);
    if (text === null) return sendJson(res, 413, refusal('VALIDATION', 'The request is too large.'));
    let payload: unknown;
    try {
      payload = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(res, 400, refusal('VALIDATION', 'The body is not valid JSON.'));
    }
    sendJson(res, 200, await invokeHandler(handlers, channel, payload, logger));
  }

  function events(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET') {
      sendJson(res, 405, refusal('VALIDATION', 'Use GET.'));
      return;
    }
    // EventSource cannot send headers, so the stream takes the token as a query parameter.
    const given = query.get('token') ?? headerValue(req.headers[TOKEN_HEADER]);
    if (!sameToken(given ?? undefined, token)) {
      refuseToken(res);
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // Browsers reconnect on their own; ask them to do it quickly after a host restart.
    res.write('retry: 1000\n: connected\n\n');
    streams.add(res);
    const keepalive = setInterval(() => writeToStream(res, ': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    const drop = () => {
      clearInterval(keepalive);
      streams.delete(res);
    };
    // The response can end before the request says so (host closing, socket reset): drop on either,
    // and swallow a late write error rather than let it escape as an unhandled stream error.
    req.on('close', drop);
    res.on('close', drop);
    res.on('error', (error) => {
      logger.debug('event stream closed', { error });
      drop();
    });
  }

  /** `/t/<token>`: the printed link. Leaves the token in a page-only cookie and goes to the app. */
  function enter(res: ServerResponse, given: string): void {
    if (!sameToken(given, token)) {
      refuseToken(res);
      return;
    }
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`,
      Location: '/',
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  async function staticFile(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, refusal('VALIDATION', 'Use GET.'));
    const found = options.rendererDir ? await findStaticFile(options.rendererDir, path) : null;
    if (!found) return sendJson(res, 404, refusal('NOT_FOUND', 'Not found.'));
    const page = found.contentType.startsWith('text/html');
    // The page carries the token, so only a browser that came through the printed link gets it.
    if (page && !sameToken(cookieToken(req), token)) return refuseToken(res);
    const file = await readStaticFile(found.file);
    const body = page ? withToken(file) : file;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': page ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function withToken(html: Buffer): Buffer {
    const meta = `<meta name="${TOKEN_META}" content="${token}">`;
    const text = html.toString('utf8');
    const at = text.search(/<head[^>]*>/i);
    if (at < 0) return Buffer.from(meta + text, 'utf8');
    const end = text.indexOf('>', at) + 1;
    return Buffer.from(text.slice(0, end) + meta + text.slice(end), 'utf8');
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname: path, searchParams } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry = /^\/t\/([A-Za-z0-9_-]+)\/?$/.exec(path);
    if (entry) return enter(res, entry[1]!);
    if (path.startsWith('/api/invoke/')) {
      let channel: string;
      try {
        channel = decodeURIComponent(path.slice('/api/invoke/'.length));
      } catch {
        return sendJson(res, 404, refusal('NOT_FOUND', 'No such channel.'));
      }
      return invoke(req, res, channel);
    }
    if (path === '/api/events') {
      events(req, res, searchParams);
      return;
    }
    return staticFile(req, res, path);
  }

  const server = createServer((req, res) => {
    // Bound to loopback already; checked again per request so a misconfiguration cannot expose it.
    if (!isLocalRequest(req, port)) {
      logger.warn('non-loopback request refused', { remote: req.socket.remoteAddress });
      return sendJson(res, 403, refusal('FORBIDDEN', 'Only this computer may use the web host.'));
    }
    route(req, res).catch((error: unknown) => {
      logger.error('web host request failed', { error });
      if (!res.headersSent)
        sendJson(res, 500, {
          ok: false,
          error: { code: 'INTERNAL', message: 'Server error.', retryable: false },
        });
      else res.end();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, WEB_HOST_ADDRESS, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${WEB_HOST_ADDRESS}:${port}`;
  logger.info('web host listening', { url });

  return {
    url,
    pageUrl: `${url}/t/${token}`,
    token,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
