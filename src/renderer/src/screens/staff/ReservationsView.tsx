import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, ReservationView } from '../../../../preload/contract';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { useDates } from '../../lib/dates';
import { useMoney } from '../../lib/hooks';
import { pos, settle } from '../../lib/pos';
import { useStaffStore } from '../../stores/staff';

/**
 * The reservation watchdog: money approved but not captured, oldest first, with how long until it
 * is at risk. Capture and release go through the engine's normal paths (release may need a PIN).
 */
export function ReservationsView() {
  const { t } = useTranslation();
  const money = useMoney();
  const { reservations, loadReservations } = useStaffStore();
  const { run, prompt } = useApproval();
  const [acting, setActing] = useState<string | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const day = useDates().date;

  useEffect(() => {
    void loadReservations();
  }, [loadReservations]);

  async function act(item: ReservationView, action: 'complete' | 'release') {
    setActing(item.payment.reference);
    // Releasing reserved money may need a manager's PIN (the prompt repeats the same request).
    const result = await run(
      (approval) =>
        settle(() =>
          pos().payment.resolve({
            reference: item.payment.reference,
            action,
            ...(approval ? { approval } : {}),
          }),
        ),
      { action: 'release', amount: money(item.payment.capturable, item.payment.currency) },
    );
    setError(result.ok || result.error.details?.approval ? null : result.error);
    setActing(null);
    await loadReservations();
  }

  return (
    <section className="staff-section" aria-labelledby="reservations-title">
      <h2 id="reservations-title">{t('staff.sections.reservations')}</h2>
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      {prompt}
      {reservations.length === 0 ? (
        <p>{t('staff.reservations.none')}</p>
      ) : (
        <ul className="reservations">
          {reservations.map((item) => (
            <li key={item.payment.reference} className={`reservation urgency-${item.urgency}`}>
              <span className={`badge badge-${item.urgency === 'ok' ? 'neutral' : 'warning'}`}>
                {t(`staff.reservations.urgency.${item.urgency}`)}
              </span>{' '}
              <strong className="num">{money(item.payment.capturable, item.payment.currency)}</strong>{' '}
              <span className="ref">{item.payment.reference}</span>
              <br />
              {t('staff.reservations.age', { hours: item.ageHours })} ·{' '}
              {t('staff.reservations.safeUntil', { date: day(item.safeUntil) })} ·{' '}
              {t('staff.reservations.deadline', { date: day(item.deadline) })}
              <div className="actions">
                <ConfirmButton
                  className="button button-primary"
                  disabled={acting !== null}
                  onConfirm={() => void act(item, 'complete')}
                >
                  {t('staff.reservations.capture')}
                </ConfirmButton>
                <ConfirmButton
                  className="button"
                  disabled={acting !== null}
                  onConfirm={() => void act(item, 'release')}
                >
                  {t('staff.reservations.release')}
                </ConfirmButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
