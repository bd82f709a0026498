import { useTranslation } from 'react-i18next';
import { useNow } from '../lib/hooks';

export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return `${minutes}:${seconds}`;
}

/** Time left until Vipps lets the payment expire. Not announced each second (too chatty). */
export function Countdown({ expiresAt }: { expiresAt: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return null;
  return (
    <p className="countdown" aria-live="off">
      {left > 0 ? t('waiting.expiresIn', { time: formatRemaining(left) }) : t('waiting.expiredClock')}
    </p>
  );
}
