import type { TFunction } from 'i18next';
import type { SelfTestCheck, SelfTestCode } from '../../../../preload/contract';
import type { en } from '../../locales';

type Fix = keyof typeof en.ops.selftest.fixes;

/** Which advice goes with which finding (main's English `fix` says the same, for logs). */
const FIX: Partial<Record<SelfTestCode, Fix>> = {
  'reachability-timeout': 'network',
  'reachability-unreachable': 'network',
  'clock-ahead': 'clock',
  'clock-behind': 'clock',
  'credentials-rejected': 'keys',
  'credentials-incomplete': 'keys',
  'credentials-missing': 'enterKeys',
  'merchant-wrong-msn': 'msn',
  'journal-damaged': 'journalDamaged',
  'journal-unreadable': 'journalUnreadable',
  'disk-low': 'disk',
  'no-answer': 'retry',
};

/** A check's finding and advice in the UI language, from main's code and parameters. */
export function selfTestWords(t: TFunction, check: SelfTestCheck): { message: string; fix: string | null } {
  const environment = check.params.environment;
  const where =
    typeof environment === 'string'
      ? {
          where: t(`ops.selftest.where.${environment}`),
          whereStart: t(`ops.selftest.whereStart.${environment}`),
        }
      : {};
  const fix = FIX[check.code];
  return {
    message: t(`ops.selftest.msg.${check.code}`, { ...check.params, ...where }),
    fix: fix && check.fix !== null ? t(`ops.selftest.fixes.${fix}`) : null,
  };
}
