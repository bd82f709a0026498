import type { AlertEvent, Currency, ReservationView } from '../../preload/contract';
import type { Journal } from '../journal';
import { paymentView } from '../payments/views';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Capture deadlines, as documented by Vipps MobilePay (ePayment API guide, "Payment capture
 * deadlines", https://developer.vippsmobilepay.com/docs/APIs/epayment-api/api-guide/operations/capture):
 * uncaptured payments are cancelled automatically after 180 days in Norway and 14 days in Denmark
 * and Finland. Credit-card reservations can end sooner: "Payments made by credit card can have a
 * reservation period as short as 7 days" (https://developer.vippsmobilepay.com/docs/plugins-ext/shopify/shopify-faq/).
 * The app cannot see the card type, so it treats 7 days as the safe limit for every reservation.
 */
export const CAPTURE_DEADLINE_DAYS: Record<Currency, number> = { NOK: 180, DKK: 14, EUR: 14 };
export const CARD_SAFE_DAYS = 7;
/** "Soon" starts this long before the safe limit. */
export const WARN_BEFORE_DAYS = 2;

export interface WatchdogOptions {
  /** Read through the journal's own connection (journal.connection). */
  journal: Journal;
  now: () => Date;
  alert: (event: AlertEvent) => void;
  /** How often reservations are re-checked for alerts (default 15 min). */
  intervalMs?: number;
}

export interface Watchdog {
  list(): ReservationView[];
  /** Raises one alert per reservation and urgency step not yet announced by this app run. */
  scan(): ReservationView[];
  stop(): void;
}

export function createWatchdog(options: WatchdogOptions): Watchdog {
  const { journal, now } = options;
  const db = journal.connection;
  const reserved = db
    .prepare(
      // Go-live evidence stays reserved on purpose (the AUTHORIZED scenario): not the shop's to chase.
      "SELECT reference FROM payments WHERE status IN ('RESERVED', 'DECISION_NEEDED') AND golive IS NULL ORDER BY created_at",
    )
    .pluck();
  const authorizedAt = db
    .prepare(
      "SELECT min(timestamp) FROM vipps_events WHERE reference = ? AND name = 'AUTHORIZED' AND success = 1",
    )
    .pluck();
  const announced = new Set<string>();

  function list(): ReservationView[] {
    const at = now().getTime();
    const views: ReservationView[] = [];
    for (const reference of reserved.all() as string[]) {
      const row = journal.payments.get(reference);
      if (!row) continue;
      const payment = paymentView(row);
      if (payment.capturable <= 0) continue;
      const since = (authorizedAt.get(reference) as string | null) ?? row.createdAt;
      const start = new Date(since).getTime();
      const safe = start + CARD_SAFE_DAYS * DAY_MS;
      views.push({
        payment,
        authorizedAt: new Date(start).toISOString(),
        ageHours: Math.max(0, Math.floor((at - start) / 3_600_000)),
        deadline: new Date(start + CAPTURE_DEADLINE_DAYS[row.currency] * DAY_MS).toISOString(),
        safeUntil: new Date(safe).toISOString(),
        urgency: at >= safe ? 'overdue' : at >= safe - WARN_BEFORE_DAYS * DAY_MS ? 'soon' : 'ok',
      });
    }
    return views;
  }

  function scan(): ReservationView[] {
    const views = list();
    for (const v of views) {
      if (v.urgency === 'ok') continue;
      const key = `${v.payment.reference}:${v.urgency}`;
      if (announced.has(key)) continue;
      announced.add(key);
      options.alert({
        kind: 'ATTENTION',
        reference: v.payment.reference,
        code: v.urgency === 'overdue' ? 'RESERVATION_OVERDUE' : 'RESERVATION_SOON',
        params: { days: CARD_SAFE_DAYS, until: v.safeUntil },
        message:
          v.urgency === 'overdue'
            ? `Reserved money on ${v.payment.reference} is older than ${CARD_SAFE_DAYS} days: capture or release it now.`
            : `Reserved money on ${v.payment.reference} must be captured or released before ${v.safeUntil}.`,
      });
    }
    return views;
  }

  const timer = setInterval(
    () => {
      try {
        scan();
      } catch {
        // A closed journal during shutdown; the next app run scans again.
      }
    },
    options.intervalMs ?? 15 * 60_000,
  );
  timer.unref();
  return { list, scan, stop: () => clearInterval(timer) };
}
