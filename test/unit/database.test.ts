// The embedded database on a real file in a temp folder: migrations (from empty, again,
// from the future, failing), the pragmas it runs with, what survives a SIGKILL, and the
// one-time import of progress files.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, openDatabase, schemaVersion, type Db } from '../../server/db/database.js';
import { MIGRATIONS, type Migration } from '../../server/db/migrations.js';
import { importProgressFiles } from '../../server/progress/progress-import.js';
import { ProgressStore } from '../../server/progress/progress-store.js';
import { WorkshopService } from '../../server/workshops/service.js';

const root = await mkdtemp(path.join(tmpdir(), 'playground-db-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;
/** A path for a database file of its own, in a folder that does not exist yet. */
const freshFile = () => path.join(root, `case-${++n}`, 'playground.db');

const tables = (db: Db) =>
  db
    .prepare<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

test('an empty file is migrated to the latest version, with WAL, a busy timeout and foreign keys', () => {
  const db = openDatabase(freshFile());
  try {
    assert.equal(schemaVersion(db), MIGRATIONS.length);
    assert.deepEqual(tables(db), [
      'help_requests',
      'learners',
      'lesson_progress',
      'session_leases',
      'step_results',
      'workshop_lessons',
      'workshop_messages',
      'workshops',
    ]);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok(Number(db.pragma('busy_timeout', { simple: true })) >= 1000);
    assert.throws(
      () =>
        db
          .prepare(
            "INSERT INTO learners (id, workshop_id, seat, name, joined_at, resume_token_hash) VALUES ('x', 999, 1, 'n', 0, 'h')",
          )
          .run(),
      /FOREIGN KEY/,
    );
  } finally {
    db.close();
  }
});

test('opening a database again applies nothing and keeps its rows', async () => {
  const file = freshFile();
  const first = openDatabase(file);
  await new ProgressStore(first).save('abc', { lessonId: 'l', steps: [] });
  first.close();
  const again = openDatabase(file);
  try {
    assert.equal(schemaVersion(again), MIGRATIONS.length);
    assert.equal((await new ProgressStore(again).load('abc'))?.lessonId, 'l');
  } finally {
    again.close();
  }
});

test('a database from a newer playground is refused with what to do, and left as it is', () => {
  const file = freshFile();
  openDatabase(file).close();
  const raw = new Database(file);
  raw.pragma(`user_version = ${MIGRATIONS.length + 3}`);
  raw.close();
  assert.throws(
    () => openDatabase(file),
    new RegExp(`schema version ${MIGRATIONS.length + 3}.*up to ${MIGRATIONS.length}.*PLAYGROUND_DB_PATH`),
  );
  const check = new Database(file);
  assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length + 3);
  check.close();
});

test('a migration that fails rolls back every step of that open: version and tables as before', () => {
  const file = freshFile();
  const one: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
  const two: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER) STRICT;' };
  const broken: Migration = {
    version: 3,
    name: 'broken',
    sql: 'CREATE TABLE c (x INTEGER) STRICT; INSERT INTO missing VALUES (1);',
  };
  const db = openDatabase(file, [one]);
  try {
    assert.throws(() => migrate(db, [one, two, broken]), /no such table: missing/);
    assert.equal(schemaVersion(db), 1);
    assert.deepEqual(tables(db), ['a']);
    assert.equal(db.inTransaction, false);
  } finally {
    db.close();
  }
  assert.throws(() => openDatabase(file, [one, two, broken]), /no such table: missing/);
  const reopened = openDatabase(file, [one, two]);
  assert.deepEqual([schemaVersion(reopened), tables(reopened)], [2, ['a', 'b']]);
  reopened.close();
});

test('migrations out of order are refused before anything runs', () => {
  const db = openDatabase(freshFile(), []);
  try {
    assert.throws(() => migrate(db, [{ version: 2, name: 'skips one', sql: '' }]), /numbered 2, expected 1/);
    assert.equal(schemaVersion(db), 0);
  } finally {
    db.close();
  }
});

test('what a process wrote before it was SIGKILLed is all there for the next connection', async () => {
  const file = freshFile();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/db-writer.ts', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, s) => resolve(s)),
  );
  assert.equal(signal, 'SIGKILL', 'the writer died without closing the database');
  // The last line: the writer's log lines come before it.
  const written = JSON.parse(out.trim().split('\n').pop()!) as {
    code: string;
    trainerKey: string;
    resumeTokens: string[];
  };

  // Not closed, so not checkpointed: the commits are in the write-ahead log alone.
  assert.ok((await stat(`${file}-wal`)).size > 0, 'the killed writer left its write-ahead log');
  const db = openDatabase(file);
  try {
    const workshops = new WorkshopService(db);
    const workshop = workshops.authorizeTrainer(written.code, written.trainerKey);
    assert.deepEqual(
      [workshop.title, workshop.lessons, workshop.language],
      ['Killed mid-class', ['docker-networks'], 'id'],
    );
    assert.deepEqual(
      workshops.learners(workshop).map((l) => [l.seat, l.name]),
      [
        [1, 'Ani'],
        [2, 'Budi'],
        [3, 'Citra'],
      ],
    );
    const rejoin = workshops.join(written.code, { resumeToken: written.resumeTokens[1] });
    assert.deepEqual([rejoin.rejoined, rejoin.learner.name], [true, 'Budi']);
    assert.deepEqual(await new ProgressStore(db).load('abc123'), {
      lessonId: 'docker-networks',
      steps: [{ stepId: 'create', state: 'passed' }],
    });
  } finally {
    db.close();
  }
});

test('progress files of an older playground are imported once, then removed', async () => {
  const dir = path.join(root, `case-${++n}`, 'progress');
  await mkdir(dir, { recursive: true });
  const progress = (stepId: string) => ({ lessonId: 'l', steps: [{ stepId, state: 'passed' as const }] });
  await writeFile(path.join(dir, 'aa11.json'), JSON.stringify(progress('from-file')));
  await writeFile(path.join(dir, 'bb22.json'), JSON.stringify(progress('older-file')));
  await writeFile(path.join(dir, 'cc33.json'), '{"half a wri');
  await writeFile(path.join(dir, 'dd44.json.123.tmp'), JSON.stringify(progress('never renamed')));
  await writeFile(path.join(dir, 'notes.txt'), 'an operator wrote this');
  const db = openDatabase(path.join(dir, '..', 'playground.db'));
  try {
    const store = new ProgressStore(db);
    await store.save('bb22', progress('newer-in-db'));
    assert.equal(await importProgressFiles(dir, store), 2);
    assert.equal((await store.load('aa11'))?.steps[0]?.stepId, 'from-file');
    assert.equal((await store.load('bb22'))?.steps[0]?.stepId, 'newer-in-db', 'the database wins');
    assert.equal(await store.load('cc33'), null);
    assert.equal(await store.load('dd44'), null);
    assert.deepEqual(await readdir(dir), ['notes.txt'], 'progress files go, other files stay');
    assert.equal(await importProgressFiles(dir, store), 0, 'nothing to import a second time');
    await rm(path.join(dir, 'notes.txt'));
    await importProgressFiles(dir, store);
    await assert.rejects(readdir(dir), /ENOENT/, 'the emptied folder goes');
    assert.equal(await importProgressFiles(path.join(root, 'no-such-dir'), store), 0);
  } finally {
    db.close();
  }
});
