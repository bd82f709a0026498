import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../preload/contract';
import {
  ConnectivityBanner,
  LateApprovalBanner,
  RecoveryBanner,
  TrainingBanner,
} from '../components/Banners';
import { BrandLogo } from '../components/BrandLogo';
import { ErrorNotice } from '../components/ErrorNotice';
import { StaffBadge } from '../components/StaffBadge';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';
import { navShortcut, useNavShortcuts } from '../lib/use-nav-shortcuts';
import { countNeedingAttention, useAlertsStore } from '../stores/alerts';
import { useAppStore, type View } from '../stores/app';
import { useSaleStore } from '../stores/sale';
import { AlertsScreen } from './AlertsScreen';
import { HistoryScreen } from './HistoryScreen';
import { SaleScreen } from './SaleScreen';
import { SettingsScreen } from './SettingsScreen';
import { StaffScreen } from './staff/StaffScreen';
import { useStaffHash } from './staff/use-staff-hash';
import { WaitingScreen } from './WaitingScreen';

const VIEWS: View[] = ['sale', 'history', 'alerts', 'settings', 'staff'];

/** The cashier's window: banners, navigation, and the current screen. */
export function CashierApp() {
  const { t } = useTranslation();
  const { view, setView, language, setLanguage, info } = useAppStore();
  const active = useSaleStore((s) => s.active);
  const saleError = useSaleStore((s) => s.error);
  const attentionCount = useAlertsStore(countNeedingAttention);
  const loadAttention = useAlertsStore((s) => s.loadAttention);
  useStaffHash();
  useNavShortcuts(VIEWS, setView);

  useEffect(() => {
    void loadAttention();
  }, [loadAttention]);

  return (
    <div className="cashier">
      <TrainingBanner />
      <ConnectivityBanner />
      <RecoveryBanner />
      <LateApprovalBanner />
      <header className="topbar">
        <BrandLogo size="bar" />
        <nav className="tabs" aria-label={t('app.title')}>
          {VIEWS.map((name, index) => (
            <button
              key={name}
              type="button"
              className={`tab ${view === name ? 'tab-current' : ''}`}
              aria-current={view === name ? 'page' : undefined}
              aria-keyshortcuts={navShortcut(index)}
              title={t('app.shortcut', { keys: navShortcut(index) })}
              onClick={() => setView(name)}
            >
              <span className="tab-key" aria-hidden="true">
                {index + 1}
              </span>
              {name === 'staff' ? t('staff.nav') : t(`app.nav.${name}`)}
              {name === 'alerts' && attentionCount > 0 && <span className="count">{attentionCount}</span>}
              {name === 'sale' && active && <span className="dot" aria-hidden="true" />}
            </button>
          ))}
        </nav>
        <StaffBadge onOpenStaff={() => setView('staff')} />
        <span className="counter-id">{info?.counterId}</span>
        <label className="language-picker">
          <span className="visually-hidden">{t('app.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="screen" id="main">
        {view === 'sale' && (active ? <WaitingScreen payment={active} /> : <SaleScreen />)}
        {view === 'history' && <HistoryScreen />}
        {view === 'alerts' && <AlertsScreen />}
        {view === 'settings' && <SettingsScreen />}
        {view === 'staff' && <StaffScreen />}
        {view !== 'sale' && saleError && active && <ErrorNotice error={saleError} />}
      </main>
    </div>
  );
}
