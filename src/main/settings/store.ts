import { type SaveSettingsRequest, type SettingsView, VAT_RATES } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Logger } from '../log';
import type { VippsCredentials } from '../vipps/types';
import { readSettingsFile, writeSettingsFile } from './file';
import { effectiveVatRate, MARKET_DEFAULTS } from './market';
import type { StoredSettings } from './schema';
import type { SecretBox } from './secret-box';

type SecretName = keyof StoredSettings['secrets'];
const SECRET_NAMES: readonly SecretName[] = ['clientSecret', 'subscriptionKey'];

/**
 * Settings as main keeps them: one JSON file in the data directory, secrets sealed by a SecretBox.
 * Secrets leave this module only as VippsCredentials for the Vipps client; views carry flags.
 */
export interface SettingsStore {
  readonly file: string;
  current(): StoredSettings;
  view(): SettingsView;
  /** The change applied to the current settings, secrets sealed; nothing is written yet. */
  prepare(change: SaveSettingsRequest): Promise<StoredSettings>;
  /** Persists prepared settings (the unusable file, if any, is kept beside it). */
  commit(next: StoredSettings): void;
  /** Opens the sealed secrets; null when the settings are not complete for a real environment. */
  credentials(settings?: StoredSettings): Promise<VippsCredentials | null>;
}

export function openSettingsStore(options: {
  file: string;
  secretBox: SecretBox;
  logger: Logger;
}): SettingsStore {
  const { file, secretBox, logger } = options;
  const loaded = readSettingsFile(file);
  let settings = loaded.settings;
  let problem = loaded.kind === 'invalid' ? loaded.problem : null;
  if (problem) logger.error('settings file not used', { file, problem });

  const isComplete = (s: StoredSettings) =>
    s.clientId !== '' &&
    s.merchantSerialNumber !== '' &&
    s.secrets.clientSecret !== undefined &&
    s.secrets.subscriptionKey !== undefined;

  const seal = async (name: SecretName, plain: string): Promise<string | undefined> => {
    if (plain === '') return undefined;
    if (!secretBox.isAvailable()) {
      throw new PosFailure(
        'ENCRYPTION_UNAVAILABLE',
        `This computer cannot encrypt the ${name === 'clientSecret' ? 'client secret' : 'subscription key'}, so it was not saved and nothing was changed. Secrets are never stored in clear.`,
      );
    }
    return (await secretBox.encrypt(plain)).toString('base64');
  };

  const open = async (name: SecretName, sealed: string): Promise<string> => {
    try {
      return await secretBox.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      throw new PosFailure(
        'ENCRYPTION_UNAVAILABLE',
        `The saved ${name === 'clientSecret' ? 'client secret' : 'subscription key'} cannot be decrypted on this computer. Enter it again in settings.`,
      );
    }
  };

  return {
    file,
    current: () => settings,
    view() {
      return {
        environment: settings.environment,
        market: settings.market,
        language: settings.language,
        counterId: settings.counterId,
        capturePolicy: settings.capturePolicy,
        shopName: settings.shopName ?? '',
        vatRate: effectiveVatRate(settings.market, settings.vatRate),
        merchantSerialNumber: settings.merchantSerialNumber,
        clientId: settings.clientId,
        secrets: {
          clientSecret: settings.secrets.clientSecret !== undefined,
          subscriptionKey: settings.secrets.subscriptionKey !== undefined,
        },
        // Training needs no credentials, so it always counts as configured.
        configured: settings.environment === 'training' || isComplete(settings),
        encryptionAvailable: secretBox.isAvailable(),
        secretStorage: secretStorageOf(secretBox),
        ...(problem ? { problem } : {}),
      };
    },
    async prepare(change) {
      const secrets = { ...settings.secrets };
      for (const name of SECRET_NAMES) {
        const plain = change[name];
        if (plain === undefined) continue;
        const sealed = await seal(name, plain);
        if (sealed === undefined) delete secrets[name];
        else secrets[name] = sealed;
      }
      const market = change.market ?? settings.market;
      // A new market brings its own language unless the same change picks one.
      const language =
        change.language ??
        (change.market && change.market !== settings.market
          ? MARKET_DEFAULTS[market].language
          : settings.language);
      const shopName = change.shopName === undefined ? settings.shopName : change.shopName.trim();
      // A rate belongs to its market: a new market without a new rate starts at its standard rate.
      const vatRate =
        change.vatRate ?? (change.market && change.market !== settings.market ? undefined : settings.vatRate);
      if (vatRate !== undefined && !VAT_RATES[market].includes(vatRate)) {
        throw new PosFailure('VALIDATION', `${vatRate / 100} % is not a VAT rate in ${market}.`, {
          details: { field: 'vatRate' },
        });
      }
      return {
        version: 1,
        environment: change.environment ?? settings.environment,
        market,
        language,
        counterId: change.counterId ?? settings.counterId,
        capturePolicy: change.capturePolicy ?? settings.capturePolicy,
        ...(shopName ? { shopName } : {}),
        ...(vatRate !== undefined ? { vatRate } : {}),
        merchantSerialNumber: change.merchantSerialNumber ?? settings.merchantSerialNumber,
        clientId: change.clientId ?? settings.clientId,
        secrets,
      };
    },
    commit(next) {
      const keepAside = problem ? `invalid-${new Date().toISOString().replace(/[:.]/g, '-')}` : undefined;
      writeSettingsFile(file, next, keepAside);
      if (keepAside) logger.warn('unusable settings file kept aside', { file: `${file}.${keepAside}` });
      settings = next;
      problem = null;
    },
    async credentials(target = settings) {
      if (!isComplete(target)) return null;
      return {
        clientId: target.clientId,
        merchantSerialNumber: target.merchantSerialNumber,
        clientSecret: await open('clientSecret', target.secrets.clientSecret!),
        subscriptionKey: await open('subscriptionKey', target.secrets.subscriptionKey!),
      };
    },
  };
}

/** The truth about how secrets are kept, for the settings screen (never "encrypted" when they are not). */
function secretStorageOf(box: SecretBox): SettingsView['secretStorage'] {
  if (!box.isAvailable()) return 'unavailable';
  return box.kind === 'plaintext' ? 'plaintext' : 'keychain';
}
