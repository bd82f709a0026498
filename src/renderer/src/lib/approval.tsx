import { type ReactNode, useState } from 'react';
import type { Approval, PosError, Result } from '../../../preload/contract';
import { ApprovalPrompt } from '../components/ApprovalPrompt';
import { useAppStore } from '../stores/app';
import { needsApproval } from './pos';

let asked = 0;

/** What a manager is asked to approve: the prompt names it (and the amount, for money). */
export interface ApprovalAsk {
  action: 'refund' | 'release' | 'settings' | 'staff' | 'report' | 'support' | 'golive';
  /** Already formatted in the sale's currency ("249,00 kr"). */
  amount?: string;
}

/** Too many wrong PINs: main's lockout, not Vipps' rate limit (same code, different story). */
function isPinLockout(error: PosError): boolean {
  return error.code === 'RATE_LIMITED' && typeof error.details?.retryAt === 'string';
}

/**
 * Refusals that only mean "the prompt was closed without a PIN": nothing went wrong, so screens
 * say "not approved" quietly instead of main's FORBIDDEN. Kept by identity, so nothing in the
 * contract changes for a renderer-only fact.
 */
const declined = new WeakSet<PosError>();

export function isNotApproved(error: PosError): boolean {
  return declined.has(error);
}

function notApproved<T>(error: PosError): Result<T> {
  const quiet: PosError = { ...error, message: 'Not approved: the manager prompt was closed' };
  declined.add(quiet);
  return { ok: false, error: quiet };
}

interface Pending {
  /** A fresh prompt (empty field) for every ask, also after a wrong PIN. */
  id: number;
  rejected: boolean;
  /** Too many wrong PINs: when PINs are accepted again (ISO 8601). */
  lockedUntil: string | null;
  ask: ApprovalAsk | undefined;
  answer: (pin: string | null) => void;
}

/**
 * Runs a call that a manager may have to approve: when main answers "approval required", a PIN
 * prompt opens and the same call is made again with the PIN. Closing the prompt answers "not
 * approved" (see isNotApproved). The call itself is the same request each time (same requestId
 * for refunds).
 */
export function useApproval(): {
  run: <T>(call: (approval?: Approval) => Promise<Result<T>>, ask?: ApprovalAsk) => Promise<Result<T>>;
  prompt: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const trainingPin = useAppStore((s) => s.trainingPin);

  async function run<T>(
    call: (approval?: Approval) => Promise<Result<T>>,
    ask?: ApprovalAsk,
  ): Promise<Result<T>> {
    let result = await call();
    let pinSent = false;
    while (!result.ok && (needsApproval(result.error) || (pinSent && isPinLockout(result.error)))) {
      const error = result.error;
      const rejected = error.details?.approval === 'rejected';
      const lockedUntil = isPinLockout(error) ? (error.details?.retryAt ?? null) : null;
      const id = ++asked;
      const pin = await new Promise<string | null>((answer) =>
        setPending({ id, rejected, lockedUntil, ask, answer }),
      );
      setPending(null);
      if (pin === null) return notApproved(error);
      pinSent = true;
      result = await call({ pin });
    }
    return result;
  }

  const prompt = pending ? (
    <ApprovalPrompt
      key={pending.id}
      ask={pending.ask}
      rejected={pending.rejected}
      lockedUntil={pending.lockedUntil}
      trainingPin={trainingPin}
      onSubmit={(pin) => pending.answer(pin)}
      onCancel={() => pending.answer(null)}
    />
  ) : null;
  return { run, prompt };
}
