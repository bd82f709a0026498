import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../preload/contract';
import { isNotApproved } from '../lib/approval';
import { useBrandName } from '../lib/hooks';

/** Vipps' own codes a cashier or manager can act on have their own words (errors.vipps.*). */
const WORDED_VIPPS_CODES = new Set(['4060', '4070', '7010', '5080', '6060', '5040', '5060']);

/** The translation key for an error: Vipps' own code when we have words for it, else ours. */
export function wordingKey(error: PosError): string {
  const vipps = error.details?.vippsErrorCode;
  if (vipps && WORDED_VIPPS_CODES.has(vipps)) return `errors.vipps.${vipps}`;
  // 5010–5100: the merchant's agreement or sales unit is not set up for this (only a manager can fix it).
  if (vipps && /^\d{4}$/.test(vipps) && Number(vipps) >= 5010 && Number(vipps) <= 5100) {
    return 'errors.vipps.merchant';
  }
  return `errors.codes.${error.code}`;
}

import { brandNameOf } from '../lib/brand';
import { formatAmount } from '../lib/money';
import { useAppStore } from '../stores/app';

interface Props {
  error: PosError;
  onClose?: () => void;
}

/**
 * Cashier wording for an error from main: what happened and what to do, then the details an admin
 * needs (code, Vipps trace id, reference) folded away. main's own message is not shown: it is for
 * logs, and cashiers need the words in their language.
 */
export function ErrorNotice({ error, onClose }: Props) {
  const { t } = useTranslation();
  const brand = useBrandName();
  const language = useAppStore((s) => s.language);
  const details = error.details ?? {};
  const key = wordingKey(error);
  // A manager prompt closed without a PIN: a choice, not a fault — no red box, no error code.
  if (isNotApproved(error)) {
    return (
      <div className="notice notice-quiet" role="status">
        <p>{t('approval.notApproved')}</p>
        {onClose && (
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('app.dismiss')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-what">{t(`${key}.what`, { brand })}</p>
      {details.minimum !== undefined && details.currency && (
        <p className="notice-what">
          {t('amount.invalid.too-small', {
            brand: brandNameOf(details.currency),
            minimum: formatAmount(details.minimum, details.currency, language),
          })}
        </p>
      )}
      <p className="notice-todo">{t(`${key}.todo`, { brand })}</p>
      <details className="notice-technical">
        <summary>{t('errors.technical')}</summary>
        <dl>
          <dt>{t('errors.code')}</dt>
          <dd>{error.code}</dd>
          {details.vippsErrorCode && (
            <>
              <dt>{t('errors.vippsCode')}</dt>
              <dd>{details.vippsErrorCode}</dd>
            </>
          )}
          {details.traceId && (
            <>
              <dt>{t('errors.traceId')}</dt>
              <dd>{details.traceId}</dd>
            </>
          )}
          {details.reference && (
            <>
              <dt>{t('errors.reference')}</dt>
              <dd>{details.reference}</dd>
            </>
          )}
        </dl>
      </details>
      {onClose && (
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('app.dismiss')}
        </button>
      )}
    </div>
  );
}
