import type { PosError } from '../../preload/contract';
import { isPosFailure } from '../errors';
import type { Logger } from '../log';

/**
 * What crosses the process boundary when a handler throws. A PosFailure is ours on purpose (its
 * message is written to be safe); anything else may carry secrets or request objects, so it is
 * logged in main (the logger redacts) and the renderer gets a generic message.
 */
export function toPosError(error: unknown, channel: string, logger: Logger): PosError {
  if (isPosFailure(error)) return error.toPosError();
  logger.error('unexpected error in handler', { channel, error });
  return {
    code: 'INTERNAL',
    message: 'Something went wrong in the app. The details are in the log.',
    retryable: false,
  };
}
