/**
 * The Vipps-System-* headers: who is calling. Vipps wants short, human-readable values; the ePayment
 * spec allows at most 30 characters each, so longer values are cut rather than rejected.
 */
import type { SystemInfo } from './types';

const MAX_LENGTH = 30;

/** The plugin is this app's Vipps integration; the system is the app itself. */
const PLUGIN_NAME = 'vipps-counter-client';

function headerValue(value: string, fallback: string): string {
  const cleaned = value.replace(/[^\x21-\x7e]/g, '').slice(0, MAX_LENGTH);
  return cleaned.length > 0 ? cleaned : fallback;
}

/**
 * Builds SystemInfo from package.json's `name` and `version` (the shell passes them, e.g. from
 * Electron's app.getName()/getVersion() or the parsed package.json).
 */
export function systemInfoFromPackage(pkg: { name: string; version: string }): SystemInfo {
  const name = headerValue(pkg.name.replace(/^@[^/]+\//, ''), 'pos');
  const version = headerValue(pkg.version, '0.0.0');
  return { systemName: name, systemVersion: version, pluginName: PLUGIN_NAME, pluginVersion: version };
}

export function systemHeaders(system: SystemInfo): Record<string, string> {
  return {
    'Vipps-System-Name': headerValue(system.systemName, 'pos'),
    'Vipps-System-Version': headerValue(system.systemVersion, '0.0.0'),
    'Vipps-System-Plugin-Name': headerValue(system.pluginName, PLUGIN_NAME),
    'Vipps-System-Plugin-Version': headerValue(system.pluginVersion, '0.0.0'),
  };
}
