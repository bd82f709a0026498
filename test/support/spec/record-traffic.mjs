/**
 * Preload for a child process that runs the app's built-in simulator (the e2e web host):
 * `node --import ./test/support/spec/record-traffic.mjs out/main/web.js`. It adds an observer to the
 * simulator's process-wide set (on globalThis, so the bundled build finds the same set) and writes
 * each request with its answer as one JSON line to POS_SPEC_TRAFFIC_FILE. The test process holds
 * the lines to the specs afterwards (test/setup/spec-traffic.ts).
 */
import { appendFileSync } from 'node:fs';

const file = process.env.POS_SPEC_TRAFFIC_FILE;
if (file) {
  const key = Symbol.for('vipps-counter.simulator.traffic-observers');
  globalThis[key] ??= new Set();
  const open = new WeakMap();
  const headersOf = (headers) =>
    Object.fromEntries(
      Object.entries(headers)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    );
  globalThis[key].add({
    request(req) {
      open.set(req, {
        method: req.method,
        path: req.path,
        query: Object.fromEntries(req.query),
        headers: headersOf(req.headers),
        body: req.body,
      });
    },
    reply(req, reply) {
      const x = open.get(req);
      if (!x) return;
      x.status = reply.status;
      x.reply = reply.raw !== undefined ? undefined : reply.body;
      appendFileSync(file, `${JSON.stringify(x)}\n`);
    },
  });
}
