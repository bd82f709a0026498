import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  ref: Ref<HTMLInputElement>;
  value: string;
  onChange: (value: string) => void;
}

/**
 * Where a keyboard-wedge scanner "types" the customer's personal QR; its Enter submits the sale
 * form. The text is kept exactly as read and only its length is shown back.
 */
export function ScanField({ ref, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="scan">
      <label htmlFor="scan">{t('sale.scan')}</label>
      <input
        id="scan"
        ref={ref}
        className="input input-large"
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-describedby="scan-hint"
        onChange={(e) => onChange(e.target.value)}
      />
      <p id="scan-hint" className="field-hint" aria-live="polite">
        {value ? t('sale.scanned', { length: value.trim().length }) : t('sale.scanHint')}
      </p>
    </div>
  );
}
