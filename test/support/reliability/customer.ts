import type { Simulator } from '../../../src/main/simulator';
import type { Rng } from './random';

export interface CustomerFigures {
  approved: number;
  rejected: number;
  ignored: number;
}

/**
 * Customers with phones: each new payment is approved (most), rejected, or ignored, after a short
 * random think — also while the counter's process is dead, which is how late approvals happen.
 */
export function autoCustomer(sim: Simulator, rng: Rng) {
  const figures: CustomerFigures = { approved: 0, rejected: 0, ignored: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const act = (reference: string, action: 'approve' | 'reject') => {
    try {
      sim.customer[action](reference);
      figures[action === 'approve' ? 'approved' : 'rejected'] += 1;
    } catch {
      // Cancelled or expired first: the race the suite wants.
    }
  };
  const off = sim.onChange((change) => {
    if (change.event !== 'CREATED') return;
    const roll = rng.next();
    if (roll >= 0.85) {
      figures.ignored += 1;
      return;
    }
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        act(change.reference, roll < 0.75 ? 'approve' : 'reject');
      },
      rng.int(0, 60),
    );
    timers.add(timer);
  });
  return {
    figures,
    stop() {
      off();
      for (const t of timers) clearTimeout(t);
    },
  };
}

/** Ends every payment still waiting for a customer, as Vipps' own expiry would. */
export function expireWaiting(sim: Simulator): number {
  let n = 0;
  for (const w of sim.customer.waiting()) {
    try {
      sim.customer.expire(w.reference);
      n += 1;
    } catch {
      // Decided meanwhile.
    }
  }
  return n;
}
