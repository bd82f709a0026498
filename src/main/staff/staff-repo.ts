import type {
  PermissionLevel,
  PermissionPolicy,
  ProtectedAction,
  StaffMemberView,
  StaffRole,
} from '../../preload/contract';
import type { JournalConnection } from '../journal';
import {
  afterRestart,
  isLocked,
  type LockoutState,
  release,
  releaseOwn,
  reserve,
  settleFailure,
  UNLOCKED,
} from './lockout';

export interface StaffRow extends StaffMemberView {
  pinHash: string;
  /** The PIN hashed with the counter-wide salt; null for rows from before migration 175. */
  pinLookup: string | null;
}

/** How a reserved PIN attempt ended: wrong, a manager's PIN, or another member's right PIN. */
export type AttemptOutcome = 'wrong' | 'manager' | 'other';

/** One attempt's place in the PIN budget, or the lock that refused it. */
export type Reservation = { ok: true; locks: boolean; failures: number } | { ok: false; lockedUntil: string };

interface RawStaff {
  id: number;
  name: string;
  role: StaffRole;
  pin_hash: string;
  pin_lookup: string | null;
  active: number;
  created_at: string;
}

/** Defaults: money going back and settings need a manager; reports and support bundles do not. */
export const DEFAULT_POLICY: PermissionPolicy = {
  refund: 'manager',
  release: 'manager',
  settings: 'manager',
  report: 'anyone',
  support: 'anyone',
};

export const DEFAULT_IDLE_MINUTES = 5;

export const PROTECTED_ACTIONS = Object.keys(DEFAULT_POLICY) as ProtectedAction[];

export interface StaffRepo {
  all(): StaffRow[];
  active(): StaffRow[];
  get(id: number): StaffRow | undefined;
  /** The active member whose counter-salted PIN hash this is. */
  byLookup(pinLookup: string): StaffRow | undefined;
  /** Active members whose lookup hash is still missing (verified one by one, then filled in). */
  activeWithoutLookup(): StaffRow[];
  insert(member: { name: string; role: StaffRole; pinHash: string; pinLookup: string }, at: string): StaffRow;
  update(row: StaffRow, at: string): void;
  activeManagers(): number;
  /** The counter-wide salt for lookup hashes, made once per journal. */
  pinSalt(make: () => string): string;
  lockout(scope: string): LockoutState;
  /** Counts an attempt before it is verified, atomically; refuses while locked. */
  reserveAttempt(scope: string, now: Date): Reservation;
  /**
   * Settles a reserved attempt (`reservedAs`: the count its reservation made): a manager's PIN
   * releases it and resets the count, another member's right PIN releases only itself.
   */
  settleAttempt(scope: string, outcome: AttemptOutcome, now: Date, reservedAs: number): LockoutState;
  /** Start of a service: attempts a crash cut short stay counted, none is pending. */
  clearPending(scope: string, now: Date): void;
  policy(): PermissionPolicy;
  /** Minutes without input before a staff session ends (default 5). */
  idleMinutes(): number;
  saveIdleMinutes(minutes: number): void;
  savePolicy(policy: Partial<PermissionPolicy>): void;
}

function fromRaw(raw: RawStaff): StaffRow {
  return {
    id: raw.id,
    name: raw.name,
    role: raw.role,
    active: raw.active === 1,
    createdAt: raw.created_at,
    pinHash: raw.pin_hash,
    pinLookup: raw.pin_lookup,
  };
}

