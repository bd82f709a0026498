import type { Result } from '../../preload/contract';
import type { Logger } from '../log';
import type { HandlerMap } from './handler';
import { invokeHandler } from './invoke';
import type { SenderEvent } from './sender';

/** The slice of Electron's ipcMain this module needs (kept structural so tests can pass a fake). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: SenderEvent, ...args: unknown[]) => Promise<Result<unknown>>,
  ): void;
  removeHandler(channel: string): void;
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This window may not use the payment API.', retryable: false },
};

/**
 * Registers every channel of the handler map behind one guard: the sender must be one of our
 * windows showing our own page (and allowed that channel), and exactly one argument is accepted.
 * Returns an unregister.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: HandlerMap,
  isTrustedSender: (event: SenderEvent, channel: string) => boolean,
  logger: Logger,
): () => void {
  const channels = Object.keys(handlers);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, channel)) {
        logger.warn('ipc call from an untrusted sender refused', { channel, url: event.senderFrame?.url });
        return FORBIDDEN;
      }
      if (args.length !== 1) {
        return {
          ok: false,
          error: { code: 'VALIDATION', message: 'Exactly one request object is expected.', retryable: false },
        };
      }
      return invokeHandler(handlers, channel, args[0], logger);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
