import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentDetail, SaleStatus } from '../../../preload/contract';
import { CaptureForm } from '../components/CaptureForm';
import { ConfirmButton } from '../components/ConfirmButton';
import { ConfirmText } from '../components/ConfirmText';
import { ErrorNotice } from '../components/ErrorNotice';
import { EventLog, OperationsLog } from '../components/PaymentLogs';
import { GoLiveBadge, StatusBadge } from '../components/StatusBadge';
import { type ApprovalAsk, isNotApproved, useApproval } from '../lib/approval';
import { BRAND_NAME } from '../lib/brand';
import { useMoney } from '../lib/hooks';
import { localeOf } from '../lib/money';
import { useAppStore } from '../stores/app';
import { useHistoryStore } from '../stores/history';
import { OriginWords } from './history/RemoteLookup';
import { ReceiptStatus } from './ops/ReceiptStatus';
import { RefundDialog } from './RefundDialog';

/** States where staff must do or wait for something; for the rest the badge says it all. */
const NEEDS_WORDS: SaleStatus[] = ['UNKNOWN', 'DECISION_NEEDED', 'RESERVED', 'CAPTURING', 'CANCELLING'];

type Pending = 'capture' | 'release' | 'complete' | 'release-decision' | null;

/** One payment: Vipps' own amounts, its event log, our operations, and the actions its state allows. */
export function PaymentDetailView({ detail }: { detail: PaymentDetail }) {
  const { t } = useTranslation();
  const money = useMoney();
  // The brand the sale was made with: a Norwegian sale is "from Vipps" after a switch to MobilePay.
  const brand = BRAND_NAME[detail.payment.brand];
  const language = useAppStore((s) => s.language);
  const { close, captureRest, capturePart, release, resolve, busy, error, applyEvent, refreshSelected } =
    useHistoryStore();
  const [confirm, setConfirm] = useState<Pending>(null);
  const [partial, setPartial] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const [declined, setDeclined] = useState(false);
  const { run: approved, prompt } = useApproval();
  const heading = useRef<HTMLHeadingElement>(null);
  const refundButton = useRef<HTMLButtonElement>(null);
  const p = detail.payment;
  const fmt = (minor: number) => money(minor, p.currency);
  const time = new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'short', timeStyle: 'medium' });

  const canCapture = p.status === 'RESERVED' && p.capturable > 0;
  const canRelease = p.status === 'RESERVED' && p.capturable > 0;
  const canDecide = p.status === 'DECISION_NEEDED';
  const canRefund = p.refundable > 0 && (p.status === 'COMPLETED' || p.status === 'RESERVED');
  const anyAction = canCapture || canRelease || canDecide || canRefund;

  // Opening a payment puts focus on its heading: the next Tab reads on from there, and a screen
  // reader says which payment this is.
  useEffect(() => heading.current?.focus(), []);

  // The refund dialog closed: back to its button, or to the heading when nothing is left to refund.
  const wasRefunding = useRef(false);
  useEffect(() => {
    if (refunding) wasRefunding.current = true;
    else if (wasRefunding.current) {
      wasRefunding.current = false;
      (refundButton.current ?? heading.current)?.focus();
    }
  }, [refunding]);

  /** A call a manager may approve; a prompt closed without a PIN leaves a quiet "not approved". */
  async function approvedCall(call: Parameters<typeof approved>[0], ask?: ApprovalAsk) {
    setDeclined(false);
    const result = await approved(call, ask);
    if (!result.ok && isNotApproved(result.error)) setDeclined(true);
  }

  async function run(action: Exclude<Pending, null>) {
    setConfirm(null);
    setDeclined(false);
    if (action === 'capture') await captureRest();
    const releasing = { action: 'release', amount: fmt(p.capturable) } as const;
    if (action === 'release') await approvedCall((approval) => release(approval), releasing);
    if (action === 'complete') await approvedCall((approval) => resolve('complete', approval));
    if (action === 'release-decision')
      await approvedCall((approval) => resolve('release', approval), releasing);
    // The confirm step that had focus is gone (and the prompt is closing): the payment's heading
    // takes it, not the page body.
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.dialog-approval')) heading.current?.focus();
  }

  // A missing item: charge part, then (if asked) give back the rest, which may need a manager.
  async function chargePart(amount: number, releaseRest: boolean) {
    const charged = await capturePart(amount);
    setPartial(false);
    if (charged.ok && releaseRest && charged.value.capturable > 0) {
      const rest = { action: 'release', amount: fmt(charged.value.capturable) } as const;
      await approvedCall((approval) => release(approval), rest);
    }
  }

  const confirmText =
    confirm === 'capture' || confirm === 'complete'
      ? t('detail.confirmCapture', { amount: fmt(p.capturable) })
      : t('detail.confirmRelease', { amount: fmt(p.capturable) });

  return (
    <section className="detail" aria-labelledby="detail-title">
      <button type="button" className="button button-quiet" onClick={close}>
        ← {t('detail.back')}
      </button>
      <h1 id="detail-title" ref={heading} tabIndex={-1}>
        {t('detail.title', { reference: p.reference })} <StatusBadge status={p.shown} />{' '}
        {p.goLive && <GoLiveBadge />}
      </h1>
      <p className="detail-amount">{fmt(p.amount)}</p>
      {p.goLive && <p className="notice">{t('detail.goLive', { brand, scenario: p.goLive })}</p>}
      {p.origin && (
        <p className="notice notice-warn" data-origin={p.origin.adoptedAt ? 'adopted' : 'remote'}>
          <OriginWords payment={p} />
        </p>
      )}
      {p.shown === 'PARTLY_REFUNDED' && (
        <p className="status-detail">
          {t('detail.kept', { kept: fmt(p.kept), captured: fmt(p.aggregate.captured) })}
        </p>
      )}
      <div aria-live="polite">
        {NEEDS_WORDS.includes(p.status) && (
          <p className="status-detail">{t(`status.${p.status}.detail`, { brand, amount: fmt(p.amount) })}</p>
        )}
        {p.attention && <p className="notice notice-warn">{t(`attention.${p.attention}`)}</p>}
      </div>
      {error && <ErrorNotice error={error} />}
      {declined && (
        <p className="notice notice-quiet" role="status">
          {t('approval.notApproved')}
        </p>
      )}

      <div className="detail-grid">
        <section aria-labelledby="amounts-title">
          <h2 id="amounts-title">{t('detail.amounts', { brand })}</h2>
          <dl className="amounts">
            <dt>{t('detail.authorized')}</dt>
            <dd>{fmt(p.aggregate.authorized)}</dd>
            <dt>{t('detail.captured')}</dt>
            <dd>{fmt(p.aggregate.captured)}</dd>
            <dt>{t('detail.refunded')}</dt>
            <dd>{fmt(p.aggregate.refunded)}</dd>
            <dt>{t('detail.cancelled')}</dt>
            <dd>{fmt(p.aggregate.cancelled)}</dd>
            <dt>{t('detail.capturable')}</dt>
            <dd>{fmt(p.capturable)}</dd>
            <dt>{t('detail.refundable')}</dt>
            <dd>{fmt(p.refundable)}</dd>
          </dl>
          <dl className="facts">
            <dt>{t('detail.flow')}</dt>
            <dd>{p.origin && !p.origin.flow ? t('lookup.flowUnknown') : t(`sale.flow.${p.flow}`)}</dd>
            <dt>{t('detail.created')}</dt>
            <dd>{time.format(new Date(p.createdAt))}</dd>
            {p.phoneMasked && (
              <>
                <dt>{t('detail.phone')}</dt>
                <dd>{p.phoneMasked}</dd>
              </>
            )}
            {p.description && (
              <>
                <dt>{t('detail.description')}</dt>
                <dd>{p.description}</dd>
              </>
            )}
            <dt>{t('detail.receipt')}</dt>
            <dd>
              <ReceiptStatus payment={p} />
            </dd>
          </dl>
          {p.lines.length > 0 && (
            <>
              <h3>{t('detail.lines')}</h3>
              <ul className="detail-lines">
                {p.lines.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines are a fixed list from main
                  <li key={index}>
                    {line.quantity} × {line.name} — {fmt(line.unitPrice * line.quantity)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t('detail.actions')}</h2>
          {!anyAction && <p>{t('detail.noActions')}</p>}
          {partial ? (
            <CaptureForm
              payment={p}
              busy={busy}
              onCapture={(amount, releaseRest) => void chargePart(amount, releaseRest)}
              onClose={() => setPartial(false)}
            />
          ) : confirm ? (
            <fieldset className="confirm" aria-label={confirmText}>
              <ConfirmText text={confirmText} />
              <div className="button-row">
                <ConfirmButton
                  className="button button-primary"
                  disabled={busy}
                  onConfirm={() => run(confirm)}
                >
                  {t('detail.yes')}
                </ConfirmButton>
                <button type="button" className="button" onClick={() => setConfirm(null)}>
                  {t('detail.no')}
                </button>
              </div>
            </fieldset>
          ) : (
            <div className="button-column">
              {canCapture && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => setConfirm('capture')}
                >
                  {t('detail.captureRest', { amount: fmt(p.capturable) })}
                </button>
              )}
              {(canCapture || canDecide) && (
                <button type="button" className="button" disabled={busy} onClick={() => setPartial(true)}>
                  {t('detail.capturePart')}
                </button>
              )}
              {canRelease && (
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={() => setConfirm('release')}
                >
                  {t('detail.release', { amount: fmt(p.capturable) })}
                </button>
              )}
              {canDecide && (
                <>
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={busy}
                    onClick={() => setConfirm('complete')}
                  >
                    {t('detail.complete')}
                  </button>
                  <button
                    type="button"
                    className="button button-danger"
                    disabled={busy}
                    onClick={() => setConfirm('release-decision')}
                  >
                    {t('detail.release', { amount: fmt(p.capturable) })}
                  </button>
                </>
              )}
              {canRefund && (
                <button
                  ref={refundButton}
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => setRefunding(true)}
                >
                  {t('detail.refund')}
                </button>
              )}
            </div>
          )}
        </section>
      </div>

      <EventLog events={detail.events} currency={p.currency} />
      <OperationsLog operations={detail.operations} currency={p.currency} />

      {prompt}
      {refunding && (
        <RefundDialog
          payment={p}
          onClose={() => {
            setRefunding(false);
            void refreshSelected();
          }}
          onDone={applyEvent}
        />
      )}
    </section>
  );
}
