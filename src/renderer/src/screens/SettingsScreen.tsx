import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CapturePolicy,
  type Environment,
  type Language,
  type Market,
  type Result,
  type SaveSettingsRequest,
  type SettingsView,
  VAT_RATES,
} from '../../../preload/contract';
import { ErrorNotice } from '../components/ErrorNotice';
import { TechnicalDetail } from '../components/TechnicalDetail';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';
import { useApproval } from '../lib/approval';
import { LANGUAGE_BY_MARKET } from '../lib/brand';
import { useFocusOn } from '../lib/focus';
import { formatRate } from '../lib/money';
import { useAppStore } from '../stores/app';
import { useSettingsStore } from '../stores/settings';
import { OpsPanel } from './ops/OpsPanel';
import { TillPanel } from './till/TillPanel';

/** save() made no request (one was already on its way). */
const NOT_SENT: Result<SettingsView> = {
  ok: false,
  error: { code: 'OPERATION_IN_PROGRESS', message: 'Settings are being saved', retryable: true },
};

const ENVIRONMENTS: Environment[] = ['training', 'test', 'production'];
const MARKETS: Market[] = ['NO', 'DK', 'FI'];
const POLICIES: CapturePolicy[] = ['capture-now', 'reserve-only'];

export function SettingsScreen() {
  const { t } = useTranslation();
  const { view, error, load, savedAt } = useSettingsStore();
  useEffect(() => {
    void load();
  }, [load]);
  // Saving renews the form (the saved settings are its new start): focus goes to "Saved" instead
  // of dropping to the page body with the old form.
  const saved = useRef<HTMLParagraphElement>(null);
  useFocusOn(saved, savedAt);
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      {error && <ErrorNotice error={error} />}
      {view && <SettingsForm key={JSON.stringify(view)} view={view} />}
      <div aria-live="polite">
        {savedAt && (
          <p ref={saved} className="notice notice-ok" tabIndex={-1}>
            {t('settings.saved')}
          </p>
        )}
      </div>
      <OpsPanel />
      <TillPanel />
    </section>
  );
}

/** Secrets are write-only: the field starts empty and only "stored"/"not stored" comes back. */
function SecretField({
  id,
  label,
  stored,
  value,
  onChange,
  onClear,
}: {
  id: string;
  label: string;
  stored: boolean;
  value: string | undefined;
  onChange: (value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}{' '}
        <span className={`badge ${stored ? 'badge-ok' : 'badge-none'}`}>
          {stored ? t('settings.stored') : t('settings.notStored')}
        </span>
      </label>
      <input
        id={id}
        className="input"
        type="password"
        autoComplete="new-password"
        placeholder={t('settings.replaceSecret')}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      />
      {stored && (
        <button type="button" className="button button-quiet" onClick={onClear}>
          {t('settings.clearSecret')}
        </button>
      )}
    </div>
  );
}

/**
 * Choosing a market proposes its language (Denmark → Danish). A language picked by hand in this
 * form is kept; going back to the saved market brings back the saved language.
 */
export function marketChange(
  market: Market,
  saved: Pick<SettingsView, 'market' | 'language'>,
  languageChosen: boolean,
): { market: Market; language?: Language } {
  if (languageChosen) return { market };
  return { market, language: market === saved.market ? saved.language : LANGUAGE_BY_MARKET[market] };
}

