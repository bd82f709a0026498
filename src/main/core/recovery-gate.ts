/**
 * Start-up recovery of one setup, and the gate it puts on money: until the unfinished sales are
 * checked with Vipps no new payment work starts (another sale could move money a crashed one
 * already moved). Other failures are retried with back-off; a journal that cannot be written is
 * not, because retrying would hit the same file the same way.
 */
import { isPosFailure, PosFailure } from '../errors';
import type { Logger } from '../log';
import type { Runtime } from './runtime';

export type Recovery =
  | { state: 'running' }
  | { state: 'done'; result: { checked: number; resolved: number; needsAttention: number } }
  | { state: 'failed'; failure: PosFailure }
  /** The journal cannot be written: waiting cannot fix it, a person must (disk, file, permissions). */
  | { state: 'blocked'; failure: PosFailure };

const RECOVERY_RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

export interface RecoveryGate {
  /** Runs the setup's recovery now and, after a failure worth retrying, again later. */
  recover(runtime: Runtime): void;
  /** Drops the pending retries (the core is closing). */
  stop(): void;
}

/**
 * `stillWanted`: false once the core closed or a new setup replaced this one; a retry for a setup
 * nobody uses any more would only talk to Vipps for nothing.
 */
export function recoveryGate(deps: {
  logger: Logger;
  stillWanted: (runtime: Runtime) => boolean;
}): RecoveryGate {
  const { logger } = deps;
  const timers = new Set<NodeJS.Timeout>();

  function recover(runtime: Runtime, attempt: number): void {
    runtime.engine.recover().then(
      (result) => {
        runtime.recovery = { state: 'done', result };
        runtime.markRecovered();
        logger.info('recovery finished', result);
      },
      (error: unknown) => {
        logger.error('recovery failed', { error, attempt });
        if (isPosFailure(error) && error.code === 'JOURNAL') {
          // Retrying would hit the same file the same way and keep the cashier on "retrying" forever.
          runtime.recovery = {
            state: 'blocked',
            failure: new PosFailure(
              'JOURNAL',
              error.message,
              error.details ? { details: error.details } : {},
            ),
          };
          runtime.markRecovered();
          return;
        }
        runtime.recovery = {
          state: 'failed',
          failure: isPosFailure(error)
            ? error
            : new PosFailure('RECOVERING', 'Unfinished payments could not be checked yet.', {
                retryable: true,
              }),
        };
        if (!deps.stillWanted(runtime)) return;
        const delay = RECOVERY_RETRY_MS[Math.min(attempt, RECOVERY_RETRY_MS.length - 1)]!;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (deps.stillWanted(runtime)) {
            runtime.recovery = { state: 'running' };
            recover(runtime, attempt + 1);
          }
        }, delay);
        timer.unref();
        timers.add(timer);
      },
    );
  }

  return {
    recover: (runtime) => recover(runtime, 0),
    stop() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/**
 * The gate itself, for anything that may move money: RECOVERING (retryable) while recovery runs
 * or waits for its next try, the journal's own failure when it stopped on the journal.
 */
export function refuseUntilRecovered(recovery: Recovery | undefined): void {
  if (recovery?.state === 'running') {
    throw new PosFailure('RECOVERING', 'Checking unfinished payments with Vipps before new work can start.', {
      retryable: true,
    });
  }
  if (recovery?.state === 'blocked') throw recovery.failure;
  if (recovery?.state === 'failed') {
    throw new PosFailure(
      'RECOVERING',
      `Unfinished payments could not be checked yet (${recovery.failure.message}). Retrying automatically.`,
      { retryable: true },
    );
  }
}
