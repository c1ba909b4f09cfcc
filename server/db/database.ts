// The playground's embedded database: one SQLite file (PLAYGROUND_DB_PATH), opened once by
// app.ts. Opening it brings its schema up to date (migrations.ts) or refuses a database
// written by a newer playground.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { logger } from '../log.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

const log = logger('db');

/**
 * How long a statement waits for another connection's write lock before failing. Writes
 * here are single rows taking microseconds; 5 s covers a second process (a CLI, a backup)
 * holding the lock without hiding a real deadlock.
 */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating it and its folder if need be) and migrates the database at `file`. */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL: readers never wait for the writer, and a commit is one append to the log.
    db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL keeps every commit through a killed process (the log is written
    // before COMMIT returns); only a power cut may lose the last commits, never corrupt.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The schema version the database records (0 for a new file). */
export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Applies the steps past the recorded version, all in one transaction: the database is
 * either as it was or fully up to date. IMMEDIATE takes the write lock before reading the
 * version, so two processes opening one file cannot both apply a step.
 */
export function migrate(db: Db, migrations: readonly Migration[], file = db.name): void {
  checkOrder(migrations);
  const latest = migrations.length;
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > latest) {
      throw new Error(
        `The database ${file} has schema version ${current}, but this playground knows versions up ` +
          `to ${latest}: a newer playground wrote it. Run that newer version, or set ` +
          `PLAYGROUND_DB_PATH to another file.`,
      );
    }
    for (const step of migrations.slice(current)) {
      log.info(`database: migrating to version ${step.version} (${step.name})`);
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1)
      throw new Error(`migration "${step.name}" is numbered ${step.version}, expected ${index + 1}`);
  });
}
