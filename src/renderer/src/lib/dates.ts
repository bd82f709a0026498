import type { Language } from '../../../preload/contract';
import { useAppStore } from '../stores/app';
import { localeOf } from './money';

/**
 * Dates and times in the UI language, never the browser's or the OS's locale (a Norwegian counter on
 * an English Windows still reads 30.11.2026 13:37).
 */
export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(toDate(iso));
}

export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** A calendar day ("2026-11-25") is that local day, not UTC midnight (which is the day before in the west). */
function toDate(value: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
}

/**
 * Reads a day typed the way the UI language writes it — day, month, year in that order for all four
 * languages (25.11.2026, 25-11-2026, 25/11/2026), two-digit years as 20xx — or as ISO (2026-11-25).
 * Answers the ISO day, or null when the text is not a real date.
 */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const local = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(trimmed);
  const parts = iso
    ? { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) }
    : local
      ? {
          y: Number(local[3]!.length === 2 ? `20${local[3]}` : local[3]),
          m: Number(local[2]),
          d: Number(local[1]),
        }
      : null;
  if (!parts) return null;
  const date = new Date(parts.y, parts.m - 1, parts.d);
  if (date.getFullYear() !== parts.y || date.getMonth() !== parts.m - 1 || date.getDate() !== parts.d)
    return null;
  return `${parts.y}-${String(parts.m).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`;
}

/** Formatters bound to the window's language. */
export function useDates() {
  const language = useAppStore((s) => s.language);
  return {
    date: (iso: string) => formatDate(iso, language),
    time: (iso: string) => formatTime(iso, language),
    dateTime: (iso: string) => formatDateTime(iso, language),
  };
}
