import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, StaffMemberView, StaffRole } from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { pos, settle } from '../../lib/pos';
import { useStaffWords } from './words';

/** Managers add staff and deactivate them; PINs are only ever typed here, never shown. */
export function MembersPanel() {
  const { t } = useTranslation();
  const { run, prompt } = useApproval();
  const { personName } = useStaffWords();
  const [members, setMembers] = useState<StaffMemberView[] | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('cashier');
  const [pin, setPin] = useState('');

  async function load() {
    const result = await run((approval) => settle(() => pos().staff.list(approval ? { approval } : {})), {
      action: 'staff',
    });
    setError(result.ok || result.error.details?.approval ? null : result.error);
    if (result.ok) setMembers(result.value);
  }
  async function save(req: Parameters<ReturnType<typeof pos>['staff']['save']>[0]) {
    const result = await run(
      (approval) => settle(() => pos().staff.save(approval ? { ...req, approval } : req)),
      { action: 'staff' },
    );
    setError(result.ok || result.error.details?.approval ? null : result.error);
    if (result.ok) await load();
    return result.ok;
  }
  async function add(event: FormEvent) {
    event.preventDefault();
    if (await save({ name: name.trim(), role, pin })) {
      setName('');
      setPin('');
    }
  }

  return (
    <section className="staff-section" aria-labelledby="members-title">
      <h2 id="members-title">{t('staff.sections.members')}</h2>
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      {prompt}
      {members === null ? (
        <button type="button" className="button" onClick={() => void load()}>
          {t('staff.report.show')}
        </button>
      ) : (
        <>
          <ul className="staff-members">
            {members.map((m) => (
              <li key={m.id}>
                {personName(m.name)} — {t(`staff.role.${m.role}`)}
                {m.active ? (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => void save({ id: m.id, active: false })}
                  >
                    {t('staff.members.deactivate')}
                  </button>
                ) : (
                  ` (${t('staff.members.inactive')})`
                )}
              </li>
            ))}
          </ul>
          <form className="staff-filters" onSubmit={add}>
            <h3>{t('staff.members.add')}</h3>
            <label>
              {t('staff.members.name')}
              <input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              {t('staff.members.role')}
              <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
                <option value="cashier">{t('staff.role.cashier')}</option>
                <option value="manager">{t('staff.role.manager')}</option>
              </select>
            </label>
            <label>
              {t('staff.pin')}
              <input
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={8}
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              />
            </label>
            <button type="submit" className="button" disabled={!name.trim() || !/^\d{4,8}$/.test(pin)}>
              {t('staff.members.save')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
