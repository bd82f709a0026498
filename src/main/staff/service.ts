import type {
  Approval,
  AuditPage,
  AuditQuery,
  BootstrapRequest,
  Environment,
  PermissionPolicy,
  ProtectedAction,
  SaleStatus,
  SaveStaffRequest,
  StaffMemberView,
  StaffSession,
} from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import { type Actor, actorDetails, COUNTER_ACTOR } from './actor';
import { auditQuery } from './audit-query';
import { checkPinFormat, hashPin, newPinSalt, pinLookup, verifyPin } from './pin';
import { memberView, type StaffRow, staffRepo } from './staff-repo';

/** What a request may need: a policy-controlled action, or managing staff (always a manager). */
export type GatePermission = ProtectedAction | 'staff-admin';

/**
 * Training only. Documented in the README so a trainee can practise manager approvals; a training
 * journal never holds real money, and test/production never get this member.
 */
export const TRAINING_MANAGER = { name: 'Training manager', pin: '1234' } as const;

const LOCK_SCOPE = 'counter';

export interface StaffServiceOptions {
  /** Staff tables are in the journal file, read and written through journal.connection. */
  journal: Journal;
  environment: Environment;
  clock?: () => Date;
  logger: Logger;
}

export interface StaffService {
  session(): StaffSession;
  signIn(pin: string): Promise<StaffSession>;
  /** Ends the session: the sign-out button, or the OS locking / going to sleep (`lock`). */
  signOut(reason?: 'lock'): StaffSession;
  /** Input at the counter: the signed-in session's idle time starts again. */
  activity(): StaffSession;
  bootstrap(req: BootstrapRequest): Promise<StaffSession>;
  list(): StaffMemberView[];
  save(req: SaveStaffRequest, actor: Actor): Promise<StaffMemberView>;
  savePolicy(change: Partial<PermissionPolicy>, actor: Actor, idleMinutes?: number): StaffSession;
  /** The one permission check. Resolves with who acts (and who approved), or throws FORBIDDEN/RATE_LIMITED. */
  authorize(permission: GatePermission | null, approval: Approval | undefined): Promise<Actor>;
  audit(query: AuditQuery): AuditPage;
  /** Appends a staff action to the append-only audit log. */
  record(
    actor: Actor,
    action: string,
    entry?: { reference?: string; amount?: number; details?: object },
  ): void;
  paymentStatus(reference: string): SaleStatus | undefined;
}

function cleanName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length < 1 || trimmed.length > 40) {
    throw new PosFailure('VALIDATION', 'A name is 1 to 40 characters.', { details: { field: 'name' } });
  }
  return trimmed;
}

