import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '../../../../preload/contract';
import { DateField } from '../../components/DateField';
import { useApproval } from '../../lib/approval';
import { useDates } from '../../lib/dates';
import { useMoney } from '../../lib/hooks';
import { minorToInput } from '../../lib/money';
import { useStaffStore } from '../../stores/staff';
import { AUDIT_ACTIONS, useStaffWords } from './words';

type Filter = { from: string; to: string; actor: string; action: string; reference: string };

/** The append-only audit log, newest first. Main lets only managers read it (or a manager's PIN). */
export function AuditView() {
  const { t } = useTranslation();
  const money = useMoney();
  const dates = useDates();
  const words = useStaffWords();
  const { audit, session, busy, loadAudit } = useStaffStore();
  const { run, prompt } = useApproval();
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', actor: '', action: '', reference: '' });
  const set = (change: Partial<Filter>) => setFilter({ ...filter, ...change });
  const query = (): AuditQuery =>
    Object.fromEntries(
      Object.entries(filter)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
  const text = (key: 'actor' | 'reference') => (
    <label>
      {t(`staff.audit.${key}`)}
      <input className="input" value={filter[key]} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );

  return (
    <section className="staff-section" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('staff.sections.audit')}</h2>
      {session?.staff?.role !== 'manager' && <p className="hint">{t('staff.audit.managerOnly')}</p>}
      <form
        className="staff-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run((approval) => loadAudit(query(), approval), { action: 'staff' });
        }}
      >
        <DateField label={t('staff.audit.from')} value={filter.from} onChange={(from) => set({ from })} />
        <DateField label={t('staff.audit.to')} value={filter.to} onChange={(to) => set({ to })} />
        {text('actor')}
        <label>
          {t('staff.audit.action')}
          <select value={filter.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="">{t('staff.audit.allActions')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {words.actionName(action)}
              </option>
            ))}
          </select>
        </label>
        {text('reference')}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('staff.audit.filter')}
        </button>
      </form>
      {prompt}
      {audit &&
        (audit.items.length === 0 ? (
          <p className="empty">{t('staff.audit.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="audit-log">
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.when')}</th>
                  <th scope="col">{t('staff.audit.actor')}</th>
                  <th scope="col">{t('staff.audit.action')}</th>
                  <th scope="col">{t('staff.audit.reference')}</th>
                  <th scope="col" className="num">
                    {t('staff.report.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {audit.items.map((e) => {
                  const approvedBy = (e.details.approvedBy as { name?: string } | undefined)?.name;
                  return (
                    <tr key={e.id}>
                      <td className="nowrap">{dates.dateTime(e.at)}</td>
                      <td>
                        {words.actorName(e.actor, e.details)}
                        {approvedBy ? ` ✓ ${words.personName(approvedBy)}` : ''}
                      </td>
                      <td>
                        {words.actionName(e.action)}
                        {typeof e.details.adoptedFrom === 'string'
                          ? ` — ${t('staff.audit.adoptedFrom', { counter: e.details.adoptedFrom })}`
                          : ''}
                      </td>
                      <td className="ref">{e.reference ?? ''}</td>
                      <td className="num">
                        {e.amount === null
                          ? ''
                          : e.currency
                            ? money(e.amount, e.currency)
                            : minorToInput(e.amount)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      {audit?.nextBeforeId && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() =>
            void run((approval) => loadAudit({ ...query(), beforeId: audit.nextBeforeId! }, approval), {
              action: 'staff',
            })
          }
        >
          {t('staff.audit.more')}
        </button>
      )}
    </section>
  );
}
