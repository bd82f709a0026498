import type {
  PermissionLevel,
  PermissionPolicy,
  ProtectedAction,
  StaffMemberView,
  StaffRole,
} from '../../preload/contract';
import type { JournalConnection } from '../journal';
import { type LockoutState, UNLOCKED } from './lockout';

export interface StaffRow extends StaffMemberView {
  pinHash: string;
}

interface RawStaff {
  id: number;
  name: string;
  role: StaffRole;
  pin_hash: string;
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

export const PROTECTED_ACTIONS = Object.keys(DEFAULT_POLICY) as ProtectedAction[];

export interface StaffRepo {
  all(): StaffRow[];
  active(): StaffRow[];
  get(id: number): StaffRow | undefined;
  insert(member: { name: string; role: StaffRole; pinHash: string }, at: string): StaffRow;
  update(row: StaffRow, at: string): void;
  activeManagers(): number;
  lockout(scope: string): LockoutState;
  saveLockout(scope: string, state: LockoutState, at: string): void;
  policy(): PermissionPolicy;
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
  };
}

export function staffRepo(db: JournalConnection): StaffRepo {
  const all = db.prepare('SELECT * FROM staff ORDER BY active DESC, name, id');
  const active = db.prepare('SELECT * FROM staff WHERE active = 1 ORDER BY id');
  const get = db.prepare('SELECT * FROM staff WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO staff (name, role, pin_hash, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE staff SET name = ?, role = ?, pin_hash = ?, active = ?, updated_at = ? WHERE id = ?',
  );
  const managers = db.prepare("SELECT count(*) FROM staff WHERE active = 1 AND role = 'manager'").pluck();
  const lockout = db.prepare('SELECT failures, locked_until FROM pin_lockout WHERE scope = ?');
  const saveLockout = db.prepare(`INSERT INTO pin_lockout (scope, failures, locked_until, updated_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures,
    locked_until = excluded.locked_until, updated_at = excluded.updated_at`);
  const policy = db.prepare('SELECT action, level FROM permission_policy');
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
    insert: (member, at) => {
      const { lastInsertRowid } = insert.run(member.name, member.role, member.pinHash, at, at);
      return fromRaw(get.get(lastInsertRowid) as RawStaff);
    },
    update: (row, at) => {
      update.run(row.name, row.role, row.pinHash, row.active ? 1 : 0, at, row.id);
    },
    activeManagers: () => managers.get() as number,
    lockout: (scope) => {
      const raw = lockout.get(scope) as { failures: number; locked_until: string | null } | undefined;
      return raw ? { failures: raw.failures, lockedUntil: raw.locked_until } : UNLOCKED;
    },
    saveLockout: (scope, state, at) => {
      saveLockout.run(scope, state.failures, state.lockedUntil, at);
    },
    policy: () => {
      const stored = policy.all() as Array<{ action: ProtectedAction; level: PermissionLevel }>;
      const result = { ...DEFAULT_POLICY };
      for (const { action, level } of stored) if (action in result) result[action] = level;
      return result;
    },
    savePolicy: (change) => savePolicyAll(Object.entries(change) as Array<[string, PermissionLevel]>),
  };
}

export function memberView(row: StaffRow): StaffMemberView {
  return { id: row.id, name: row.name, role: row.role, active: row.active, createdAt: row.createdAt };
}
