import type Database from 'better-sqlite3';

/**
 * One numbered schema step. `sql` is what runs and what is hashed: editing a migration that already
 * ran somewhere changes its hash, and the runner refuses such a database instead of guessing.
 * `up` may follow the SQL for data moves that SQL alone cannot express; it is not hashed, so keep it
 * deterministic and never edit it after release either.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
  up?: (db: Database.Database) => void;
}
