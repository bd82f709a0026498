/**
 * The back office and the top bar in every UI language, in Chromium at 1024×768: the staff area
 * walked by keyboard only (Alt+5, Tab, Enter), every visible text on each section compared with the
 * English catalogue, the top bar on one line and Start in view with every payment option.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/preload/contract';
import { screenshot } from './support/counter-page';
import { launchBrowser, type RunningHost, removeDataDir, startHost } from './support/host';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  ENGLISH = await englishTexts();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (host) removeDataDir(host.dataDir);
});

/** English catalogue texts without placeholders: any of these on a nb/da/fi screen is a leak. */
async function englishTexts(): Promise<Set<string>> {
  const dir = join(__dirname, '../../src/renderer/src/locales/en');
  const en = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === 'string') {
      if (!node.includes('{{')) out.add(node.trim());
    } else if (node && typeof node === 'object') for (const v of Object.values(node)) walk(v);
  };
  walk(en);
  return out;
}

/**
 * Texts rightly the same as English in a language (names, codes, shared words): the catalogue's own
 * list, src/renderer/src/locales/identical.json, which the catalogue test keeps exact.
 */
function sameAsEnglish(language: Language): Set<string> {
  const dir = join(__dirname, '../../src/renderer/src/locales');
  const keys =
    (JSON.parse(readFileSync(join(dir, 'identical.json'), 'utf8')) as Record<string, string[]>)[language] ??
    [];
  return new Set(
    keys.map((key) => {
      const [ns, ...path] = key.split('.');
      let node: unknown = JSON.parse(readFileSync(join(dir, 'en', `${ns}.json`), 'utf8'));
      for (const part of path) node = (node as Record<string, unknown>)[part];
      return String(node);
    }),
  );
}

let ENGLISH: Set<string>;

/** Every visible text node in the page, trimmed (hidden and aria-hidden parts left out). */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = (node.textContent || '').trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('option, script, style')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
      out.push(text);
    }
    for (const input of document.querySelectorAll('input[placeholder]')) out.push(input.placeholder);
    return out;
  })()`);
}

async function openIn(language: Language, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${host.url}/${hash}`);
  await page.locator('.language-picker select').selectOption(language);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  return page;
}

const LANGUAGES: Language[] = ['nb', 'da', 'fi', 'en'];
const SECTIONS = 6;

describe.each(LANGUAGES)('in %s at 1024×768', (language) => {
  it('keeps the top bar on one line, and Start in view with every payment option', async () => {
    const page = await openIn(language);
    const rows = (await page.evaluate(`(() => {
      const bar = document.querySelector('.topbar');
      const tops = [...bar.children].map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2));
      return { spread: Math.max(...tops) - Math.min(...tops), overflow: bar.scrollWidth - bar.clientWidth };
    })()`)) as { spread: number; overflow: number };
    expect(rows.spread, 'top bar items on one line').toBeLessThanOrEqual(4);
    expect(rows.overflow, 'top bar fits its width').toBeLessThanOrEqual(0);
    for (const index of [0, 1, 2]) {
      await page.locator('.flows input[type="radio"]').nth(index).check();
      const start = await page.locator('.button-start').boundingBox();
      expect(start, `Start visible with option ${index}`).not.toBeNull();
      expect(start!.y + start!.height, `Start in view with option ${index}`).toBeLessThanOrEqual(768);
    }
    await page.close();
  });

  it('walks every staff section by keyboard, with no English text outside checkout words', async () => {
    const page = await openIn(language);
    await page.keyboard.press('Alt+5');
    const nav = page.locator('.staff-nav');
    await nav.waitFor();
    const leaks: string[] = [];
    for (let index = 0; index < SECTIONS; index++) {
      // From the section list, by keyboard: focus the link and press Enter.
      await nav.locator('a').nth(index).focus();
      await page.keyboard.press('Enter');
      const href = await nav.locator('a').nth(index).getAttribute('href');
      await expect.poll(() => page.evaluate('location.hash')).toBe(href);
      // Focus lands on the section's heading, so the next Tab is inside the section.
      await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H2');
      // The next Tab goes on into the section (or past it when it has no control), never back to the list.
      const hasControl = await page.evaluate(
        '!!document.querySelector(".staff-content").querySelector("a[href], button:not([disabled]), input, select")',
      );
      await page.keyboard.press('Tab');
      expect(await page.evaluate('!!document.activeElement?.closest(".staff-content")')).toBe(hasControl);
      if (language !== 'en') {
        const allowed = sameAsEnglish(language);
        for (const text of await visibleTexts(page)) {
          if (ENGLISH.has(text) && !allowed.has(text)) leaks.push(`${href}: ${text}`);
        }
      }
      if (language === 'nb' && index === 0) await screenshot(page, 'staff-day-report');
      if (language === 'nb' && index === 2) await screenshot(page, 'staff-audit');
    }
    expect(leaks).toEqual([]);
    await page.close();
  });
});
