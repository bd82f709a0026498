import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentView, RefundRequest } from '../../src/preload/contract';
import { RefundDialog } from '../../src/renderer/src/screens/RefundDialog';
import { completedPayment, fail, ok } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

const partlyRefunded = completedPayment({
  aggregate: { authorized: 14950, captured: 14950, refunded: 4950, cancelled: 0 },
  refundable: 10000,
});

async function openDialog(payment: PaymentView = partlyRefunded) {
  const onDone = vi.fn();
  const onClose = vi.fn();
  const result = await setup(<RefundDialog payment={payment} onClose={onClose} onDone={onDone} />);
  unbind = result.unbind;
  return { ...result, onDone, onClose };
}

describe('Refund dialog', () => {
  it('shows what remains and refunds it all with a reason, after a confirmation naming the amount', async () => {
    const { fake, onDone } = await openDialog();
    expect(screen.getByText(/Can be refunded: NOK\s100\.00/)).toBeInTheDocument();
    fake.respond('payment.refund', (req) =>
      ok({
        ...partlyRefunded,
        refundable: 0,
        aggregate: { ...partlyRefunded.aggregate, refunded: 14950 },
        ...{ _r: req },
      }),
    );
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Returned goods{Enter}');
    expect(screen.getByText(/Refund NOK\s100\.00 to the customer\?/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund NOK\s100\.00/ }));
    await waitFor(() => expect(screen.getByText(/NOK\s100\.00 refunded/)).toBeInTheDocument());
    const [req] = fake.callsTo('payment.refund') as RefundRequest[];
    expect(req).toMatchObject({
      reference: partlyRefunded.reference,
      amount: 10000,
      reason: 'Returned goods',
    });
    expect(req?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('a second (bounced) Enter never confirms: focus is on the question, the refund needs its own press', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', () => ok({ ...partlyRefunded, refundable: 0 }));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Returned goods{Enter}{Enter}');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByText(/Refund NOK\s100\.00 to the customer\?/)).toHaveFocus();
    expect(fake.callsTo('payment.refund')).toEqual([]);
    // A held Enter reaching the button (auto-repeat) is not a press either.
    const yes = screen.getByRole('button', { name: /Yes, refund NOK\s100\.00/ });
    yes.focus();
    fireEvent.keyDown(yes, { key: 'Enter', repeat: true });
    fireEvent.click(yes, { detail: 0 });
    expect(fake.callsTo('payment.refund')).toEqual([]);
    // Its own deliberate press does.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('payment.refund')).toHaveLength(1));
  });

  it('requires a reason', async () => {
    const { fake } = await openDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Write a reason.')).toBeInTheDocument();
    expect(screen.queryByText(/to the customer\?/)).toBeNull();
    await userEvent.type(screen.getByLabelText('Reason (required)'), '   {Enter}');
    expect(screen.queryByText(/to the customer\?/)).toBeNull();
    expect(fake.callsTo('payment.refund')).toEqual([]);
  });

  it('refuses a partial amount above what remains', async () => {
    const { fake } = await openDialog();
    await userEvent.click(screen.getByRole('radio', { name: 'Part of it' }));
    const amount = screen.getByLabelText('Amount to refund');
    await userEvent.clear(amount);
    await userEvent.type(amount, '100,01');
    expect(screen.getByText(/You cannot refund more than NOK\s100\.00/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Too much{Enter}');
    expect(screen.queryByText(/to the customer\?/)).toBeNull();
    expect(fake.callsTo('payment.refund')).toEqual([]);
  });

  it('refunds an exact partial amount', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', () => ok(partlyRefunded));
    await userEvent.click(screen.getByRole('radio', { name: 'Part of it' }));
    const amount = screen.getByLabelText('Amount to refund');
    await userEvent.clear(amount);
    await userEvent.type(amount, '1,29');
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Deposit{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund NOK\s1\.29/ }));
    await waitFor(() => expect(fake.callsTo('payment.refund')).toHaveLength(1));
    expect(fake.callsTo('payment.refund')[0]).toMatchObject({ amount: 129 });
  });

  it('sends one request for a double click, and the same requestId on a retry', async () => {
    const { fake } = await openDialog();
    let answer: (r: ReturnType<typeof ok>) => void = () => {};
    fake.respond('payment.refund', () => new Promise((resolve) => (answer = resolve)));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Broken{Enter}');
    const yes = screen.getByRole('button', { name: /Yes, refund/ });
    fireEvent.click(yes);
    fireEvent.click(yes);
    expect(fake.callsTo('payment.refund')).toHaveLength(1);
    await act(async () => answer(fail('TIMEOUT', undefined, true) as never));
    expect(await screen.findByText('Vipps MobilePay did not answer in time.')).toBeInTheDocument();
    fake.respond('payment.refund', () => ok(partlyRefunded));
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    const calls = fake.callsTo('payment.refund') as RefundRequest[];
    expect(calls).toHaveLength(2);
    expect(calls[1]?.requestId).toBe(calls[0]?.requestId);
  });

  it('makes a new requestId for a new dialog', async () => {
    const first = await openDialog();
    first.fake.respond('payment.refund', () => ok(partlyRefunded));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'A{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    const [a] = first.fake.callsTo('payment.refund') as RefundRequest[];
    first.unmount();
    const second = await openDialog();
    second.fake.respond('payment.refund', () => ok(partlyRefunded));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'B{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    const [b] = second.fake.callsTo('payment.refund') as RefundRequest[];
    expect(a?.requestId).toBeDefined();
    expect(b?.requestId).not.toBe(a?.requestId);
  });

  it('says honestly when the outcome is unknown, and offers no second refund', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', () =>
      fail('OUTCOME_UNKNOWN', { reference: partlyRefunded.reference }, false),
    );
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Broken{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    expect(await screen.findByText(/Do not refund again/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Yes, refund/ })).toBeNull();
  });

  it('shows AMOUNT_EXCEEDS_REMAINING from main in cashier words', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', () => fail('AMOUNT_EXCEEDS_REMAINING'));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'x{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    expect(
      await screen.findByText('The amount is more than what is left on this payment.'),
    ).toBeInTheDocument();
  });

  it('reports the amount the cashier confirmed, even after main pushes the new remaining', async () => {
    const { fake, rerender, onClose, onDone } = await openDialog();
    const after = { ...partlyRefunded, refundable: 0 };
    fake.respond('payment.refund', () => ok(after));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'All back{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund NOK\s100\.00/ }));
    rerender(<RefundDialog payment={after} onClose={onClose} onDone={onDone} />);
    expect(await screen.findByText(/NOK\s100\.00 refunded/)).toBeInTheDocument();
    expect(fake.callsTo('payment.refund')[0]).toMatchObject({ amount: 10000 });
  });

  it('closes with Esc', async () => {
    const { onClose } = await openDialog();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});

