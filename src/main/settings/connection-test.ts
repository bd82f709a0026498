import type { ConnectionTestResult, Environment } from '../../preload/contract';
import { isPosFailure } from '../errors';
import type { Logger } from '../log';
import { createVippsClient } from '../vipps/client';
import type { SystemInfo, VippsClient, VippsCredentials } from '../vipps/types';

const ENVIRONMENT_NAME: Record<Environment, string> = {
  training: 'the built-in training simulator',
  test: 'the Vipps MobilePay test environment',
  production: 'Vipps MobilePay (production)',
};

/**
 * "Test connection": fetch an access token and say in plain words what happened. The cashier or
 * the shop's admin reads this, so it names the likely fix, never a status code alone.
 */
export async function testVippsConnection(
  client: VippsClient,
  environment: Environment,
  logger: Logger,
): Promise<ConnectionTestResult> {
  try {
    await client.fetchToken();
    const training = environment === 'training' ? ' No real money moves in training mode.' : '';
    return { ok: true, message: `Connected to ${ENVIRONMENT_NAME[environment]}.${training}` };
  } catch (error) {
    if (!isPosFailure(error)) {
      logger.error('connection test failed unexpectedly', { error });
      return {
        ok: false,
        code: 'INTERNAL',
        message: 'The connection test failed for an unexpected reason; see the log.',
      };
    }
    logger.warn('connection test failed', { code: error.code, status: error.details?.status });
    return { ok: false, code: error.code, message: explain(error.code, environment) };
  }
}

function explain(code: string, environment: Environment): string {
  const where = ENVIRONMENT_NAME[environment];
  switch (code) {
    case 'AUTH':
    case 'FORBIDDEN':
      return `${where} rejected the credentials. Check the client id, client secret, subscription key and merchant serial number (they differ between test and production).`;
    case 'NETWORK':
      return `Could not reach ${where}. Check this computer's internet connection.`;
    case 'TIMEOUT':
      return `${where} did not answer in time. Try again in a moment.`;
    case 'RATE_LIMITED':
      return `${where} asked us to slow down. Wait a minute and try again.`;
    case 'UPSTREAM':
      return `${where} had a problem of its own. Try again in a few minutes.`;
    default:
      return `The connection to ${where} failed (${code}).`;
  }
}

export const NOT_CONFIGURED_RESULT: ConnectionTestResult = {
  ok: false,
  code: 'NOT_CONFIGURED',
  message:
    'Enter the client id, client secret, subscription key and merchant serial number from the business portal, save, then test again.',
};

/**
 * The connection test for the saved settings, with a fresh client (no cached token), one attempt.
 * Training asks the running simulator; a real environment needs complete stored credentials.
 */
export async function testSavedConnection(options: {
  environment: Environment;
  /** Training: where the running training backend is and its credentials; null when it is not running. */
  training: { baseUrl: string; credentials: VippsCredentials } | null;
  /** Real environments: opens the sealed credentials (null when incomplete). */
  credentials: () => Promise<VippsCredentials | null>;
  baseUrl: (environment: Exclude<Environment, 'training'>) => string;
  system: SystemInfo;
  logger: Logger;
}): Promise<ConnectionTestResult> {
  const { environment, system, logger } = options;
  const single = (baseUrl: string, credentials: VippsCredentials) =>
    createVippsClient({ baseUrl, credentials, system, logger, retry: { maxAttempts: 1 } });
  if (environment === 'training') {
    if (!options.training)
      return { ok: false, code: 'INTERNAL', message: 'The training simulator is not running.' };
    return testVippsConnection(
      single(options.training.baseUrl, options.training.credentials),
      'training',
      logger,
    );
  }
  let credentials: VippsCredentials | null;
  try {
    credentials = await options.credentials();
  } catch (error) {
    if (isPosFailure(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  if (!credentials) return NOT_CONFIGURED_RESULT;
  return testVippsConnection(single(options.baseUrl(environment), credentials), environment, logger);
}