function SettingsForm({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const { save, saving, testing, testResult, testConnection } = useSettingsStore();
  const reloadApp = useAppStore((s) => s.load);
  const { run, prompt } = useApproval();
  const [form, setForm] = useState({
    environment: view.environment,
    market: view.market,
    language: view.language,
    counterId: view.counterId,
    capturePolicy: view.capturePolicy,
    shopName: view.shopName,
    vatRate: view.vatRate,
    merchantSerialNumber: view.merchantSerialNumber,
    clientId: view.clientId,
  });
  // undefined = leave as stored; '' = clear; text = replace.
  const [clientSecret, setClientSecret] = useState<string | undefined>(undefined);
  const [subscriptionKey, setSubscriptionKey] = useState<string | undefined>(undefined);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const [languageChosen, setLanguageChosen] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const req: SaveSettingsRequest = { ...form };
    if (clientSecret !== undefined) req.clientSecret = clientSecret;
    if (subscriptionKey !== undefined) req.subscriptionKey = subscriptionKey;
    const result = await run(
      async (approval) => (await save(approval ? { ...req, approval } : req)) ?? NOT_SENT,
      { action: 'settings' },
    );
    if (result.ok) await reloadApp();
  }

  return (
    <form className="settings-form" onSubmit={submit}>
      <label>
        {t('settings.environment')}
        <select
          value={form.environment}
          onChange={(e) => set({ environment: e.target.value as Environment })}
        >
          {ENVIRONMENTS.map((env) => (
            <option key={env} value={env}>
              {t(`settings.environments.${env}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.market')}
        <select
          value={form.market}
          onChange={(e) => {
            const market = e.target.value as Market;
            // A rate belongs to its market: a new market starts at its standard rate.
            const rates = VAT_RATES[market];
            set({
              ...marketChange(market, view, languageChosen),
              vatRate: rates.includes(form.vatRate) ? form.vatRate : rates[0]!,
            });
          }}
        >
          {MARKETS.map((market) => (
            <option key={market} value={market}>
              {t(`settings.markets.${market}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.language')}
        <select
          value={form.language}
          onChange={(e) => {
            setLanguageChosen(true);
            set({ language: e.target.value as Language });
          }}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.counterId')}
        <input
          className="input"
          value={form.counterId}
          onChange={(e) => set({ counterId: e.target.value })}
        />
      </label>
      <label>
        {t('settings.capturePolicy')}
        <select
          value={form.capturePolicy}
          onChange={(e) => set({ capturePolicy: e.target.value as CapturePolicy })}
        >
          {POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`settings.policies.${policy}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.shopName')}
        <input
          className="input"
          maxLength={60}
          aria-describedby="shop-name-hint"
          value={form.shopName}
          onChange={(e) => set({ shopName: e.target.value })}
        />
      </label>
      <p id="shop-name-hint" className="field-hint">
        {t('settings.shopNameHint')}
      </p>
      <label>
        {t('settings.vatRate')}
        <select
          aria-describedby="vat-rate-hint"
          value={form.vatRate}
          onChange={(e) => set({ vatRate: Number(e.target.value) })}
        >
          {VAT_RATES[form.market].map((rate) => (
            <option key={rate} value={rate}>
              {formatRate(rate, form.language)}
            </option>
          ))}
        </select>
      </label>
      <p id="vat-rate-hint" className="field-hint">
        {t('settings.vatRateHint')}
      </p>
      <label>
        {t('settings.msn')}
        <input
          className="input"
          inputMode="numeric"
          value={form.merchantSerialNumber}
          onChange={(e) => set({ merchantSerialNumber: e.target.value })}
        />
      </label>
      <label>
        {t('settings.clientId')}
        <input
          className="input"
          autoComplete="off"
          value={form.clientId}
          onChange={(e) => set({ clientId: e.target.value })}
        />
      </label>
      {view.problem && (
        <div className="notice notice-warn">
          <p>{t(`settings.problem.${view.problem.code}`, { fields: view.problem.fields.join(', ') })}</p>
          <p>{t('settings.problem.trainingOn')}</p>
          <TechnicalDetail detail={view.problem.detail} />
        </div>
      )}
      {!view.configured && view.environment !== 'training' && (
        <p className="notice notice-warn">{t('app.notConfigured')}</p>
      )}
      {!view.encryptionAvailable && (
        <p className="notice notice-warn">{t('settings.encryptionUnavailable')}</p>
      )}
      {view.secretStorage === 'plaintext' && (
        <p className="notice notice-warn" role="alert">
          {t('settings.secretsInPlaintext')}
        </p>
      )}
      <SecretField
        id="client-secret"
        label={t('settings.clientSecret')}
        stored={view.secrets.clientSecret}
        value={clientSecret}
        onChange={setClientSecret}
        onClear={() => setClientSecret('')}
      />
      <SecretField
        id="subscription-key"
        label={t('settings.subscriptionKey')}
        stored={view.secrets.subscriptionKey}
        value={subscriptionKey}
        onChange={setSubscriptionKey}
        onClear={() => setSubscriptionKey('')}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('settings.save')}
        </button>
        <button type="button" className="button" disabled={testing} onClick={testConnection}>
          {testing ? t('settings.testing') : t('settings.test')}
        </button>
      </div>
      {prompt}
      <div aria-live="polite">
        {testResult && (
          <p className={`notice ${testResult.ok ? 'notice-ok' : 'notice-error'}`}>
            {testResult.ok
              ? t('settings.connectionOk', { environment: t(`settings.environments.${view.environment}`) })
              : testResult.code
                ? `${t(`errors.codes.${testResult.code}.what`)} ${t(`errors.codes.${testResult.code}.todo`)}`
                : testResult.message}
          </p>
        )}
      </div>
    </form>
  );
}
