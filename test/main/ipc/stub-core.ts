/**
 * A Core whose answers each test sets. Used where the test is about the IPC wrapper itself
 * (validation, sender checks, error conversion), not about payments; the real core is exercised
 * in test/main/web and test/main/shell.
 */
import type { Core, CoreEvent } from '../../../src/main/core';
import type { PaymentsService } from '../../../src/main/payments/types';

export function createStubCore(overrides: Partial<Core> = {}): Core & { emit(event: CoreEvent): void } {
  const listeners = new Set<(event: CoreEvent) => void>();
  const unused = (): never => {
    throw new Error('not used by this test');
  };
  return {
    info: unused,
    payments: () => ({}) as PaymentsService,
    paymentsForChange: () => ({}) as PaymentsService,
    settingsView: unused,
    saveSettings: unused,
    testConnection: unused,
    trainingCustomer: unused,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: async () => {},
    openWork: () => ({ sale: null, operations: 0 }),
    extensionHandler: () => undefined,
    guard: (_channel, req, next) => next(req),
    close: async () => {},
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    ...overrides,
  };
}
