import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDay } from '../lib/dates';
import { useAppStore } from '../stores/app';

interface DateFieldProps {
  label: string;
  /** ISO day ("2026-11-25") or '' for none. */
  value: string;
  onChange: (day: string) => void;
  required?: boolean;
}

/**
 * A day typed and shown in the UI language's own format (25.11.2026), instead of the browser's
 * date control, which follows the OS locale (mm/dd/yyyy on an English Windows). The parent only ever
 * sees an ISO day or '' (empty or not a date yet; the field then says what it expects).
 */
export function DateField({ label, value, onChange, required = false }: DateFieldProps) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const shown = value ? formatDate(value, language) : '';
  const [text, setText] = useState(shown);
  const id = useId();
  const hintId = `${id}-hint`;
  // A new value from outside (or a new language) rewrites the text; typing that parses to the same
  // day leaves the cashier's text alone.
  useEffect(() => {
    setText((current) => (parseDay(current) === (value || null) && current !== '' ? current : shown));
  }, [value, shown]);
  const invalid = text.trim() !== '' && parseDay(text) === null;
  return (
    <div className="date-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        required={required}
        placeholder={t('dates.placeholder')}
        aria-invalid={invalid || undefined}
        aria-describedby={hintId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseDay(e.target.value) ?? '');
        }}
        onBlur={() => {
          const day = parseDay(text);
          if (day) setText(formatDate(day, language));
        }}
      />
      <small id={hintId} className={invalid ? 'field-error' : 'field-hint'}>
        {t(invalid ? 'dates.invalid' : 'dates.hint', { example: formatDate('2026-11-25', language) })}
      </small>
    </div>
  );
}
