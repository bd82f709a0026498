import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PaymentView } from '../../../preload/contract';
import { BrandLogo } from '../components/BrandLogo';
import { QrImage } from '../components/QrImage';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';
import { useBrandName, useMoney } from '../lib/hooks';
import { useAppStore } from '../stores/app';
import { useSaleStore } from '../stores/sale';

/** How long the thank-you (or not-completed) screen stays before the display goes back to idle. */
const FINAL_SCREEN_MS = 15_000;

type Phase = 'idle' | 'pay' | 'checking' | 'approved' | 'thanks' | 'failed';

export function customerPhase(payment: PaymentView | null): Phase {
  if (!payment) return 'idle';
  switch (payment.status) {
    case 'CREATING':
      return 'checking';
    case 'WAITING':
      return 'pay';
    case 'RESERVED':
    case 'CAPTURING':
    case 'DECISION_NEEDED':
      return 'approved';
    case 'COMPLETED':
      return 'thanks';
    case 'UNKNOWN':
    case 'CANCELLING':
      return 'checking';
    default:
      return 'failed';
  }
}

/** The screen facing the customer: amount, QR, what to do in the app, and the outcome. */
export function CustomerDisplay() {
  const { t } = useTranslation();
  const money = useMoney();
  const brand = useBrandName();
  const payment = useSaleStore((s) => s.active);
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const [hidden, setHidden] = useState<string | null>(null);
  const phase = hidden === payment?.reference ? 'idle' : customerPhase(payment);

  useEffect(() => {
    if (phase !== 'thanks' && phase !== 'failed') return;
    const reference = payment?.reference ?? null;
    const timer = setTimeout(() => setHidden(reference), FINAL_SCREEN_MS);
    return () => clearTimeout(timer);
  }, [phase, payment?.reference]);

  return (
    <main className={`customer phase-${phase}`}>
      <header className="customer-brand">
        <BrandLogo size="display" />
      </header>
      <div className="customer-body" aria-live="polite" aria-atomic="true">
        {phase === 'idle' && <p className="customer-big">{t('customer.welcome')}</p>}
        {payment && phase !== 'idle' && (
          <>
            {(phase === 'pay' || phase === 'checking') && (
              <p className="customer-label">{t('customer.toPay')}</p>
            )}
            <p className="customer-amount">{money(payment.amount, payment.currency)}</p>
          </>
        )}
        {phase === 'pay' && payment?.flow === 'QR' && payment.qr && (
          <>
            <QrImage className="customer-qr" qr={payment.qr} alt={t('waiting.qrAlt')} />
            <p className="customer-guidance">{t('customer.scanQr', { brand })}</p>
          </>
        )}
        {phase === 'pay' && !(payment?.flow === 'QR' && payment.qr) && (
          <p className="customer-guidance">{t('customer.approveInApp', { brand })}</p>
        )}
        {phase === 'checking' && <p className="customer-guidance">{t('customer.checking')}</p>}
        {phase === 'approved' && <p className="customer-guidance">{t('customer.approved')}</p>}
        {phase === 'thanks' && (
          <>
            <p className="customer-big">{t('customer.thanks')}</p>
            <p className="customer-guidance">{t('customer.paid')}</p>
          </>
        )}
        {phase === 'failed' && (
          <>
            <p className="customer-big">{t('customer.notCompleted')}</p>
            <p className="customer-guidance">{t('customer.notCompletedDetail')}</p>
          </>
        )}
      </div>
      <nav className="customer-languages" aria-label={t('app.language')}>
        {LANGUAGES.map((code: Language) => (
          <button
            key={code}
            type="button"
            className={`button button-quiet ${code === language ? 'is-current' : ''}`}
            aria-pressed={code === language}
            lang={code}
            onClick={() => setLanguage(code)}
          >
            {LANGUAGE_NAMES[code]}
          </button>
        ))}
      </nav>
    </main>
  );
}
