import { useTranslation } from 'react-i18next';
import type { PaymentFlow } from '../../../preload/contract';

const FLOWS: PaymentFlow[] = ['PUSH_PHONE', 'QR', 'PERSONAL_QR'];

/** How the customer is reached, as three large radio cards (arrow keys move between them). */
export function FlowPicker({ flow, onChange }: { flow: PaymentFlow; onChange: (flow: PaymentFlow) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="flows">
      <legend>{t('sale.howToPay')}</legend>
      {FLOWS.map((option) => (
        <label key={option} className={`flow ${flow === option ? 'flow-selected' : ''}`}>
          <input
            type="radio"
            name="flow"
            value={option}
            checked={flow === option}
            onChange={() => onChange(option)}
          />
          <span className="flow-name">{t(`sale.flow.${option}`)}</span>
          <span className="flow-hint">{t(`sale.flowHint.${option}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
