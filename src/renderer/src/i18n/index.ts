import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorCode, Language } from '../../../preload/contract';
import { da, en, fi, nb } from '../locales';

export const LANGUAGES = ['nb', 'da', 'fi', 'en'] as const satisfies readonly Language[];

export const LANGUAGE_NAMES: Record<Language, string> = {
  nb: 'Norsk bokmål',
  da: 'Dansk',
  fi: 'Suomi',
  en: 'English',
};

/** Every code main can answer with; each must have cashier wording in every language. */
export const ERROR_CODES = [
  'VALIDATION',
  'AUTH',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM',
  'NETWORK',
  'TIMEOUT',
  'OUTCOME_UNKNOWN',
  'ACTIVE_PAYMENT_EXISTS',
  'AMOUNT_EXCEEDS_REMAINING',
  'INVALID_STATE',
  'OPERATION_IN_PROGRESS',
  'NOT_CONFIGURED',
  'ENCRYPTION_UNAVAILABLE',
  'JOURNAL',
  'FORBIDDEN',
  'RECOVERING',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

// Fails to compile when the contract gains a code this list lacks.
type MissingErrorCode = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const errorCodesComplete: [MissingErrorCode] extends [never] ? true : MissingErrorCode = true;
void errorCodesComplete;

/**
 * The catalogues live in ../locales/<lang>/<namespace>.json (one i18next JSON per language and
 * block, typed by the generated ../locales/index.ts). They are served as the top-level keys of the
 * default namespace, so every `t('<namespace>.<key>')` reads as before.
 */
export const resources = {
  nb: { translation: nb },
  da: { translation: da },
  fi: { translation: fi },
  en: { translation: en },
} as const;

/** One i18next instance per page; synchronous so the first render already has words. */
export function initI18n(language: Language = 'nb'): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'en',
      initAsync: false,
      // React escapes output already; double escaping would show "&amp;" in amounts.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

export { i18next };
