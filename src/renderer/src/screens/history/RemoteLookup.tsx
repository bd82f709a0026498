import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusBadge } from '../../components/StatusBadge';
import { brandNameOf } from '../../lib/brand';
import { useBrandName, useMoney } from '../../lib/hooks';
import { useLookupStore } from '../../stores/lookup';

/**
 * Under History's empty result: the same reference looked up at Vipps. Another counter's sale is
 * shown with who made it and opens in the same detail view as this counter's sales; acting on it
 * there takes it into this counter's journal first (main adopts it).
 */
export function RemoteLookup() {
  const { t } = useTranslation();
  const brand = useBrandName();
  const { reference, phase, result, error, lookup, openFound } = useLookupStore();
  if (phase === 'idle' || !reference) return null;

  return (
    <section className="remote-lookup" aria-live="polite" aria-label={t('lookup.title', { brand })}>
      {phase === 'offer' && (
        <button type="button" className="button" onClick={() => void lookup()}>
          {t('lookup.ask', { brand, reference })}
        </button>
      )}
      {phase === 'looking' && <p className="status-detail">{t('lookup.looking', { brand, reference })}</p>}
      {error && <ErrorNotice error={error} />}
      {result?.found === 'none' && (
        <p className="notice notice-warn" data-lookup="none">
          {t('lookup.none', { brand, reference: result.reference })}
        </p>
      )}
      {result?.found === 'vipps' && <RemoteSale payment={result.detail.payment} onOpen={openFound} />}
    </section>
  );
}

function RemoteSale({ payment, onOpen }: { payment: PaymentView; onOpen: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <div className="notice notice-ok remote-sale" data-lookup="vipps">
      <h2>{t('lookup.found', { brand: brandNameOf(payment.currency) })}</h2>
      <p>
        <OriginWords payment={payment} />
      </p>
      <p>
        <code>{payment.reference}</code> — {money(payment.amount, payment.currency)}{' '}
        <StatusBadge status={payment.shown} />
      </p>
      <button type="button" className="button button-primary" onClick={onOpen}>
        {t('lookup.open')}
      </button>
    </div>
  );
}

/** "Made at counter lane1" / "Made elsewhere", and whether this counter has taken it over. */
export function OriginWords({ payment }: { payment: PaymentView }) {
  const { t } = useTranslation();
  const origin = payment.origin;
  if (!origin) return null;
  const where = origin.counterId
    ? t('lookup.fromCounter', { counter: origin.counterId })
    : t('lookup.fromElsewhere', { brand: brandNameOf(payment.currency) });
  return (
    <>
      {where} {origin.adoptedAt ? t('lookup.adopted') : t('lookup.notAdopted')}
    </>
  );
}
