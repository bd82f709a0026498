import type { PosApi, PosError, Result } from '../../../preload/contract';

/** The bridge from preload (Electron) or the web host. Looked up per call so tests can swap it. */
export function pos(): PosApi {
  return window.pos;
}

/**
 * Turns a call that should never reject into a Result even if the bridge itself breaks (a closed
 * window, a dead web host): the screens then show INTERNAL wording instead of hanging.
 */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    const error: PosError = { code: 'INTERNAL', message: 'The bridge to main failed', retryable: true };
    return { ok: false, error };
  }
}

/** main refused only because a manager must approve (or the PIN given was not a manager's). */
export function needsApproval(error: PosError): boolean {
  return (
    error.code === 'FORBIDDEN' &&
    (error.details?.approval === 'required' || error.details?.approval === 'rejected')
  );
}
