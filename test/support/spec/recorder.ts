/**
 * Records what every simulator in this process receives and answers (through the simulator's
 * observer hook), as plain copies, for checking against the specs after the test file ran.
 */
import type { Reply, SimRequest, TrafficObserver } from '../../../src/main/simulator';
import type { Exchange } from './traffic-check';

function plainHeaders(headers: SimRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function createRecorder(): { observer: TrafficObserver; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const open = new WeakMap<object, Exchange>();
  const observer: TrafficObserver = {
    request(req) {
      const x: Exchange = {
        method: req.method,
        path: req.path,
        query: Object.fromEntries(req.query),
        headers: plainHeaders(req.headers),
        body: req.body === undefined ? undefined : structuredClone(req.body),
      };
      open.set(req, x);
      exchanges.push(x);
    },
    reply(req, reply: Readonly<Reply>) {
      const x = open.get(req);
      if (!x) return; // refused before its body was read (e.g. too large): no request to pair with
      x.status = reply.status;
      x.reply = reply.raw !== undefined || reply.body === undefined ? undefined : structuredClone(reply.body);
    },
  };
  return { observer, exchanges };
}
