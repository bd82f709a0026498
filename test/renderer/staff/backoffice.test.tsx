import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditQuery } from '../../../src/preload/contract';
import { formatDate, parseDay } from '../../../src/renderer/src/lib/dates';
import { StaffScreen } from '../../../src/renderer/src/screens/staff/StaffScreen';
import { staffSectionFromHash } from '../../../src/renderer/src/screens/staff/sections';
import { AUDIT_ACTIONS, TRAINING_MANAGER_NAME } from '../../../src/renderer/src/screens/staff/words';
import { ok } from '../support/fake-pos';
import { setup } from '../support/render';
import { auditPage, dayReport, resetStaffStore, session } from './staff-fixtures';

let unbind: (() => void) | undefined;
beforeEach(resetStaffStore);
afterEach(() => {
  unbind?.();
  window.location.hash = '';
});

async function open(
  hash: string,
  language: 'en' | 'nb' | 'da' = 'en',
  prepare?: Parameters<typeof setup>[2],
) {
  window.location.hash = hash;
  const result = await setup(<StaffScreen />, { language }, (f) => {
    f.respond('staff.session', () => ok(session()));
    f.respond('report.reservations', () => ok([]));
    prepare?.(f);
  });
  unbind = result.unbind;
  return result.fake;
}

describe('back office sections', () => {
  it('reads the section from the address, and falls back to the day report', () => {
    expect(staffSectionFromHash('#/staff/audit')).toBe('audit');
    expect(staffSectionFromHash('#/staff/policy')).toBe('policy');
    expect(staffSectionFromHash('#/staff/settlement')).toBe('settlement');
    expect(staffSectionFromHash('#/staff')).toBe('report');
    expect(staffSectionFromHash('#/staff/nonsense')).toBe('report');
    expect(staffSectionFromHash('#/customer')).toBeNull();
    expect(staffSectionFromHash('')).toBeNull();
  });

  it('lists every section as a link, opens the one in the address and moves focus to its heading', async () => {
    await open('#/staff/support');
    const nav = screen.getByRole('navigation', { name: 'Staff area' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Day report',
      'Settlement',
      'Reserved payments',
      'Audit log',
      'Staff members',
      'Who may do what',
      'Support',
    ]);
    expect(within(nav).getByRole('link', { name: 'Support' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 2, name: 'Support' })).toHaveFocus();
    expect(screen.queryByRole('region', { name: 'Day report' })).not.toBeInTheDocument();

    await act(async () => {
      window.location.hash = '#/staff/audit';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Audit log' })).toHaveFocus();
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '#/staff/audit');
    expect(screen.queryByRole('region', { name: 'Support' })).not.toBeInTheDocument();
  });
});

describe('audit log in the UI language', () => {
  const page = () => {
    const base = auditPage();
    return {
      ...base,
      items: [
        ...base.items,
        {
          id: 10,
          at: '2026-11-25T12:00:00.000Z',
          actor: 'engine',
          action: 'auto-capture',
          reference: 'kasse-1-20261125-000001',
          amount: 24_900,
          details: {},
        },
        {
          id: 9,
          at: '2026-11-25T11:00:00.000Z',
          actor: 'counter',
          action: 'pin-failed',
          reference: null,
          amount: null,
          details: { purpose: 'sign-in' },
        },
        {
          id: 8,
          at: '2026-11-25T10:00:00.000Z',
          actor: TRAINING_MANAGER_NAME,
          action: 'dismiss',
          reference: null,
          amount: null,
          details: { staffId: 1, role: 'manager' },
        },
        {
          id: 7,
          at: '2026-11-25T09:00:00.000Z',
          actor: 'cashier',
          action: 'some-future-action',
          reference: null,
          amount: null,
          details: {},
        },
      ],
    };
  };

  it('words actions and actors in Norwegian, dates as Norwegian dates, and filters by an action from the list', async () => {
    const fake = await open('#/staff/audit', 'nb', (f) => {
      f.respond('staff.audit', () => ok(page()));
      f.respond('staff.session', () =>
        ok(
          session({
            staff: {
              id: 1,
              name: TRAINING_MANAGER_NAME,
              role: 'manager',
              active: true,
              createdAt: '2026-11-25T08:00:00.000Z',
            },
          }),
        ),
      );
    });
    const section = screen.getByRole('region', { name: 'Revisjonslogg' });
    const action = within(section).getByLabelText('Handling') as HTMLSelectElement;
    const options = within(action)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options[0]).toBe('Alle handlinger');
    expect(options).toHaveLength(AUDIT_ACTIONS.length + 1);
    expect(options).toContain('Trukket automatisk');
    expect(options.some((o) => o && /^[a-z]+(-[a-z]+)+$/.test(o))).toBe(false);
    await userEvent.selectOptions(action, 'Trukket automatisk');
    await userEvent.type(within(section).getByLabelText('Fra'), '24.11.2026');
    await userEvent.click(within(section).getByRole('button', { name: 'Filtrer' }));
    await waitFor(() =>
      expect(fake.callsTo('staff.audit')).toEqual([
        { action: 'auto-capture', from: '2026-11-24' } satisfies AuditQuery,
      ]),
    );
    const table = await within(section).findByRole('table');
    const text = table.textContent ?? '';
    expect(text).toContain('Appen, automatisk');
    expect(text).toContain('Trukket automatisk');
    expect(text).toContain('Ingen logget inn');
    expect(text).toContain('Feil PIN');
    expect(text).toContain('Opplæringsleder');
    expect(text).toContain('Salg lukket på skjermen');
    expect(text).toContain('Refusjon');
    expect(text).toContain('25.11.2026');
    // A code this version does not know yet is shown as stored rather than hidden.
    expect(text).toContain('some-future-action');
    for (const code of ['engine', 'counter', 'auto-capture', 'pin-failed', 'Training manager', 'refund']) {
      expect(text).not.toContain(code);
    }
    expect(screen.getByText(/Opplæringsleder \(Leder\)/)).toBeInTheDocument();
    const amount = within(table).getByText(/249,00/);
    expect(amount).toHaveClass('num');
    expect(within(table).getByText('kasse-1-20261125-000001')).toHaveClass('ref');
  });

  it('offers every action main writes to the audit log (scanned from src/main)', () => {
    const written = new Set<string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8');
          for (const m of source.matchAll(
            /action: (?:isFinal\([^)]*\) \? )?'([a-z-]+)'(?: : '([a-z-]+)')?/g,
          )) {
            if (/audit|entry/.test(source)) for (const code of [m[1], m[2]]) if (code) written.add(code);
          }
          for (const m of source.matchAll(
            /(?:staff\.)?record\((?:actor|actingStaff\(\)|COUNTER_ACTOR|actorOf\([a-z]+\)), '([a-z-]+)'/g,
          ))
            written.add(m[1]!);
        }
      }
    };
    walk(join(__dirname, '../../../src/main'));
    const offered = new Set<string>(AUDIT_ACTIONS);
    expect(written.size).toBeGreaterThan(15);
    expect(
      [...written].filter((code) => !offered.has(code) && code !== 'sign-in' && !code.includes('_')),
    ).toEqual([]);
  });

  it('knows the training manager by the name main gives it', () => {
    // The renderer may not import main; read main's constant from its source instead.
    const source = readFileSync(join(__dirname, '../../../src/main/staff/service.ts'), 'utf8');
    expect(/TRAINING_MANAGER = \{ name: '([^']+)'/.exec(source)?.[1]).toBe(TRAINING_MANAGER_NAME);
  });
});

