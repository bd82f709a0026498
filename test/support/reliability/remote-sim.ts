import type { Simulator } from '../../../src/main/simulator';
import { TRAINING_CREDENTIALS } from '../../../src/main/simulator';

/**
 * The parent's simulator as a child process sees it: a URL and the training credentials. The engine
 * harness only reads `url` and `credentials` (and asks to `observe`, a no-op here) from a simulator it does not own (it never closes it),
 * so the rest of the interface is left out on purpose; touching it throws.
 */
export function remoteSimulator(url: string): Simulator {
  // Write-ahead order is witnessed by the parent, where the requests arrive.
  const known = { url, credentials: TRAINING_CREDENTIALS, observe: () => () => undefined };
  return new Proxy(known, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      if (key === 'then') return undefined;
      throw new Error(`the simulator runs in the parent process; ${String(key)} is not available here`);
    },
  }) as unknown as Simulator;
}
