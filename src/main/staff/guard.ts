import type { Approval, Channel, ChannelMap } from '../../preload/contract';
import { type ChannelGuard, withoutApproval } from '../ipc/extension';
import { runAs } from './actor';
import { permissionFor } from './permissions';
import type { StaffService } from './service';

interface AuditRule<C extends Channel> {
  /**
   * before: a change that closes this setup's journal while it runs (a new environment), so
   * afterwards is too late; after: a change recorded only once it succeeded.
   */
  when: 'before' | 'after';
  entry(req: ChannelMap[C]['req']): { action: string; details: object };
}

/**
 * Changes that the staff audit log records for channels the staff room does not answer itself (the
 * staff room's own channels record their changes in the service). Details never hold secrets or
 * phone numbers.
 */
const AUDITED: { [C in Channel]?: AuditRule<C> } = {
  'pos:settings:save': {
    when: 'before',
    entry: (change) => ({ action: 'settings-change', details: { fields: Object.keys(change).sort() } }),
  },
  'pos:webhooks:register': {
    when: 'after',
    entry: (req) => ({ action: 'webhooks-register', details: { url: req.url } }),
  },
  'pos:webhooks:unregister': { when: 'after', entry: () => ({ action: 'webhooks-unregister', details: {} }) },
  'pos:golive:run': { when: 'after', entry: () => ({ action: 'golive-run', details: {} }) },
};

/**
 * The one permission check, around every call of the setup (see ipc/extension.ts): the permission
 * the request needs (the table in permissions.ts), a manager's approval when the policy asks for
 * one, then the call without the approval, run "as" whoever acts so the engine's and the tools'
 * audit entries name them.
 */
export function staffGuard(staff: StaffService): ChannelGuard {
  return async (channel, req, next) => {
    const permission = await permissionFor(channel, req as never, staff.paymentStatus);
    const actor = await staff.authorize(permission, (req as { approval?: Approval }).approval);
    const passed = withoutApproval(req);
    const rule = AUDITED[channel] as AuditRule<Channel> | undefined;
    const record = () => {
      if (!rule) return;
      const { action, details } = rule.entry(passed as never);
      staff.record(actor, action, { details });
    };
    return runAs(actor, async () => {
      if (rule?.when === 'before') record();
      const result = await next(passed);
      if (rule?.when === 'after') record();
      return result;
    });
  };
}
