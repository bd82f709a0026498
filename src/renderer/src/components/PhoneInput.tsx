import { type Ref, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_COUNTRIES, type PhoneCountry, parsePhone } from '../lib/phone';

interface Props {
  country: PhoneCountry;
  value: string;
  onCountry: (country: PhoneCountry) => void;
  onChange: (value: string) => void;
  showInvalid: boolean;
  /** The number field, so the sale screen can put focus there when "Send to phone" is chosen. */
  numberRef?: Ref<HTMLInputElement>;
}

const COUNTRY_NAMES: Record<PhoneCountry, string> = {
  NO: 'Norge',
  DK: 'Danmark',
  FI: 'Suomi',
  SE: 'Sverige',
};

/** Country code picker plus national number, validated as the cashier types. */
export function PhoneInput({ country, value, onCountry, onChange, showInvalid, numberRef }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const parsed = parsePhone(value, country);
  const invalid =
    !parsed.ok && (showInvalid || (parsed.reason === 'invalid' && value.replace(/\D/g, '').length >= 8));
  return (
    <div className="phone">
      <label htmlFor={`${id}-country`}>{t('sale.country')}</label>
      <select
        id={`${id}-country`}
        value={country}
        onChange={(e) => onCountry(e.target.value as PhoneCountry)}
      >
        {(Object.keys(PHONE_COUNTRIES) as PhoneCountry[]).map((code) => (
          <option key={code} value={code}>
            {COUNTRY_NAMES[code]} +{PHONE_COUNTRIES[code].callingCode}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-number`}>{t('sale.phone')}</label>
      <input
        id={`${id}-number`}
        ref={numberRef}
        className="input input-large"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        placeholder={PHONE_COUNTRIES[country].example}
        value={value}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'} aria-live="polite">
        {parsed.ok
          ? t('sale.phoneOk', { msisdn: parsed.msisdn })
          : invalid
            ? t('sale.phoneInvalid', { country: COUNTRY_NAMES[country] })
            : '\u00a0'}
      </p>
    </div>
  );
}