export async function createStaffService(options: StaffServiceOptions): Promise<StaffService> {
  const { journal, environment, logger } = options;
  const db = journal.connection;
  const now = options.clock ?? (() => new Date());
  const repo = staffRepo(db);
  const queryAudit = auditQuery(db);
  const statusOf = db.prepare('SELECT status FROM payments WHERE reference = ?').pluck();
  let signedIn: number | null = null;
  /** The last input at the counter while someone is signed in (sign-in counts). */
  let lastInput = now();
  const idleMs = () => repo.idleMinutes() * 60_000;

  const record: StaffService['record'] = (actor, action, entry = {}) => {
    journal.audit.append({
      at: now().toISOString(),
      actor: actor.name,
      action,
      reference: entry.reference ?? null,
      amount: entry.amount ?? null,
      details: { ...actorDetails(actor), ...entry.details },
    });
  };

  const salt = repo.pinSalt(newPinSalt);
  repo.clearPending(LOCK_SCOPE, now());
  const hashes = async (pin: string) => ({
    pinHash: await hashPin(pin),
    pinLookup: await pinLookup(pin, salt),
  });

  if (environment === 'training' && repo.activeManagers() === 0) {
    repo.insert(
      { name: TRAINING_MANAGER.name, role: 'manager', ...(await hashes(TRAINING_MANAGER.pin)) },
      now().toISOString(),
    );
  }

  const actorOf = (row: StaffRow): Actor => ({ id: row.id, name: row.name, role: row.role });

  function endSession(row: StaffRow, reason: 'idle' | 'lock' | null): void {
    record(actorOf(row), 'sign-out', reason ? { details: { reason } } : {});
    signedIn = null;
  }

  /**
   * Who is signed in now. A session that saw no input for the manager's idle time has ended: it is
   * closed (and audited) the moment anything asks, so no stale session can approve or act.
   */
  function signedInRow(): StaffRow | null {
    if (signedIn === null) return null;
    const row = repo.get(signedIn);
    if (!row?.active) {
      signedIn = null;
      return null;
    }
    if (now().getTime() - lastInput.getTime() >= idleMs()) {
      endSession(row, 'idle');
      return null;
    }
    return row;
  }

  function startSession(row: StaffRow): void {
    signedIn = row.id;
    lastInput = now();
    record(actorOf(row), 'sign-in');
  }

  function session(): StaffSession {
    const row = signedInRow();
    return {
      staff: row ? memberView(row) : null,
      bootstrapNeeded: repo.activeManagers() === 0,
      trainingPin: environment === 'training' ? TRAINING_MANAGER.pin : null,
      policy: repo.policy(),
      idleMinutes: repo.idleMinutes(),
      expiresAt: row ? new Date(lastInput.getTime() + idleMs()).toISOString() : null,
    };
  }

  /**
   * The active member whose PIN this is: one hash to find them by the lookup key; members from
   * before lookup keys existed are verified one by one and get their key on a match.
   */
  async function findByPin(pin: string): Promise<StaffRow | null> {
    const lookup = await pinLookup(pin, salt);
    const found = repo.byLookup(lookup);
    if (found) return found;
    for (const row of repo.activeWithoutLookup()) {
      if (await verifyPin(pin, row.pinHash)) {
        const upgraded = { ...row, pinLookup: lookup };
        repo.update(upgraded, now().toISOString());
        return upgraded;
      }
    }
    return null;
  }

  /**
   * Checks a PIN under the shared lockout. The attempt is counted in the journal before the PIN is
   * hashed and given back only if it was right, so a burst of guesses gets no more checks than the
   * budget left; while locked, the PIN is not even compared. Only a manager's right PIN resets the
   * count. Returns the member, or null.
   */
  async function matchPin(pin: string, purpose: 'sign-in' | 'approval'): Promise<StaffRow | null> {
    const reservation = repo.reserveAttempt(LOCK_SCOPE, now());
    if (!reservation.ok) {
      throw new PosFailure('RATE_LIMITED', 'Too many wrong PINs. Wait before trying again.', {
        retryable: true,
        details: { retryAt: reservation.lockedUntil },
      });
    }
    let match: StaffRow | null = null;
    try {
      match = await findByPin(pin);
    } finally {
      // Only a manager's PIN clears the count: anyone else's would launder guesses at it (lockout.ts).
      const outcome = match === null ? 'wrong' : match.role === 'manager' ? 'manager' : 'other';
      repo.settleAttempt(LOCK_SCOPE, outcome, now(), reservation.failures);
    }
    if (match) return match;
    record(COUNTER_ACTOR, 'pin-failed', { details: { purpose, failures: reservation.failures } });
    if (reservation.locks) {
      const { lockedUntil } = repo.lockout(LOCK_SCOPE);
      record(COUNTER_ACTOR, 'pin-lockout', { details: { until: lockedUntil } });
      logger.warn('PIN entry locked after repeated failures', { until: lockedUntil });
    }
    return null;
  }

  /** A PIN must identify one person, so two active members may not share one. */
  async function assertPinUnused(pin: string, exceptId: number | null): Promise<void> {
    const owner = await findByPin(pin);
    if (owner && owner.id !== exceptId) {
      throw new PosFailure('VALIDATION', 'Choose a different PIN.', { details: { field: 'pin' } });
    }
  }

  async function authorize(
    permission: GatePermission | null,
    approval: Approval | undefined,
  ): Promise<Actor> {
    const me = signedInRow();
    const actor = me ? actorOf(me) : COUNTER_ACTOR;
    if (permission === null) return actor;
    const level = permission === 'staff-admin' ? 'manager' : repo.policy()[permission];
    if (level === 'anyone' || me?.role === 'manager') return actor;
    if (repo.activeManagers() === 0) {
      // First run of test/production: nobody could approve yet, so settings stay open until the
      // first manager is created there; money going back waits for that manager.
      if (permission === 'settings') return actor;
      throw new PosFailure('FORBIDDEN', 'Create the first manager in Settings first.');
    }
    if (!approval) {
      throw new PosFailure('FORBIDDEN', 'A manager must approve this with their PIN.', {
        details: { approval: 'required' },
      });
    }
    checkPinFormat(approval.pin, 'approval.pin');
    const approver = await matchPin(approval.pin, 'approval');
    if (approver?.role !== 'manager') {
      if (approver) record(actorOf(approver), 'approval-refused', { details: { permission } });
      throw new PosFailure('FORBIDDEN', 'That is not a manager PIN.', { details: { approval: 'rejected' } });
    }
    return { ...actor, approvedBy: { id: approver.id, name: approver.name } };
  }

  return {
    session,
    async signIn(pin) {
      checkPinFormat(pin);
      const row = await matchPin(pin, 'sign-in');
      if (!row) throw new PosFailure('FORBIDDEN', 'Wrong PIN.', { details: { field: 'pin' } });
      const previous = signedInRow();
      if (previous && previous.id !== row.id)
        record(actorOf(previous), 'sign-out', { details: { replacedBy: row.id } });
      startSession(row);
      return session();
    },
    signOut(reason) {
      const row = signedInRow();
      if (row) endSession(row, reason ?? null);
      return session();
    },
    activity() {
      if (signedInRow()) lastInput = now();
      return session();
    },
    async bootstrap(req) {
      if (repo.activeManagers() > 0) {
        throw new PosFailure('INVALID_STATE', 'A manager already exists; sign in as that manager instead.');
      }
      const name = cleanName(req.name);
      const pin = checkPinFormat(req.pin);
      const row = repo.insert({ name, role: 'manager', ...(await hashes(pin)) }, now().toISOString());
      record(actorOf(row), 'staff-bootstrap', { details: { member: row.id, role: 'manager' } });
      startSession(row);
      return session();
    },
    list: () => repo.all().map(memberView),
    async save(req, actor) {
      const at = now().toISOString();
      if (req.id === undefined) {
        if (req.name === undefined || req.role === undefined || req.pin === undefined) {
          throw new PosFailure('VALIDATION', 'A new staff member needs a name, a role and a PIN.');
        }
        const pin = checkPinFormat(req.pin);
        await assertPinUnused(pin, null);
        const row = repo.insert({ name: cleanName(req.name), role: req.role, ...(await hashes(pin)) }, at);
        record(actor, 'staff-create', { details: { member: row.id, name: row.name, role: row.role } });
        return memberView(row);
      }
      const before = repo.get(req.id);
      if (!before) throw new PosFailure('NOT_FOUND', 'No such staff member.');
      const next: StaffRow = { ...before };
      if (req.name !== undefined) next.name = cleanName(req.name);
      if (req.role !== undefined) next.role = req.role;
      if (req.active !== undefined) next.active = req.active;
      if (req.pin !== undefined) {
        const pin = checkPinFormat(req.pin);
        await assertPinUnused(pin, before.id);
        Object.assign(next, await hashes(pin));
      }
      // Coming back with a PIN someone active uses now would make that PIN name two people.
      const owner = next.active && next.pinLookup ? repo.byLookup(next.pinLookup) : undefined;
      if (owner && owner.id !== before.id) {
        throw new PosFailure('VALIDATION', 'Choose a different PIN.', { details: { field: 'pin' } });
      }
      const losesManager =
        before.active && before.role === 'manager' && (!next.active || next.role !== 'manager');
      if (losesManager && repo.activeManagers() <= 1) {
        throw new PosFailure('INVALID_STATE', 'Keep at least one active manager, or nobody can approve.');
      }
      repo.update(next, at);
      const changed = (['name', 'role', 'active'] as const).filter((k) => next[k] !== before[k]);
      record(actor, 'staff-change', {
        details: { member: before.id, changed: req.pin !== undefined ? [...changed, 'pin'] : changed },
      });
      return memberView(next);
    },
    savePolicy(change, actor, idleMinutes) {
      repo.savePolicy(change);
      if (idleMinutes !== undefined) repo.saveIdleMinutes(idleMinutes);
      record(actor, 'policy-change', {
        details: { ...change, ...(idleMinutes !== undefined ? { idleMinutes } : {}) },
      });
      return session();
    },
    authorize,
    audit: queryAudit,
    record,
    paymentStatus: (reference) => statusOf.get(reference) as SaleStatus | undefined,
  };
}
