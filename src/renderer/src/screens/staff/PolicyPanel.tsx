import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  PermissionLevel,
  PermissionPolicy,
  PosError,
  ProtectedAction,
} from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { pos, settle } from '../../lib/pos';
import { useStaffStore } from '../../stores/staff';

const ACTIONS: ProtectedAction[] = ['refund', 'release', 'settings', 'report', 'support'];

/** The per-action permission map (main enforces it; changing it is always a manager's call). */
export function PolicyPanel() {
  const { t } = useTranslation();
  const session = useStaffStore((s) => s.session);
  const { run, prompt } = useApproval();
  const [draft, setDraft] = useState<PermissionPolicy | null>(null);
  const [idleDraft, setIdleDraft] = useState<number | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  if (!session) return null;
  const policy = draft ?? session.policy;
  const idleMinutes = idleDraft ?? session.idleMinutes;
  const idleOk = Number.isInteger(idleMinutes) && idleMinutes >= 1 && idleMinutes <= 120;

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await run(
      (approval) =>
        settle(() =>
          pos().staff.savePolicy({
            policy,
            ...(idleDraft !== null ? { idleMinutes: idleDraft } : {}),
            ...(approval ? { approval } : {}),
          }),
        ),
      { action: 'staff' },
    );
    setError(result.ok || result.error.details?.approval ? null : result.error);
    if (result.ok) {
      useStaffStore.setState({ session: result.value });
      setDraft(null);
      setIdleDraft(null);
    }
  }

  return (
    <section className="staff-section" aria-labelledby="policy-title">
      <h2 id="policy-title">{t('staff.policy.title')}</h2>
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      <form className="staff-filters staff-policy" onSubmit={save}>
        {ACTIONS.map((action) => (
          <label key={action}>
            {t(`staff.policy.action.${action}`)}
            <select
              value={policy[action]}
              onChange={(e) => setDraft({ ...policy, [action]: e.target.value as PermissionLevel })}
            >
              <option value="anyone">{t('staff.policy.level.anyone')}</option>
              <option value="manager">{t('staff.policy.level.manager')}</option>
            </select>
          </label>
        ))}
        <label>
          {t('staff.policy.idleMinutes')}
          <input
            type="number"
            min={1}
            max={120}
            step={1}
            value={idleMinutes}
            onChange={(e) => setIdleDraft(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="button" disabled={(draft === null && idleDraft === null) || !idleOk}>
          {t('staff.policy.save')}
        </button>
      </form>
      {prompt}
    </section>
  );
}
