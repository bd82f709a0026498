import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../preload/contract';
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
  const language = useAppStore((s) => s.language);
  const details = error.details ?? {};
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-what">{t(`errors.codes.${error.code}.what`)}</p>
      {details.minimum !== undefined && details.currency && (
        <p className="notice-what">
          {t('amount.invalid.too-small', {
            brand: brandNameOf(details.currency),
            minimum: formatAmount(details.minimum, details.currency, language),
          })}
        </p>
      )}
      <p className="notice-todo">{t(`errors.codes.${error.code}.todo`)}</p>
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
