/** Go-live evidence for Vipps' checklist: scenarios, the printable report, and one call for both. */
import type { Currency, GoLiveReport } from '../../preload/contract';
import { goLiveReport } from './report';
import { type GoLiveOptions, runScenarios } from './scenarios';

export { goLiveReport } from './report';
export { type GoLiveOptions, runScenarios, SCENARIOS } from './scenarios';

export interface RunGoLiveOptions {
  payments: GoLiveOptions['payments'];
  client: GoLiveOptions['client'];
  environment: 'training' | 'test';
  merchantSerialNumber: string;
  currency: Currency;
  phone: string;
  now?: () => Date;
  pollMs?: number;
}

export async function runGoLive(options: RunGoLiveOptions): Promise<GoLiveReport> {
  const now = options.now ?? (() => new Date());
  const rows = await runScenarios(options);
  return goLiveReport(options.environment, options.merchantSerialNumber, rows, now());
}
