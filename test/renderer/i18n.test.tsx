import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type ErrorCode, SALE_STATUSES } from '../../src/preload/contract';
import { ErrorNotice } from '../../src/renderer/src/components/ErrorNotice';
import { ERROR_CODES, i18next, initI18n, LANGUAGES, resources } from '../../src/renderer/src/i18n';

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leaves(v, path ? `${path}.${k}` : k),
  );
}

describe('wording', () => {
  it('lists every ErrorCode exactly once', () => {
    // Compile-time exhaustiveness lives in the i18n module; this guards against duplicates.
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    const sample: ErrorCode = 'OUTCOME_UNKNOWN';
    expect(ERROR_CODES).toContain(sample);
  });

  it.each(LANGUAGES)('has cashier wording (what happened, what to do) for every ErrorCode in %s', (lng) => {
    initI18n(lng);
    for (const code of ERROR_CODES) {
      const what = i18next.t(`errors.codes.${code}.what`);
      const todo = i18next.t(`errors.codes.${code}.todo`);
      expect(what, `${lng} ${code}`).not.toContain('errors.codes');
      expect(what.length, `${lng} ${code}`).toBeGreaterThan(10);
      expect(todo.length, `${lng} ${code}`).toBeGreaterThan(5);
      expect(what).not.toBe(todo);
    }
  });

  it.each(LANGUAGES)('has a title and a money-and-next-step detail for every SaleStatus in %s', (lng) => {
    initI18n(lng);
    for (const status of SALE_STATUSES) {
      const title = i18next.t(`status.${status}.title`, { brand: 'Vipps', amount: 'X' });
      const detail = i18next.t(`status.${status}.detail`, { brand: 'Vipps', amount: 'X' });
      expect(title, `${lng} ${status}`).not.toMatch(/status\.|\{\{/);
      expect(detail, `${lng} ${status}`).not.toMatch(/status\.|\{\{/);
      expect(i18next.t(`badge.${status}`)).not.toContain('badge.');
    }
  });

  it('gives every language the same keys as English, none empty, and the same placeholders', () => {
    const english = new Map(leaves(resources.en.translation));
    for (const lng of LANGUAGES) {
      const own = new Map(leaves(resources[lng].translation));
      expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of own) {
        expect(text.trim(), `${lng} ${key}`).not.toBe('');
        const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
        expect(vars(text), `${lng} ${key}`).toEqual(vars(english.get(key)!));
      }
    }
  });

  it('says "do not charge again" for an unknown outcome in every language', () => {
    const phrases = {
      en: /do not charge again/i,
      nb: /ikke ta betalt på nytt/i,
      da: /tag ikke betaling igen/i,
      fi: /älä veloita/i,
    };
    for (const lng of LANGUAGES) {
      initI18n(lng);
      expect(i18next.t('status.UNKNOWN.title', { brand: 'Vipps' })).toMatch(phrases[lng]);
    }
  });
});

describe('ErrorNotice', () => {
  it('shows cashier wording and folds the technical details away, without main’s message', async () => {
    initI18n('en');
    render(
      <ErrorNotice
        error={{
          code: 'UPSTREAM',
          message: 'POST /epayment/v1/payments answered 502 at Client.send (client.ts:88)',
          retryable: true,
          details: { traceId: 'trace-123', reference: 'kasse-1-000042', vippsErrorCode: '5000' },
        }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Vipps MobilePay has a problem right now.');
    expect(screen.getByRole('alert')).toHaveTextContent('Try again in a moment');
    expect(screen.queryByText(/client\.ts/)).toBeNull();
    const summary = screen.getByText('Technical details');
    await userEvent.click(summary);
    expect(screen.getByText('trace-123')).toBeVisible();
    expect(screen.getByText('kasse-1-000042')).toBeVisible();
    expect(screen.getByText('UPSTREAM')).toBeVisible();
  });

  it('speaks the chosen language', () => {
    initI18n('fi');
    render(<ErrorNotice error={{ code: 'NETWORK', message: 'x', retryable: true }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Ei yhteyttä Vipps MobilePayhin.');
    initI18n('en');
  });
});

describe("Vipps' own error codes", () => {
  const LANGUAGES = ['nb', 'da', 'fi', 'en'] as const;
  const CODES = ['4060', '4070', '7010', '5080', '6060', '5040', '5060', '5010', '5090'];

  it.each(LANGUAGES)(
    'each code a person can act on has its own words in %s, the code still in the details',
    async (language) => {
      initI18n(language);
      const generic = new Set<string>();
      for (const code of CODES) {
        const { unmount } = render(
          <ErrorNotice
            error={{ code: 'VALIDATION', message: 'x', retryable: false, details: { vippsErrorCode: code } }}
          />,
        );
        const alert = screen.getByRole('alert');
        const what = alert.querySelector('.notice-what')?.textContent ?? '';
        expect(what).not.toMatch(/errors\./);
        expect(what).not.toBe('');
        generic.add(what);
        await userEvent.click(screen.getByText(/./, { selector: 'summary' }));
        expect(screen.getByText(code)).toBeVisible();
        unmount();
      }
      const validation = render(
        <ErrorNotice error={{ code: 'VALIDATION', message: 'x', retryable: false }} />,
      );
      const plain = validation.container.querySelector('.notice-what')?.textContent ?? '';
      validation.unmount();
      expect(generic.has(plain)).toBe(false);
      // 4060 is worded for the scanner: not the customer's payment QR.
      render(
        <ErrorNotice
          error={{ code: 'VALIDATION', message: 'x', retryable: false, details: { vippsErrorCode: '4060' } }}
        />,
      );
      expect(screen.getByRole('alert').textContent).toMatch(/QR/);
      initI18n('en');
    },
  );
});