export function staffRepo(db: JournalConnection): StaffRepo {
  const all = db.prepare('SELECT * FROM staff ORDER BY active DESC, name, id');
  const active = db.prepare('SELECT * FROM staff WHERE active = 1 ORDER BY id');
  const get = db.prepare('SELECT * FROM staff WHERE id = ?');
  const byLookup = db.prepare('SELECT * FROM staff WHERE active = 1 AND pin_lookup = ?');
  const withoutLookup = db.prepare('SELECT * FROM staff WHERE active = 1 AND pin_lookup IS NULL ORDER BY id');
  const insert =
    db.prepare(`INSERT INTO staff (name, role, pin_hash, pin_lookup, active, created_at, updated_at)
    VALUES (?, ?, ?, ?, 1, ?, ?)`);
  const update = db.prepare(
    'UPDATE staff SET name = ?, role = ?, pin_hash = ?, pin_lookup = ?, active = ?, updated_at = ? WHERE id = ?',
  );
  const salt = db.prepare('SELECT salt FROM pin_secret WHERE id = 1').pluck();
  const saveSalt = db.prepare('INSERT OR IGNORE INTO pin_secret (id, salt) VALUES (1, ?)');
  const managers = db.prepare("SELECT count(*) FROM staff WHERE active = 1 AND role = 'manager'").pluck();
  const lockout = db.prepare(
    'SELECT failures, locked_until, pending, updated_at FROM pin_lockout WHERE scope = ?',
  );
  const saveLockout = db.prepare(`INSERT INTO pin_lockout (scope, failures, locked_until, pending, updated_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures,
    locked_until = excluded.locked_until, pending = excluded.pending, updated_at = excluded.updated_at`);
  const readLockout = (scope: string): LockoutState => {
    const raw = lockout.get(scope) as
      | { failures: number; locked_until: string | null; pending: number; updated_at: string }
      | undefined;
    return raw
      ? {
          failures: raw.failures,
          lockedUntil: raw.locked_until,
          pending: raw.pending,
          updatedAt: raw.updated_at,
        }
      : UNLOCKED;
  };
  const writeLockout = (scope: string, state: LockoutState, now: Date) =>
    saveLockout.run(scope, state.failures, state.lockedUntil, state.pending, now.toISOString());
  // Read and write in one immediate transaction, so no other attempt (or process) slips in between.
  const reserveAttempt = db.transaction((scope: string, now: Date): Reservation => {
    const state = readLockout(scope);
    if (isLocked(state, now)) return { ok: false, lockedUntil: state.lockedUntil! };
    const { next, locks } = reserve(state, now);
    writeLockout(scope, next, now);
    return { ok: true, locks, failures: next.failures };
  });
  const settleAttempt = db.transaction(
    (scope: string, outcome: AttemptOutcome, now: Date, reservedAs: number) => {
      const state = readLockout(scope);
      const next =
        outcome === 'manager'
          ? release(state, now)
          : outcome === 'other'
            ? releaseOwn(state, now, reservedAs)
            : settleFailure(state, now);
      writeLockout(scope, next, now);
      return next;
    },
  );
  const policy = db.prepare('SELECT action, level FROM permission_policy');
  const idle = db.prepare("SELECT value FROM staff_options WHERE name = 'idle-minutes'").pluck();
  const saveIdle = db.prepare(`INSERT INTO staff_options (name, value) VALUES ('idle-minutes', ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
  const savePolicy = db.prepare(`INSERT INTO permission_policy (action, level) VALUES (?, ?)
    ON CONFLICT (action) DO UPDATE SET level = excluded.level`);
  const savePolicyAll = db.transaction((entries: Array<[string, PermissionLevel]>) => {
    for (const [action, level] of entries) savePolicy.run(action, level);
  });
  return {
    all: () => (all.all() as RawStaff[]).map(fromRaw),
    active: () => (active.all() as RawStaff[]).map(fromRaw),
    get: (id) => {
      const raw = get.get(id) as RawStaff | undefined;
      return raw && fromRaw(raw);
    },
    byLookup: (pinLookup) => {
      const raw = byLookup.get(pinLookup) as RawStaff | undefined;
      return raw && fromRaw(raw);
    },
    activeWithoutLookup: () => (withoutLookup.all() as RawStaff[]).map(fromRaw),
    insert: (member, at) => {
      const { lastInsertRowid } = insert.run(
        member.name,
        member.role,
        member.pinHash,
        member.pinLookup,
        at,
        at,
      );
      return fromRaw(get.get(lastInsertRowid) as RawStaff);
    },
    update: (row, at) => {
      update.run(row.name, row.role, row.pinHash, row.pinLookup, row.active ? 1 : 0, at, row.id);
    },
    activeManagers: () => managers.get() as number,
    pinSalt: (make) => {
      saveSalt.run(make());
      return salt.get() as string;
    },
    lockout: readLockout,
    reserveAttempt: (scope, now) => reserveAttempt.immediate(scope, now),
    settleAttempt: (scope, outcome, now, reservedAs) =>
      settleAttempt.immediate(scope, outcome, now, reservedAs),
    clearPending: (scope, now) => {
      const state = readLockout(scope);
      if (state.pending > 0) writeLockout(scope, afterRestart(state), now);
    },
    policy: () => {
      const stored = policy.all() as Array<{ action: ProtectedAction; level: PermissionLevel }>;
      const result = { ...DEFAULT_POLICY };
      for (const { action, level } of stored) if (action in result) result[action] = level;
      return result;
    },
    idleMinutes: () => (idle.get() as number | undefined) ?? DEFAULT_IDLE_MINUTES,
    saveIdleMinutes: (minutes) => {
      saveIdle.run(minutes);
    },
    savePolicy: (change) => savePolicyAll(Object.entries(change) as Array<[string, PermissionLevel]>),
  };
}

export function memberView(row: StaffRow): StaffMemberView {
  return { id: row.id, name: row.name, role: row.role, active: row.active, createdAt: row.createdAt };
}
