import type { Channel, PosError, Result } from '../../preload/contract';
import type { Logger } from '../log';
import { redactValue } from '../redaction';
import { toPosError } from './errors';
import type { HandlerMap } from './handler';

export function isChannel(handlers: HandlerMap, channel: string): channel is Channel {
  return Object.hasOwn(handlers, channel);
}

/**
 * The one path from an untrusted request to a Result, shared by Electron IPC and the web host:
 * parse the single argument with the channel's schema, run the handler, convert every failure.
 * Never throws.
 */
export async function invokeHandler(
  handlers: HandlerMap,
  channel: string,
  payload: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  if (!isChannel(handlers, channel)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: 'No such channel.', retryable: false } };
  }
  // Widened on purpose: each handler's schema guards its own request type.
  const handler = handlers[channel] as unknown as {
    schema: {
      safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: ZodLikeError };
    };
    handle(req: unknown): unknown;
  };
  const parsed = handler.schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`,
    );
    const field = parsed.error.issues[0]?.path.join('.');
    return refuse({
      code: 'VALIDATION',
      // Names the first field at fault, so the admin detail and the log say what to fix.
      message: `The request was not valid (${issues[0] ?? '(request)'}); nothing was done.`,
      retryable: false,
      details: { issues: issues.slice(0, 20), ...(field ? { field } : {}) },
    });
  }
  try {
    return { ok: true, value: await handler.handle(parsed.data) };
  } catch (error) {
    return refuse(toPosError(error, channel, logger));
  }
}

/**
 * Error envelopes leave main, so they pass the same redaction as the log: a PosFailure's message
 * and details may quote what Vipps or a request said, secrets and phone numbers included.
 */
function refuse(error: PosError): Result<never> {
  return { ok: false, error: redactValue(error) as PosError };
}

interface ZodLikeError {
  issues: Array<{ path: PropertyKey[]; message: string }>;
}
