import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './components/ErrorNotice';
import { BRAND_BY_MARKET } from './lib/brand';
import { CashierApp } from './screens/CashierApp';
import { CustomerDisplay } from './screens/CustomerDisplay';
import { DayReportPage } from './screens/staff/DayReportPage';
import { useAppStore } from './stores/app';

export type Route = 'cashier' | 'customer' | 'day-report';

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  if (path === 'day-report') return 'day-report';
  return path === 'customer' ? 'customer' : 'cashier';
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

/** Brand and language on <html>, so CSS variables and screen readers follow the market. */
function useDocumentBrand(): void {
  const info = useAppStore((s) => s.info);
  const language = useAppStore((s) => s.language);
  useEffect(() => {
    const brand = info?.brand ?? BRAND_BY_MARKET[info?.market ?? 'NO'];
    document.documentElement.dataset.brand = brand;
    document.documentElement.lang = language;
  }, [info, language]);
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const info = useAppStore((s) => s.info);
  const error = useAppStore((s) => s.error);
  useDocumentBrand();

  if (!info) {
    return (
      <main className="loading" aria-busy={!error}>
        {error ? <ErrorNotice error={error} /> : <p>{t('app.loading')}</p>}
      </main>
    );
  }
  if (route === 'day-report') return <DayReportPage />;
  return route === 'customer' ? <CustomerDisplay /> : <CashierApp />;
}
