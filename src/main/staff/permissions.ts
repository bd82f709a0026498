import type { Channel, ChannelMap, SaleStatus } from '../../preload/contract';
import type { SaleStatusOf } from '../ipc/extension';
import type { GatePermission } from './service';

type Rule<C extends Channel> = (
  req: ChannelMap[C]['req'],
  saleStatus: SaleStatusOf,
) => GatePermission | null | Promise<GatePermission | null>;

/**
 * Money is reserved: cancelling it gives it back to the customer, so the cancel is a release. A sale
 * this journal does not have (undefined) is another counter's, which the engine adopts only when it
 * is approved (payments/lookup.ts): cancelling it can only be a release too.
 */
const RELEASES: readonly (SaleStatus | undefined)[] = ['RESERVED', 'DECISION_NEEDED', undefined];

/**
 * The one table of which requests need a permission, whoever answers the channel. The staff guard
 * checks exactly these around every call; while no guard runs in a setup (the staff extension
 * failed to start), the core refuses exactly these instead of running them unchecked (see `gate`
 * in ipc/extension.ts).
 */
const PERMISSIONS: { [C in Channel]?: Rule<C> } = {
  'pos:payment:cancel': async (req, saleStatus) =>
    RELEASES.includes(await saleStatus(req.reference)) ? 'release' : null,
  'pos:payment:resolve': (req) => (req.action === 'release' ? 'release' : null),
  'pos:payment:refund': () => 'refund',
  'pos:settings:save': () => 'settings',
  // Like settings: they change the merchant's Vipps configuration (where Vipps sends events) …
  'pos:webhooks:register': () => 'settings',
  'pos:webhooks:unregister': () => 'settings',
  // … or make payments on the merchant's sales unit (test money) for the go-live evidence.
  'pos:golive:run': () => 'settings',
  'pos:staff:list': () => 'staff-admin',
  'pos:staff:save': () => 'staff-admin',
  'pos:staff:policy-save': () => 'staff-admin',
  'pos:staff:audit': () => 'staff-admin',
  'pos:report:day': () => 'report',
  'pos:report:day-csv': () => 'report',
  'pos:support:bundle': () => 'support',
  // The till API lets another program start sales and move money: a manager's decision, like settings.
  'pos:till:configure': () => 'settings',
  'pos:till:pair': () => 'settings',
  'pos:till:revoke': () => 'settings',
  // The shop-wide ledger (every counter's sales, fees, payouts) is a report like the day report.
  'pos:settlement:day': () => 'report',
  'pos:settlement:day-csv': () => 'report',
  'pos:settlement:sync': () => 'report',
};

/** The permission `req` on `channel` needs, or null when anyone at the counter may make it. */
export async function permissionFor<C extends Channel>(
  channel: C,
  req: ChannelMap[C]['req'],
  saleStatus: SaleStatusOf,
): Promise<GatePermission | null> {
  const rule = PERMISSIONS[channel] as Rule<C> | undefined;
  return rule ? rule(req, saleStatus) : null;
}

/** What a counter is told while the gate is missing. */
export const GATE_MISSING =
  'Staff tools are not available, so this action is blocked; restart the app or contact support.';
