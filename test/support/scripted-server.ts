/**
 * A tiny HTTP server on 127.0.0.1 (port 0) that answers from a script and records every request.
 * Real sockets, real HTTP: the client under test cannot tell it from Vipps except by what we script.
 *
 *   const server = await startScriptedServer();
 *   server.on('POST', '/accesstoken/get', tokenResponse());
 *   server.on('POST', /\/capture$/, { status: 500 }, { status: 200, body: {...} });
 *
 * Each route answers its queued responses in order; the last one repeats. Modes: `delayMs` waits
 * before answering (to run past a client timeout), `destroy` closes the socket after reading the
 * request (the request arrived, the answer is lost).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedHttpRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as Node delivers them. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
  rawBody: string;
}

export interface ScriptedResponse {
  status?: number;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
  delayMs?: number;
  destroy?: boolean;
}

export type Responder =
  | ScriptedResponse
  | ((request: RecordedHttpRequest) => ScriptedResponse | Promise<ScriptedResponse>);

export interface ScriptedServer {
  url: string;
  requests: RecordedHttpRequest[];
  /** Requests whose method and path match. */
  requestsTo(method: string, path: string | RegExp): RecordedHttpRequest[];
  /** Adds (or replaces) a route. A string path matches exactly; a RegExp is tested against the path. */
  on(method: string, path: string | RegExp, ...responses: Responder[]): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  path: string | RegExp;
  queue: Responder[];
}

const matches = (route: { method: string; path: string | RegExp }, method: string, path: string) =>
  route.method === method && (typeof route.path === 'string' ? route.path === path : route.path.test(path));

export async function startScriptedServer(): Promise<ScriptedServer> {
  const routes: Route[] = [];
  const requests: RecordedHttpRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await record(req);
    requests.push(recorded);
    const route = routes.find((r) => matches(r, recorded.method, recorded.path));
    const responder: Responder = route
      ? route.queue.length > 1
        ? route.queue.shift()!
        : route.queue[0]!
      : { status: 404, body: { title: `Nothing scripted for ${recorded.method} ${recorded.path}` } };
    const scripted = typeof responder === 'function' ? await responder(recorded) : responder;
    if (scripted.destroy) {
      req.socket.destroy();
      return;
    }
    if (scripted.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, scripted.delayMs);
        timers.add(timer);
      });
      if (req.socket.destroyed) return;
    }
    const body =
      scripted.body === undefined
        ? ''
        : typeof scripted.body === 'string'
          ? scripted.body
          : JSON.stringify(scripted.body);
    res.writeHead(scripted.status ?? 200, {
      ...(body ? { 'content-type': scripted.contentType ?? 'application/json' } : {}),
      ...scripted.headers,
    });
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (method, path) => requests.filter((r) => matches({ method, path }, r.method, r.path)),
    on(method, path, ...responses) {
      const existing = routes.findIndex((r) => r.method === method && String(r.path) === String(path));
      if (existing >= 0) routes.splice(existing, 1);
      routes.push({ method, path, queue: responses.length > 0 ? responses : [{ status: 200 }] });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function record(req: IncomingMessage): Promise<RecordedHttpRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown;
  if (rawBody !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = rawBody;
    }
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    rawBody,
  };
}
