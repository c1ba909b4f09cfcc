// A workshop of several lessons, in one sandbox: the session's lesson moves and is kept in its
// lease (over a restart), progress is kept per lesson (moving back finds it), a database of
// the version before is migrated with its progress, a learner moves only within the workshop's
// lessons, and the workshop bar knows where the learner stands.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { LessonProgress } from '../../common/events.js';
import { lessonPlace } from '../../client/src/workshops/lesson-place.js';
import { migrate, openDatabase, schemaVersion } from '../../server/db/database.js';
import { MIGRATIONS } from '../../server/db/migrations.js';
import { PlaygroundError } from '../../server/errors.js';
import { ProgressStore } from '../../server/progress/progress-store.js';
import { LeaseStore, MemoryLeases, moveLesson, type SessionLeases } from '../../server/sessions/leases.js';
import type { Session } from '../../server/sessions/session-state.js';
import { LiveActions } from '../../server/workshops/class/live-actions.js';
import type { Workshop } from '../../server/workshops/store.js';

const root = await mkdtemp(path.join(tmpdir(), 'workshop-lessons-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;
const freshFile = () => path.join(root, `case-${++n}.db`);

const progress = (lessonId: string, done: string[], all = ['a', 'b']): LessonProgress => ({
  lessonId,
  steps: all.map((stepId) => ({ stepId, state: done.includes(stepId) ? 'passed' : 'pending' })),
});

const session = (state: Session['state'] = 'ready'): Session => ({
  id: 'abc1',
  tokenHash: 'h',
  client: '10.0.0.1',
  state,
  expiresAt: new Date(1_000_000),
  lessonId: 'first',
  maxHosts: 1,
  maxTerminals: 1,
  extendMs: 0,
  historyLines: 5000,
  hosts: new Map(),
  ready: Promise.resolve(),
});

for (const [kind, leasesOf] of [
  ['in the database', () => new LeaseStore(openDatabase(freshFile()))],
  ['in memory', () => new MemoryLeases()],
] as const) {
  test(`a moved lesson is kept in the session's lease ${kind}; a later change of its end keeps it`, () => {
    const leases: SessionLeases = leasesOf();
    const s = session();
    let moved = 0;
    moveLesson(s, 'second', leases, () => moved++);
    moveLesson(s, 'second', leases, () => moved++);
    assert.equal(moved, 1, 'moving to the lesson it holds tells nobody');
    assert.equal(s.lessonId, 'second');
    leases.set('abc1', { client: '10.0.0.1', expiresAt: new Date(2_000_000) });
    assert.deepEqual(leases.get('abc1'), {
      client: '10.0.0.1',
      expiresAt: new Date(2_000_000),
      lessonId: 'second',
    });
    assert.throws(
      () => moveLesson(session('starting'), 'second', leases, () => moved++),
      (err: unknown) => err instanceof PlaygroundError && err.status === 409,
    );
    assert.throws(() => moveLesson(undefined, 'second', leases, () => moved++), PlaygroundError);
  });
}

test('progress is kept per lesson: moving back finds the first lesson’s steps', async () => {
  const db = openDatabase(freshFile());
  after(() => db.close());
  const store = new ProgressStore(db);
  await store.save('abc1', progress('first', ['a', 'b']));
  await store.save('abc1', progress('second', ['a']));
  assert.deepEqual(await store.load('abc1', 'first'), progress('first', ['a', 'b']));
  assert.deepEqual(await store.load('abc1', 'second'), progress('second', ['a']));
  assert.equal(await store.load('abc1', 'third'), null);
  await store.remove('abc1');
  assert.equal(await store.load('abc1', 'first'), null, 'every lesson’s row goes with the session');
});

test('a database of the version before keeps its progress and leases through the migration', async () => {
  const file = freshFile();
  const before = openDatabase(file, MIGRATIONS.slice(0, 4));
  before
    .prepare('INSERT INTO lesson_progress (session_id, progress, updated_at) VALUES (?, ?, ?)')
    .run('abc1', JSON.stringify(progress('first', ['a'])), 1);
  before
    .prepare('INSERT INTO lesson_progress (session_id, progress, updated_at) VALUES (?, ?, ?)')
    .run('bad2', '{', 1);
  before
    .prepare('INSERT INTO session_leases (session_id, client, expires_at) VALUES (?, ?, ?)')
    .run('abc1', '10.0.0.1', 5);
  migrate(before, MIGRATIONS);
  assert.equal(schemaVersion(before), MIGRATIONS.length);
  assert.deepEqual(await new ProgressStore(before).load('abc1', 'first'), progress('first', ['a']));
  assert.deepEqual(await new ProgressStore(before).load('abc1'), progress('first', ['a']));
  assert.equal(
    await new ProgressStore(before).load('bad2'),
    null,
    'a broken row is carried, read as nothing',
  );
  assert.deepEqual(new LeaseStore(before).get('abc1'), { client: '10.0.0.1', expiresAt: new Date(5) });
  before.close();
});

test('a learner moves only to one of the workshop’s lessons', () => {
  const moves: string[] = [];
  let holds = 'first';
  const actions = new LiveActions({
    classroom: {} as never,
    events: { publish: () => undefined },
    catalogue: { get: () => undefined },
    lessonOf: () => holds,
    setLesson: (_id, lessonId) => {
      moves.push(lessonId);
      holds = lessonId;
    },
  });
  const workshop = { lessons: ['first', 'second'] } as Workshop;
  actions.moveLesson('abc1', workshop, 'second');
  actions.moveLesson('abc1', workshop, 'second');
  actions.moveLesson('abc1', workshop, 'first');
  assert.deepEqual(moves, ['second', 'first'], 'moving to the lesson it holds changes nothing');
  for (const wrong of ['third', 42, undefined])
    assert.throws(
      () => actions.moveLesson('abc1', workshop, wrong),
      (err: unknown) => err instanceof PlaygroundError && err.status === 404,
    );
});

test('the workshop bar’s place: which lesson of how many, before and after, finished or not', () => {
  const lessons = ['first', 'second', 'third'];
  assert.equal(lessonPlace(['only'], 'only', null), null, 'one lesson: nowhere to move');
  assert.equal(lessonPlace(lessons, undefined, null), null, 'free play');
  assert.equal(lessonPlace(lessons, 'elsewhere', null), null, 'a lesson outside the workshop');
  assert.deepEqual(lessonPlace(lessons, 'first', progress('first', ['a'])), {
    index: 0,
    total: 3,
    previous: null,
    next: 'second',
    finished: false,
  });
  assert.deepEqual(lessonPlace(lessons, 'second', progress('second', ['a', 'b'])), {
    index: 1,
    total: 3,
    previous: 'first',
    next: 'third',
    finished: true,
  });
  assert.equal(
    lessonPlace(lessons, 'second', progress('first', ['a', 'b']))?.finished,
    false,
    'another lesson’s progress says nothing of this one',
  );
  assert.equal(lessonPlace(lessons, 'third', progress('third', ['a', 'b']))?.next, null);
});
