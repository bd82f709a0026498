import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApproval } from '../../lib/approval';
import { useStaffStore } from '../../stores/staff';

/** One button for support: a redacted zip, saved (Electron) or downloaded (web host). */
export function SupportPanel() {
  const { t } = useTranslation();
  const { busy, supportBundle } = useStaffStore();
  const { run, prompt } = useApproval();
  const [reference, setReference] = useState('');
  return (
    <section className="staff-section" aria-labelledby="support-title">
      <h2 id="support-title">{t('staff.sections.support')}</h2>
      <p>{t('staff.support.text')}</p>
      <form
        className="staff-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run((approval) => supportBundle(reference.trim() || undefined, approval), {
            action: 'support',
          });
        }}
      >
        <label>
          {t('staff.support.reference')}
          <input value={reference} maxLength={64} onChange={(e) => setReference(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t('staff.support.create')}
        </button>
      </form>
      {prompt}
    </section>
  );
}
