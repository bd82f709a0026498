import type { ConnectivityEvent } from '../../preload/contract';
import { type EngineContext, later } from './context';
import { describeFailure } from './failure';
import { applyRemote, updatePayment } from './store';

/**
 * Follows a payment while Vipps waits for the customer, per Vipps' polling guideline: first look
 * after `firstDelayMs`, then every `intervalMs`, doubling (up to `maxIntervalMs`) after a 429. It
 * keeps going after the cashier gave up, until Vipps itself decides (approve, reject, expire), so a
 * late approval is never missed. One poller per reference.
 */
export function createPoller(ctx: EngineContext) {
  const watching = new Set<string>();
  let online = true;

  /** Said once per change, not on every poll. Offline always says why (the failure's message). */
  function setConnectivity(state: ConnectivityEvent) {
    if (online === state.online) return;
    online = state.online;
    ctx.emit('connectivity', state);
  }

  async function pollOnce(reference: string, interval: number): Promise<void> {
    let next = ctx.polling.intervalMs;
    try {
      const remote = await ctx.vipps.getPayment(reference);
      setConnectivity({ online: true });
      const row = updatePayment(ctx, reference, (r) => applyRemote(r, remote));
      if (row.vippsState !== 'CREATED') {
        watching.delete(reference);
        if (row.vippsState === 'AUTHORIZED') ctx.afterAuthorized(reference);
        return;
      }
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.code === 'RATE_LIMITED') {
        next = Math.min(ctx.polling.maxIntervalMs, Math.max(interval * 2, failure.retryAfterMs ?? 0));
      } else if (failure.code === 'NETWORK' || failure.code === 'TIMEOUT') {
        setConnectivity({ online: false, reason: failure.message });
      }
      ctx.log.warn('poll failed', { reference, code: failure.code });
    }
    // After stop() this schedules nothing (later()), so the loop ends there.
    later(ctx, next, () => void pollOnce(reference, next));
  }

  return {
    watch(reference: string): void {
      if (watching.has(reference)) return;
      watching.add(reference);
      later(ctx, ctx.polling.firstDelayMs, () => void pollOnce(reference, ctx.polling.intervalMs));
    },
  };
}
