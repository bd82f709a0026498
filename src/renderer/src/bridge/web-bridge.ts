/**
 * `window.pos` for a plain browser page served by the web host (`npm run web`): the same layout as
 * the Electron preload (built from API_LAYOUT / EVENT_LAYOUT), carried over fetch and Server-Sent
 * Events to the same handler map in the host. Inside Electron the preload has already defined
 * `window.pos`, and this does nothing.
 */
import {
  API_LAYOUT,
  EVENT_LAYOUT,
  type EventChannel,
  type PosApi,
  type PosError,
  type Result,
} from '../../../preload/contract';

interface EventSourceLike {
  addEventListener(type: 'message', listener: (event: { data: string }) => void): void;
  close(): void;
}

export interface WebBridgeOptions {
  /** Where `pos` is defined; the page's window by default. */
  target?: { pos?: PosApi };
  /** The host's origin; relative to the page by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** This run's web host token; read from the page the host served by default. */
  token?: string;
  createEventSource?: (url: string) => EventSourceLike;
}

const UNREACHABLE: PosError = {
  code: 'NETWORK',
  message: 'The app server (web host) cannot be reached.',
  retryable: true,
};

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  return (body as { ok: unknown }).ok === true ? 'value' in body : 'error' in body;
}

/** The host injects its per-run token into the page it serves (src/main/web/host.ts). */
function pageToken(): string {
  const doc = (
    globalThis as {
      document?: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
    }
  ).document;
  return doc?.querySelector('meta[name="pos-web-token"]')?.getAttribute('content') ?? '';
}

export function createWebPosApi(options: Omit<WebBridgeOptions, 'target'> = {}): PosApi {
  const base = options.baseUrl ?? '';
  const token = options.token ?? pageToken();
  // Read from globalThis so this file also compiles and runs outside a browser (node tests).
  const page = globalThis as unknown as { EventSource: new (url: string) => EventSourceLike };
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const openEvents = options.createEventSource ?? ((url) => new page.EventSource(url));

  const invoke = async (channel: string, req: unknown): Promise<Result<unknown>> => {
    try {
      const response = await doFetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Pos-Token': token },
        body: JSON.stringify(req ?? {}),
        credentials: 'same-origin',
      });
      const body: unknown = await response.json();
      return isResult(body) ? body : { ok: false, error: UNREACHABLE };
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
  };

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  const ensureStream = () => {
    if (source) return;
    source = openEvents(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('message', (message) => {
      try {
        const { channel, payload } = JSON.parse(message.data) as { channel: string; payload: unknown };
        for (const listener of listeners.get(channel) ?? []) listener(payload);
      } catch {
        // A frame that is not ours is ignored; the next one may be fine.
      }
    });
  };
  const subscribe = (channel: EventChannel) => (listener: (payload: unknown) => void) => {
    ensureStream();
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => {
      set.delete(listener);
    };
  };

  const api: Record<string, Record<string, unknown>> = {};
  for (const [group, methods] of Object.entries(API_LAYOUT)) {
    api[group] = Object.fromEntries(
      Object.entries(methods).map(([method, channel]) => [method, (req?: unknown) => invoke(channel, req)]),
    );
  }
  api.events = Object.fromEntries(
    Object.entries(EVENT_LAYOUT).map(([name, channel]) => [name, subscribe(channel)]),
  );
  return api as unknown as PosApi;
}

/** Defines `window.pos` over HTTP when no preload did. Returns true when it installed the bridge. */
export function installWebBridge(options: WebBridgeOptions = {}): boolean {
  const target = options.target ?? (globalThis as { pos?: PosApi });
  if (target.pos) return false;
  target.pos = createWebPosApi(options);
  return true;
}
