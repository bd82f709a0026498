import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '../../../../preload/contract';
import { useApproval } from '../../lib/approval';
import { useMoney } from '../../lib/hooks';
import { minorToInput } from '../../lib/money';
import { useStaffStore } from '../../stores/staff';

/** The append-only audit log, newest first. Main lets only managers read it (or a manager's PIN). */
export function AuditView() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const { audit, session, busy, loadAudit } = useStaffStore();
  const { run, prompt } = useApproval();
  const [filter, setFilter] = useState({ from: '', to: '', actor: '', action: '', reference: '' });
  const query = (): AuditQuery =>
    Object.fromEntries(
      Object.entries(filter)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
  const field = (key: keyof typeof filter, type = 'text') => (
    <label>
      {t(`staff.audit.${key}`)}
      <input
        type={type}
        value={filter[key]}
        onChange={(e) => setFilter({ ...filter, [key]: e.target.value })}
      />
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
          void run((approval) => loadAudit(query(), approval));
        }}
      >
        {field('from', 'date')}
        {field('to', 'date')}
        {field('actor')}
        {field('action')}
        {field('reference')}
        <button type="submit" className="button" disabled={busy}>
          {t('staff.audit.filter')}
        </button>
      </form>
      {prompt}
      {audit &&
        (audit.items.length === 0 ? (
          <p>{t('staff.audit.empty')}</p>
        ) : (
          <table className="audit-log">
            <thead>
              <tr>
                <th scope="col">{t('staff.audit.when')}</th>
                <th scope="col">{t('staff.audit.actor')}</th>
                <th scope="col">{t('staff.audit.action')}</th>
                <th scope="col">{t('staff.audit.reference')}</th>
                <th scope="col">{t('staff.report.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.items.map((e) => {
                const approvedBy = (e.details.approvedBy as { name?: string } | undefined)?.name;
                return (
                  <tr key={e.id}>
                    <td>{new Date(e.at).toLocaleString(i18n.language)}</td>
                    <td>
                      {e.actor}
                      {approvedBy ? ` ✓ ${approvedBy}` : ''}
                    </td>
                    <td>{e.action}</td>
                    <td>{e.reference ?? ''}</td>
                    <td>
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
        ))}
      {audit?.nextBeforeId && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() =>
            void run((approval) => loadAudit({ ...query(), beforeId: audit.nextBeforeId! }, approval))
          }
        >
          {t('staff.audit.more')}
        </button>
      )}
    </section>
  );
}
