import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffStore } from '../../stores/staff';
import { useStaffWords } from './words';

/** Who is at the counter: sign in with a PIN, sign out, or (first run) create the first manager. */
export function SessionPanel() {
  const { t } = useTranslation();
  const { session, busy, signIn, signOut, bootstrap } = useStaffStore();
  const { personName } = useStaffWords();
  const [pin, setPin] = useState('');
  const [name, setName] = useState('');
  if (!session) return null;

  const pinOk = /^\d{4,8}$/.test(pin);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pinOk || busy) return;
    if (session.bootstrapNeeded) await bootstrap(name.trim(), pin);
    else await signIn(pin);
    setPin('');
  };
  const pinField = (
    <label>
      {t('staff.pin')}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
      />
      <small>{t('staff.pinHint')}</small>
    </label>
  );

  return (
    <section className="staff-session" aria-labelledby="staff-session-title">
      <h2 id="staff-session-title" className="visually-hidden">
        {t('staff.nav')}
      </h2>
      {session.staff ? (
        <p>
          {t('staff.signedInAs', {
            name: personName(session.staff.name),
            role: t(`staff.role.${session.staff.role}`),
          })}{' '}
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            {t('staff.signOut')}
          </button>
        </p>
      ) : session.bootstrapNeeded ? (
        <form onSubmit={submit}>
          <h3>{t('staff.bootstrap.title')}</h3>
          <p>{t('staff.bootstrap.text')}</p>
          <label>
            {t('staff.bootstrap.name')}
            <input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
          </label>
          {pinField}
          <button type="submit" className="button button-primary" disabled={!pinOk || !name.trim() || busy}>
            {t('staff.bootstrap.create')}
          </button>
        </form>
      ) : (
        <form onSubmit={submit} className="staff-sign-in">
          <p>{t('staff.nobody')}</p>
          {pinField}
          <button type="submit" className="button button-primary" disabled={!pinOk || busy}>
            {t('staff.signIn')}
          </button>
          {session.trainingPin && (
            <p className="hint">{t('staff.trainingPin', { pin: session.trainingPin })}</p>
          )}
        </form>
      )}
    </section>
  );
}