describe('day report in the UI language', () => {
  it('shows refund statuses in Danish and the day in the Danish format', async () => {
    await open('#/staff/report', 'da', (f) => f.respond('report.day', () => ok(dayReport())));
    const section = screen.getByRole('region', { name: 'Dagsrapport' });
    const day = within(section).getByLabelText('Dag');
    await userEvent.clear(day);
    await userEvent.type(day, '25.11.2026');
    await userEvent.click(within(section).getByRole('button', { name: 'Vis' }));
    const report = await screen.findByRole('article');
    expect(report).toHaveAccessibleName(/25\.11\.2026/);
    expect(within(report).getByText('Gennemført')).toBeInTheDocument();
    expect(report.textContent).not.toContain('succeeded');
  });
});

describe('dates follow the UI language, not the OS', () => {
  it('formats and reads days per language', () => {
    expect(formatDate('2026-11-30', 'nb')).toBe('30.11.2026');
    expect(formatDate('2026-11-30', 'da')).toBe('30.11.2026');
    expect(formatDate('2026-11-30', 'fi')).toBe('30.11.2026');
    expect(formatDate('2026-11-30', 'en')).toBe('30/11/2026');
    expect(parseDay('30.11.2026')).toBe('2026-11-30');
    expect(parseDay('30/11/2026')).toBe('2026-11-30');
    expect(parseDay('3-1-26')).toBe('2026-01-03');
    expect(parseDay('2026-11-30')).toBe('2026-11-30');
    expect(parseDay('31.11.2026')).toBeNull();
    expect(parseDay('11/30/2026')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});
