import { useTranslation } from 'react-i18next';

interface Props {
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
}

const DIGITS = ['7', '8', '9', '4', '5', '6', '1', '2', '3'];

/** On-screen numeric keypad for touch screens; it edits the same text as the keyboard does. */
export function Keypad({ onKey, onBackspace, onClear }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="keypad">
      <legend className="visually-hidden">{t('amount.keypad.label')}</legend>
      {DIGITS.map((digit) => (
        <button key={digit} type="button" className="key" tabIndex={-1} onClick={() => onKey(digit)}>
          {digit}
        </button>
      ))}
      <button
        type="button"
        className="key"
        tabIndex={-1}
        onClick={() => onKey(',')}
        aria-label={t('amount.keypad.comma')}
      >
        ,
      </button>
      <button type="button" className="key" tabIndex={-1} onClick={() => onKey('0')}>
        0
      </button>
      <button type="button" className="key" tabIndex={-1} onClick={() => onKey('00')}>
        00
      </button>
      <button
        type="button"
        className="key key-wide"
        tabIndex={-1}
        onClick={onBackspace}
        aria-label={t('amount.keypad.backspace')}
      >
        ⌫
      </button>
      <button type="button" className="key key-wide" tabIndex={-1} onClick={onClear}>
        {t('amount.keypad.clear')}
      </button>
    </fieldset>
  );
}
