import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { AppInfo } from '../../../src/preload/contract';
import { initI18n } from '../../../src/renderer/src/i18n';
import { useAlertsStore } from '../../../src/renderer/src/stores/alerts';
import { useAppStore } from '../../../src/renderer/src/stores/app';
import { bindMainEvents } from '../../../src/renderer/src/stores/events';
import { EMPTY_QUERY, useHistoryStore } from '../../../src/renderer/src/stores/history';
import { useSaleStore } from '../../../src/renderer/src/stores/sale';
import { useSettingsStore } from '../../../src/renderer/src/stores/settings';
import { appInfo, createFakePos, type FakePos } from './fake-pos';

/** Every store back to its first state, so tests do not leak into each other. */
export function resetStores(): void {
  useAppStore.setState({
    info: null,
    error: null,
    online: true,
    offlineReason: null,
    view: 'sale',
    language: 'en',
  });
  useSaleStore.setState({ active: null, busy: false, error: null, typedAhead: '' });
  useHistoryStore.setState({
    query: EMPTY_QUERY,
    items: [],
    nextCursor: null,
    loading: false,
    searched: false,
    error: null,
    selected: null,
    busy: false,
  });
  useSettingsStore.setState({
    view: null,
    error: null,
    saving: false,
    savedAt: null,
    testing: false,
    testResult: null,
  });
  useAlertsStore.setState({ alerts: [], attention: [], error: null });
}

/**
 * Installs a fresh fake window.pos, loads app info from it (as main.tsx does), binds events and
 * renders. Returns the fake so the test can inspect calls and push events.
 */
export async function setup(
  ui: ReactElement,
  info: Partial<AppInfo> = {},
  prepare?: (fake: FakePos) => void,
) {
  resetStores();
  const fake: FakePos = createFakePos();
  fake.respond('app.info', () => ({ ok: true, value: appInfo(info) }));
  prepare?.(fake);
  window.pos = fake.pos;
  initI18n(info.language ?? 'en');
  await useAppStore.getState().load();
  const unbind = bindMainEvents();
  const view = render(ui);
  await act(async () => {});
  return { fake, unbind, ...view };
}
