import type { Approval, Channel, ChannelMap } from '../../preload/contract';
import { type ChannelGuard, withoutApproval } from '../ipc/extension';
import { runAs } from './actor';
import { permissionFor } from './permissions';
import type { StaffService } from './service';

type AuditRecord<C extends Channel> = (req: ChannelMap[C]['req']) => { action: string; details: object };

/**
 * Changes that the staff audit log records for a channel the staff room does not answer itself.
 * Written by the guard before the call runs: the shell's settings handler knows nothing of staff,
 * and a new environment closes this setup's journal while the save runs, so afterwards is too late.
 * (The staff room's own channels record their changes in the service.)
 */
const AUDITED: { [C in Channel]?: AuditRecord<C> } = {
  'pos:settings:save': (change) => ({
    action: 'settings-change',
    details: { fields: Object.keys(change).sort() },
  }),
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
    const audited = AUDITED[channel] as AuditRecord<Channel> | undefined;
    return runAs(actor, () => {
      if (audited) {
        const { action, details } = audited(passed as never);
        staff.record(actor, action, { details });
      }
      return next(passed);
    });
  };
}
