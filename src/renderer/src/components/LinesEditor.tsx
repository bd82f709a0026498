import { useTranslation } from 'react-i18next';
import { VAT_RATES } from '../../../preload/contract';
import type { LineDraft } from '../lib/lines';
import { formatRate } from '../lib/money';
import { useAppStore } from '../stores/app';

interface Props {
  lines: LineDraft[];
  badKeys: number[];
  onChange: (lines: LineDraft[]) => void;
}

let nextKey = 1;

export function newLine(): LineDraft {
  return { key: nextKey++, name: '', quantity: '1', unitPrice: '', taxRate: null };
}

/** Optional item rows; they go to Vipps with the payment and end up on the app receipt. */
export function LinesEditor({ lines, badKeys, onChange }: Props) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const market = useAppStore((s) => s.info?.market ?? 'NO');
  const shopRate = useAppStore((s) => s.info?.vatRate ?? VAT_RATES[market][0]!);
  const update = (key: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  return (
    <fieldset className="lines">
      <legend>{t('sale.lines')}</legend>
      {lines.map((line, index) => (
        <div key={line.key} className={`line ${badKeys.includes(line.key) ? 'line-bad' : ''}`}>
          <input
            className="input"
            aria-label={`${t('sale.lineName')} ${index + 1}`}
            value={line.name}
            onChange={(e) => update(line.key, { name: e.target.value })}
          />
          <input
            className="input input-qty"
            inputMode="numeric"
            aria-label={`${t('sale.lineQuantity')} ${index + 1}`}
            value={line.quantity}
            onChange={(e) => update(line.key, { quantity: e.target.value })}
          />
          <input
            className="input input-price"
            inputMode="decimal"
            aria-label={`${t('sale.linePrice')} ${index + 1}`}
            value={line.unitPrice}
            onChange={(e) => update(line.key, { unitPrice: e.target.value })}
          />
          <select
            className="input input-vat"
            aria-label={`${t('sale.lineVat')} ${index + 1}`}
            value={line.taxRate ?? shopRate}
            onChange={(e) => {
              const rate = Number(e.target.value);
              update(line.key, { taxRate: rate === shopRate ? null : rate });
            }}
          >
            {VAT_RATES[market].map((rate) => (
              <option key={rate} value={rate}>
                {t('sale.lineVat')} {formatRate(rate, language)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-quiet"
            aria-label={`${t('sale.removeLine')} ${index + 1}`}
            onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="button button-quiet" onClick={() => onChange([...lines, newLine()])}>
        + {t('sale.addLine')}
      </button>
    </fieldset>
  );
}
