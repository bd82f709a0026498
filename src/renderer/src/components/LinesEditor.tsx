import { useTranslation } from 'react-i18next';
import type { LineDraft } from '../lib/lines';

interface Props {
  lines: LineDraft[];
  badKeys: number[];
  onChange: (lines: LineDraft[]) => void;
}

let nextKey = 1;

export function newLine(): LineDraft {
  return { key: nextKey++, name: '', quantity: '1', unitPrice: '' };
}

/** Optional item rows; they go to Vipps with the payment and end up on the app receipt. */
export function LinesEditor({ lines, badKeys, onChange }: Props) {
  const { t } = useTranslation();
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
