import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentFlow, StartPaymentRequest } from '../../../preload/contract';
import { ErrorNotice } from '../components/ErrorNotice';
import { FlowPicker } from '../components/FlowPicker';
import { Keypad } from '../components/Keypad';
import { LinesEditor } from '../components/LinesEditor';
import { PhoneInput } from '../components/PhoneInput';
import { ScanField } from '../components/ScanField';
import { useBrandName, useCurrency, useMoney } from '../lib/hooks';
import { type LineDraft, parseLines } from '../lib/lines';
import { MINIMUM_AMOUNT, parseAmount } from '../lib/money';
import { type PhoneCountry, parsePhone } from '../lib/phone';
import { useAppStore } from '../stores/app';
import { useSaleStore } from '../stores/sale';

/** Amount, optional items, and how the customer pays. Enter starts, Esc clears. */
export function SaleScreen() {
  const { t } = useTranslation();
  const currency = useCurrency();
  const money = useMoney();
  const brand = useBrandName();
  const market = useAppStore((s) => s.info?.market ?? 'NO');
  const online = useAppStore((s) => s.online);
  const { start, busy, error, clearError } = useSaleStore();

  // Digits typed on the last sale's final screen begin this amount.
  const [amountText, setAmountText] = useState(() => useSaleStore.getState().takeTypedAhead());
  const [description, setDescription] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [flow, setFlow] = useState<PaymentFlow>('QR');
  const [country, setCountry] = useState<PhoneCountry>(market);
  const [phone, setPhone] = useState('');
  const [scan, setScan] = useState('');
  const [tried, setTried] = useState(false);
  const amountRef = useRef<HTMLInputElement>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  useEffect(() => setCountry(market), [market]);
  // The caret after the digits typed ahead, so the next digit follows them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the screen opens
  useEffect(() => {
    const end = amountText.length;
    amountRef.current?.setSelectionRange(end, end);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the flow changes only; moving focus while the cashier types the amount would be rude
  useEffect(() => {
    if (flow === 'PERSONAL_QR' && parseAmount(amountText, currency).ok) scanRef.current?.focus();
    // The number is what comes next after choosing "Send to phone"; the country list rarely changes.
    if (flow === 'PUSH_PHONE') phoneRef.current?.focus();
  }, [flow]);

  const amount = parseAmount(amountText, currency);
  const parsedLines = parseLines(lines, currency);
  const parsedPhone = parsePhone(phone, country);
  const linesMismatch =
    amount.ok && parsedLines.ok && parsedLines.lines.length > 0 && parsedLines.total !== amount.minor;
  const showAmountError =
    !amount.ok && (tried || amount.reason === 'format' || amount.reason === 'too-large');

  function reset() {
    setAmountText('');
    setDescription('');
    setLines([]);
    setPhone('');
    setScan('');
    setTried(false);
    clearError();
    amountRef.current?.focus();
  }

  function buildRequest(): StartPaymentRequest | null {
    if (!amount.ok || !parsedLines.ok || linesMismatch) return null;
    const req: StartPaymentRequest = { amount: amount.minor, flow };
    if (description.trim()) req.description = description.trim();
    if (parsedLines.lines.length > 0) req.lines = parsedLines.lines;
    if (flow === 'PUSH_PHONE') {
      if (!parsedPhone.ok) return null;
      req.phone = parsedPhone.msisdn;
    }
    if (flow === 'PERSONAL_QR') {
      // The scanner's text goes to Vipps exactly as read: it may be a token, a URL or a number.
      if (scan.trim() === '') return null;
      req.personalQr = scan.trim();
    }
    return req;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!online || busy) return;
    if (flow === 'PERSONAL_QR' && amount.ok && scan.trim() === '') {
      scanRef.current?.focus();
      return;
    }
    // Enter with no valid number: the number field gets focus, its message says what is missing.
    if (flow === 'PUSH_PHONE' && amount.ok && !parsedPhone.ok) {
      phoneRef.current?.focus();
      return;
    }
    const req = buildRequest();
    if (!req) return;
    if (await start(req)) reset();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      reset();
    }
  }

  return (
    <form className="sale" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-labelledby="sale-title">
      <h1 id="sale-title" className="visually-hidden">
        {t('sale.title')}
      </h1>
      <div className="sale-amount">
        <label htmlFor="amount" className="amount-label">
          {t('amount.label')} ({currency})
        </label>
        <input
          id="amount"
          ref={amountRef}
          className="input amount-input"
          inputMode="decimal"
          autoComplete="off"
          // biome-ignore lint/a11y/noAutofocus: the amount is the first thing a cashier types, every sale
          autoFocus
          placeholder={t('amount.placeholder')}
          value={amountText}
          aria-invalid={showAmountError}
          aria-describedby="amount-hint"
          onChange={(e) => setAmountText(e.target.value)}
        />
        <p id="amount-hint" className={showAmountError ? 'field-error' : 'amount-preview'} aria-live="polite">
          {amount.ok
            ? money(amount.minor, currency)
            : showAmountError
              ? t(`amount.invalid.${amount.reason}`, {
                  brand,
                  minimum: money(MINIMUM_AMOUNT[currency], currency),
                })
              : '\u00a0'}
        </p>
        <Keypad
          onKey={(key) => setAmountText((text) => text + key)}
          onBackspace={() => setAmountText((text) => text.slice(0, -1))}
          onClear={() => setAmountText('')}
        />
      </div>

      <div className="sale-details">
        <FlowPicker flow={flow} onChange={setFlow} />

        {flow === 'PUSH_PHONE' && (
          <PhoneInput
            country={country}
            value={phone}
            onCountry={setCountry}
            onChange={setPhone}
            showInvalid={tried}
            numberRef={phoneRef}
          />
        )}
        {flow === 'PERSONAL_QR' && <ScanField ref={scanRef} value={scan} onChange={setScan} />}

        <label htmlFor="description">{t('sale.description')}</label>
        <input
          id="description"
          className="input"
          maxLength={100}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <LinesEditor lines={lines} badKeys={parsedLines.ok ? [] : parsedLines.badKeys} onChange={setLines} />
        {parsedLines.ok && parsedLines.lines.length > 0 && (
          <p className={linesMismatch ? 'field-error' : 'field-hint'}>
            {linesMismatch
              ? t('sale.linesMismatch', { total: money(parsedLines.total, currency) })
              : t('sale.linesTotal', { total: money(parsedLines.total, currency) })}
          </p>
        )}

        {!online && <p className="field-error">{t('sale.blockedOffline')}</p>}
        {error && <ErrorNotice error={error} onClose={clearError} />}
        <button type="submit" className="button button-primary button-start" disabled={busy || !online}>
          {busy ? t('sale.starting') : t('sale.start')}
        </button>
        <p className="keys-hint">{t('sale.keys')}</p>
      </div>
    </form>
  );
}
