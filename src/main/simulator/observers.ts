/**
 * Test hook: lets a test see every request the simulator is about to act on and every answer it
 * sends (to check write-ahead order against the journal, or hold the traffic to the spec). An
 * observer only looks; what it throws is logged and changes nothing.
 */
import type { Logger } from '../log';
import type { Reply, SimRequest } from './http-types';

export interface TrafficObserver {
  /** The request with its parsed body, before faults or routes act on it. */
  request?(req: Readonly<SimRequest>): void;
  /** Every answer written to the wire (dropped and lost answers are never seen by the caller). */
  reply?(req: Readonly<SimRequest>, reply: Readonly<Reply>): void;
}

const GLOBAL = Symbol.for('vipps-counter.simulator.traffic-observers');

/**
 * Observers of every simulator in this process (a test runner's setup file adds them). Kept on
 * globalThis so that a preload can reach the simulator inside a bundled build (the e2e web host).
 */
const holder = globalThis as Record<symbol, Set<TrafficObserver> | undefined>;
holder[GLOBAL] ??= new Set<TrafficObserver>();
export const globalTrafficObservers: Set<TrafficObserver> = holder[GLOBAL];

export function notifyObservers(
  own: ReadonlySet<TrafficObserver>,
  logger: Logger,
  call: (o: TrafficObserver) => void,
): void {
  for (const set of [own, globalTrafficObservers]) {
    for (const observer of set) {
      try {
        call(observer);
      } catch (error) {
        logger.error('simulator traffic observer threw', { error });
      }
    }
  }
}
