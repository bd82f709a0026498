import type { Migration } from './types';

/**
 * Issue 11 §1, PIN guessing under concurrency:
 * - pin_lockout.pending counts attempts reserved but not yet verified, so the budget is taken
 *   before the slow hash runs and a burst of guesses cannot all be checked;
 * - staff.pin_lookup is the PIN hashed once with a counter-wide salt (pin_secret), so a PIN finds
 *   its one member with one scrypt instead of one per active member. Rows from before this
 *   migration have none until their next successful sign-in (or PIN change).
 * Issue 11 §2: staff_options holds the manager's idle time for staff sessions.
 */
export const pinAttempts: Migration = {
  id: 175,
  name: 'pin-attempts',
  sql: `
ALTER TABLE pin_lockout ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN pin_lookup TEXT;
CREATE UNIQUE INDEX staff_by_pin_lookup ON staff (pin_lookup) WHERE active = 1 AND pin_lookup IS NOT NULL;
CREATE TABLE pin_secret (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  salt TEXT NOT NULL
);

CREATE TABLE staff_options (
  name  TEXT PRIMARY KEY NOT NULL CHECK (name IN ('idle-minutes')),
  value INTEGER NOT NULL
);
`,
};