describe('Refund needing a manager', () => {
  it('asks for the manager PIN and repeats the same refund (same requestId) with it', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', (req) =>
      (req as RefundRequest).approval?.pin === '4321'
        ? ok(partlyRefunded)
        : (req as RefundRequest).approval
          ? fail('FORBIDDEN', { approval: 'rejected' })
          : fail('FORBIDDEN', { approval: 'required' }),
    );
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Broken{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    const pin = await screen.findByLabelText('Manager PIN');
    expect(screen.queryByText('You are not allowed to do this.')).toBeNull();
    await userEvent.type(pin, '1111{Enter}');
    expect(await screen.findByText('That is not a manager PIN. Try again.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Manager PIN'), '4321{Enter}');
    expect(await screen.findByText(/NOK\s100\.00 refunded/)).toBeInTheDocument();
    const calls = fake.callsTo('payment.refund') as RefundRequest[];
    expect(calls.map((c) => c.approval?.pin)).toEqual([undefined, '1111', '4321']);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
  });

  it('sends nothing more when the PIN prompt is cancelled, and says quietly that it was not approved', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', () => fail('FORBIDDEN', { approval: 'required' }));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Broken{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    await screen.findByLabelText('Manager PIN');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Not approved by a manager. Nothing was done.')).toBeInTheDocument();
    expect(screen.queryByText('You are not allowed to do this.')).toBeNull();
    expect(fake.callsTo('payment.refund')).toHaveLength(1);
  });

  it('says when PINs are locked out instead of blaming Vipps', async () => {
    const { fake } = await openDialog();
    fake.respond('payment.refund', (req) =>
      (req as RefundRequest).approval
        ? fail('RATE_LIMITED', { retryAt: '2026-11-25T17:45:00.000Z' }, true)
        : fail('FORBIDDEN', { approval: 'required' }),
    );
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Broken{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    await userEvent.type(await screen.findByLabelText('Manager PIN'), '9999{Enter}');
    expect(await screen.findByText(/Too many wrong PINs\. PINs are accepted again at/)).toBeInTheDocument();
    expect(screen.queryByText('Too many requests to Vipps MobilePay right now.')).toBeNull();
  });
});
