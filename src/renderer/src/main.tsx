import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, routeFromHash } from './App';
import { installWebBridge } from './bridge/web-bridge';
import { initI18n } from './i18n';
import { useAppStore } from './stores/app';
import { bindMainEvents } from './stores/events';
import { useSaleStore } from './stores/sale';

// In Electron the preload has defined window.pos; in a plain browser the web host's bridge does.
if (typeof window.pos === 'undefined') installWebBridge();

initI18n();
bindMainEvents({ attention: routeFromHash(window.location.hash) === 'cashier' });
void useAppStore
  .getState()
  .load()
  .then(() => useSaleStore.getState().loadActive());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
