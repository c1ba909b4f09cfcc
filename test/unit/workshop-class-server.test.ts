// The live class without an engine: the stuck rule, the grid built from records, the results
// and their CSV, people's lines, and the classroom on a real database file, fed by a real
// event hub (progress, pages, failed checks, hints, help, messages) with a hand-moved clock.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { LessonProgress, SessionEvent } from '../../common/events.js';
import type { Lesson } from '../../common/lesson.js';
import { HELP_TEXT_MAX, type ClassEvent, type LearnerStatus } from '../../common/workshop-live.js';
import { openDatabase } from '../../server/db/database.js';
import { PlaygroundError } from '../../server/errors.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { info, workshopApi } from '../../server/workshops/api.js';
import {
  buildClassState,
  type ClassInput,
  type PlannedStep,
  type SeatRecord,
  type StepRecord,
} from '../../server/workshops/class/class-state.js';
import { Classroom } from '../../server/workshops/class/classroom.js';
import { cleanLine } from '../../server/workshops/class/free-text.js';
import { LiveActions } from '../../server/workshops/class/live-actions.js';
import { csvCell, resultRows, resultsCsv } from '../../server/workshops/class/results.js';
import { median, stuckReason } from '../../server/workshops/class/stuck.js';
import { WorkshopService } from '../../server/workshops/service.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');

const status = (code: number, message?: RegExp) => (err: unknown) =>
  err instanceof PlaygroundError && err.status === code && (!message || message.test(err.message));

test('stuck: failing after 3 failed checks on the step; slow past twice the median of 3 finishers and 3 minutes', () => {
  const finished = [4 * MIN, 5 * MIN, 6 * MIN]; // median 5 min
  assert.equal(stuckReason({ onStepMs: MIN, failedChecks: 3, finishedMs: [] }), 'failing');
  assert.equal(stuckReason({ onStepMs: null, failedChecks: 3, finishedMs: [] }), 'failing');
  assert.equal(stuckReason({ onStepMs: MIN, failedChecks: 2, finishedMs: finished }), null);
  assert.equal(
    stuckReason({ onStepMs: 10 * MIN, failedChecks: 0, finishedMs: finished }),
    null,
    'exactly 2x',
  );
  assert.equal(stuckReason({ onStepMs: 10 * MIN + 1, failedChecks: 0, finishedMs: finished }), 'slow');
  assert.equal(stuckReason({ onStepMs: 11 * MIN, failedChecks: 5, finishedMs: finished }), 'failing');
  // A quick class: twice the median is 1 min, but nobody is slow under 3 minutes.
  const quick = [20_000, 30_000, 40_000];
  assert.equal(stuckReason({ onStepMs: 2 * MIN, failedChecks: 0, finishedMs: quick }), null);
  assert.equal(stuckReason({ onStepMs: 3 * MIN, failedChecks: 0, finishedMs: quick }), 'slow');
  // Two finishers are no class pace; the lesson's expected time is, when it says one.
  const two = [MIN, MIN];
  assert.equal(stuckReason({ onStepMs: 60 * MIN, failedChecks: 0, finishedMs: two }), null);
  assert.equal(
    stuckReason({ onStepMs: 9 * MIN, failedChecks: 0, finishedMs: two, expectedMs: 4 * MIN }),
    'slow',
  );
  assert.equal(
    stuckReason({ onStepMs: 8 * MIN, failedChecks: 0, finishedMs: two, expectedMs: 4 * MIN }),
    null,
  );
  assert.equal(stuckReason({ onStepMs: null, failedChecks: 0, finishedMs: finished }), null);
  assert.deepEqual([median([3, 1, 2]), median([4, 1, 3, 2]), median([])], [2, 2.5, NaN]);
});

const STEPS: PlannedStep[] = [
  { lessonId: 'net', stepId: 'a', title: 'A' },
  { lessonId: 'net', stepId: 'b', title: 'B' },
  { lessonId: 'net', stepId: 'c', title: 'C' },
];

const seat = (n: number, sessionId: string | null = `s${n}`): SeatRecord => ({
  id: `l${n}`,
  seat: n,
  name: `Learner ${n}`,
  sessionId,
  extendedMs: 0,
});

const record = (n: number, stepId: string, r: Partial<StepRecord>): StepRecord => ({
  learnerId: `l${n}`,
  lessonId: 'net',
  stepId,
  startedAt: null,
  doneAt: null,
  failedChecks: 0,
  hintsUsed: 0,
  ...r,
});

function classInput(records: StepRecord[], overrides: Partial<ClassInput> = {}): ClassInput {
  return {
    workshop: { code: 'ABCDEFGH' } as ClassInput['workshop'],
    endsAt: T0 + 120 * MIN,
    steps: STEPS,
    seats: [seat(1), seat(2), seat(3), seat(4), seat(5, null)],
    records,
    help: [{ id: 7, learnerId: 'l2', text: 'port?', createdAt: T0 + 5 * MIN }],
    online: (sessionId) => sessionId === 's1',
    terminalsOf: () => [],
    presenceOf: () => 'none',
    readySeats: 2,
    trainerSessionId: null,
    now: T0 + 30 * MIN,
    ...overrides,
  };
}

test('the grid: cells, the current step and since when, totals, finished counts, stuck first then by seat', () => {
  const records = [
    // Learners 1, 2 and 3 finished step a in 2, 3 and 4 minutes; 1 finished b too.
    record(1, 'a', { startedAt: T0, doneAt: T0 + 2 * MIN, hintsUsed: 1 }),
    record(2, 'a', { startedAt: T0, doneAt: T0 + 3 * MIN, failedChecks: 1 }),
    record(3, 'a', { startedAt: T0, doneAt: T0 + 4 * MIN }),
    record(1, 'b', { startedAt: T0 + 2 * MIN, doneAt: T0 + 5 * MIN }),
    // Learner 2 reached b, and failed it three times: failing.
    record(2, 'b', { startedAt: T0 + 3 * MIN, failedChecks: 3 }),
    // Learner 4 has been on a since T0: 30 minutes against a median of 3: slow.
    record(4, 'a', { startedAt: T0, failedChecks: 1 }),
    // A lesson outside the workshop is left out.
    record(1, 'other', { lessonId: 'elsewhere', doneAt: T0 }),
  ];
  const state = buildClassState(classInput(records));
  assert.deepEqual(
    state.learners.map((l) => [l.seat, l.stuck]),
    [
      [2, 'failing'],
      [4, 'slow'],
      [1, null],
      [3, null],
      [5, null],
    ],
  );
  const bySeat = (n: number) => state.learners.find((l) => l.seat === n)!;
  assert.deepEqual(bySeat(1).cells, { 'net/a': 'done', 'net/b': 'done', 'net/c': 'current' });
  // Step c was never recorded as reached: since learner 1 finished b.
  assert.equal(bySeat(1).currentSince, new Date(T0 + 5 * MIN).toISOString());
  assert.deepEqual([bySeat(1).online, bySeat(2).online], [true, false]);
  assert.deepEqual([bySeat(2).failedChecks, bySeat(1).hintsOpened], [4, 1]);
  assert.deepEqual(bySeat(2).help, {
    id: '7',
    learnerId: 'l2',
    text: 'port?',
    at: new Date(T0 + 5 * MIN).toISOString(),
  });
  assert.equal(bySeat(3).currentStep, 'net/b');
  assert.equal(bySeat(3).currentSince, new Date(T0 + 4 * MIN).toISOString());
  // No session yet: on no step, not online, not stuck.
  assert.deepEqual(
    [bySeat(5).currentStep, bySeat(5).cells['net/a'], bySeat(5).online],
    [null, 'not-yet', false],
  );
  assert.deepEqual(state.finished, { 'net/a': 3, 'net/b': 1, 'net/c': 0 });
  assert.deepEqual(
    state.steps.map((s) => s.stepId),
    ['a', 'b', 'c'],
  );
  assert.equal(state.readySeats, 2);
  assert.equal(bySeat(1).endsAt, new Date(T0 + 120 * MIN).toISOString());
});

test('results: a row per learner and step, time taken, and CSV safe from formulas in both languages', () => {
  const seats = [{ ...seat(2), name: '=HYPERLINK("x")' }, seat(1)];
  const records = [
    record(1, 'a', { startedAt: T0, doneAt: T0 + 90_000, failedChecks: 2, hintsUsed: 1 }),
    record(2, 'a', { doneAt: T0 + MIN }),
  ];
  const rows = resultRows(STEPS, seats, records);
  assert.equal(rows.length, 6);
  assert.deepEqual(rows[0], {
    learner: 'Learner 1',
    seat: 1,
    lessonId: 'net',
    stepId: 'a',
    done: true,
    completedAt: new Date(T0 + 90_000).toISOString(),
    secondsTaken: 90,
    failedChecks: 2,
    hintsUsed: 1,
  });
  assert.deepEqual([rows[1]!.done, rows[1]!.completedAt, rows[1]!.secondsTaken], [false, '', null]);
  assert.equal(rows[3]!.secondsTaken, null, 'done, but when it was reached is not known');

  const en = resultsCsv(rows, 'en').split('\r\n');
  assert.equal(en[0], 'Learner,Seat,Lesson,Step,Done,Completed at,Seconds taken,Failed checks,Hints used');
  assert.equal(en[1], `Learner 1,1,net,a,yes,${rows[0]!.completedAt},90,2,1`);
  assert.equal(en[4], `"'=HYPERLINK(""x"")",2,net,a,yes,${rows[3]!.completedAt},,0,0`);
  const id = resultsCsv(rows, 'id').split('\r\n');
  assert.match(id[0]!, /^Peserta,Kursi,Pelajaran,Langkah,Selesai,/);
  assert.match(id[2]!, /,tidak,/);
  for (const [raw, cell] of [
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
  ])
    assert.equal(csvCell(raw!), cell, raw);
});

test('lines people type: control and direction characters stripped, length bounded, empty allowed unless required', () => {
  assert.equal(cleanLine('  help\twith\r\nthe\u202Eport\u0007 ', 'text', 50), 'help with the port');
  assert.equal(cleanLine(undefined, 'text', 50), '');
  assert.throws(() => cleanLine(' \n ', 'text', 50, true), status(400, /must not be empty/));
  assert.throws(() => cleanLine(42, 'text', 50), status(400, /must be a string/));
  assert.equal(cleanLine('é'.repeat(HELP_TEXT_MAX), 'text', HELP_TEXT_MAX).length, HELP_TEXT_MAX);
  assert.throws(
    () => cleanLine('x'.repeat(HELP_TEXT_MAX + 1), 'text', HELP_TEXT_MAX),
    status(400, /at most 200/),
  );
});

// A lesson of three steps with two hints each, as the catalogue holds it.
const LESSON = {
  id: 'net',
  minutes: 30,
  steps: ['a', 'b', 'c'].map((id) => ({
    id,
    title: { en: `Step ${id}`, id: `Langkah ${id}` },
    hints: { en: [[], []], id: [[], []] },
  })),
} as unknown as Lesson;

const root = await mkdtemp(path.join(tmpdir(), 'workshop-class-'));
after(() => rm(root, { recursive: true, force: true }));

const NETWORKS = {
  title: 'Networks',
  lessons: ['net'],
  seats: 5,
  startsAt: T0,
  durationMs: 120 * MIN,
  language: 'id' as const,
};

/** A workshop with two learners holding sessions s1 and s2 on its own database file. */
function classroom() {
  const clock = { now: T0 };
  const db = openDatabase(path.join(root, `db-${Math.random().toString(36).slice(2)}.db`));
  after(() => db.close());
  const service = new WorkshopService(db, () => clock.now);
  const api = workshopApi(
    service,
    () => true,
    () => clock.now,
  );
  const events = new SessionEventHub();
  const catalogue = { get: (id: string) => (id === 'net' ? LESSON : undefined) };
  const room = new Classroom({
    db,
    workshops: service,
    catalogue,
    events,
    info: (w) => info(api, w),
    feed: { maxPerWorkshop: 2, throttleMs: 0, sweepMs: 60_000 },
    now: () => clock.now,
  });
  room.start();
  after(() => room.stop());
  const actions = new LiveActions({
    classroom: room,
    events,
    catalogue,
    lessonOf: () => 'net',
    setLesson: () => undefined,
    now: () => clock.now,
  });
  const { workshop } = service.create(NETWORKS);
  const [ani, budi] = ['Ani', 'Budi'].map((name, i) => {
    const { learner } = service.join(workshop.code, { name });
    service.assignSession(learner.id, `5${i + 1}`);
    return learner;
  });
  return { clock, db, service, events, room, actions, workshop, ani: ani!, budi: budi! };
}

const progress = (steps: Partial<Record<'a' | 'b' | 'c', string>>, started: string[]): SessionEvent => ({
  type: 'progress',
  progress: {
    lessonId: 'net',
    steps: (['a', 'b', 'c'] as const).map((stepId) =>
      steps[stepId] ? { stepId, state: 'passed', completedAt: steps[stepId] } : { stepId, state: 'pending' },
    ),
    startedSteps: started,
  } satisfies LessonProgress,
});

/** The class events a subscriber got, and a way to wait (bounded) for the next learner row. */
function follow(room: Classroom, workshopId: number) {
  const got: ClassEvent[] = [];
  const unsubscribe = room.feed.subscribe(workshopId, (e) => got.push(e));
  after(unsubscribe);
  const rowOf = async (learnerId: string, match: (l: LearnerStatus) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const row = [...got].reverse().find((e) => e.type === 'learner' && e.learner.id === learnerId);
      if (row?.type === 'learner' && match(row.learner)) return row;
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.fail(`no matching row for ${learnerId}: ${JSON.stringify(got.at(-1))}`);
  };
  return { got, rowOf, unsubscribe };
}

test('the classroom records progress from the event hub and pushes each changed row to the class view', async () => {
  const { clock, events, room, actions, workshop, ani, budi } = classroom();
  const feed = follow(room, workshop.id);
  const first = feed.got[0]!;
  assert.equal(first.type, 'class');
  assert.deepEqual(
    first.type === 'class' && first.state.steps.map((s) => s.title),
    ['Langkah a', 'Langkah b', 'Langkah c'],
    'titles in the workshop’s language',
  );

  events.publish('51', progress({}, ['a']));
  clock.now += 2 * MIN;
  const done = new Date(clock.now).toISOString();
  events.publish('51', progress({ a: done }, ['a', 'b']));
  const row = await feed.rowOf(ani.id, (l) => l.cells['net/a'] === 'done');
  assert.equal(row.type === 'learner' && row.finished['net/a'], 1);
  assert.equal(row.type === 'learner' && row.learner.currentStep, 'net/b');

  // A page opens the session's events socket: online.
  const unsubscribe = events.subscribe('52', () => undefined);
  await feed.rowOf(budi.id, (l) => l.online);
  unsubscribe();
  await feed.rowOf(budi.id, (l) => !l.online);

  // Failed Checks count (a passed one does not); three on the step is 'failing'.
  for (let i = 0; i < 3; i++) actions.checked('52', { stepId: 'a', state: 'failed' });
  actions.checked('52', { stepId: 'a', state: 'passed' });
  const failing = await feed.rowOf(budi.id, (l) => l.stuck === 'failing');
  assert.equal(failing.type === 'learner' && failing.learner.failedChecks, 3);
  const state = room.stateOf(workshop.id)!;
  assert.deepEqual(
    state.learners.map((l) => l.name),
    ['Budi', 'Ani'],
    'stuck first',
  );
  // Nothing is recorded for a session without a seat.
  events.publish('99', progress({ a: done }, ['a']));
  actions.checked('99', { stepId: 'a', state: 'failed' });
  assert.equal(room.store.records(workshop.id).length, 3);
});

test('a class view that opens late catches up with progress published before the seat had its session', () => {
  const { events, room, service, workshop } = classroom();
  const { learner } = service.join(workshop.code, { name: 'Citra' });
  events.publish('53', progress({ a: new Date(T0).toISOString() }, ['a', 'b']));
  service.assignSession(learner.id, '53');
  const state = room.stateOf(workshop.id, true)!;
  assert.equal(state.learners.find((l) => l.id === learner.id)!.cells['net/a'], 'done');
});

test('help: asked (one open per learner), changed, withdrawn, answered by the trainer; the page and the grid hear it', async () => {
  const { clock, db, events, room, actions, service, workshop, ani, budi } = classroom();
  const feed = follow(room, workshop.id);
  const page: SessionEvent[] = [];
  events.subscribe('51', (e) => page.push(e));

  const help = actions.askHelp('51', 'the port\tdoes not answer');
  assert.equal(help.text, 'the port does not answer');
  await feed.rowOf(ani.id, (l) => l.help?.text === 'the port does not answer');
  clock.now += MIN;
  const again = actions.askHelp('51', 'never mind the port');
  assert.deepEqual([again.id, again.at], [help.id, help.at], 'the same request, its first time');
  assert.deepEqual(page.at(-1), { type: 'help', open: { text: 'never mind the port', at: help.at } });
  actions.withdrawHelp('51');
  assert.deepEqual(page.at(-1), { type: 'help', open: null });
  await feed.rowOf(ani.id, (l) => l.help === null);
  actions.withdrawHelp('51'); // nothing open: nothing happens

  const budiHelp = actions.askHelp('52', undefined);
  assert.equal(budiHelp.text, '');
  const other = service.create({ ...NETWORKS, title: 'Another class' }).workshop;
  assert.throws(() => actions.resolveHelp(other, budiHelp.id), status(404));
  assert.throws(() => actions.resolveHelp(workshop, 'x1'), status(404));
  actions.resolveHelp(workshop, budiHelp.id);
  await feed.rowOf(budi.id, (l) => l.help === null);
  actions.resolveHelp(workshop, budiHelp.id); // answered already: nothing happens

  assert.throws(() => actions.askHelp('77', 'hi'), status(409, /no workshop seat/));
  assert.throws(() => actions.askHelp('51', 'x'.repeat(HELP_TEXT_MAX + 1)), status(400));
  const rows = db
    .prepare<{ closed_by: string }>('SELECT closed_by FROM help_requests ORDER BY id')
    .all()
    .map((r) => r.closed_by);
  assert.deepEqual(rows, ['learner', 'trainer']);
});

test('hints: counted up to the step’s hints; the trainer pushes one to a learner; messages to one or everyone', () => {
  const { events, room, actions, service, workshop, ani } = classroom();
  const ani1: SessionEvent[] = [];
  const budi: SessionEvent[] = [];
  events.subscribe('51', (e) => ani1.push(e));
  events.subscribe('52', (e) => budi.push(e));

  for (let i = 0; i < 5; i++) actions.hintOpened('51', 'b');
  const b = room.store.records(workshop.id).find((r) => r.stepId === 'b')!;
  assert.equal(b.hintsUsed, 2, 'two hints: opened five times counts two');
  assert.throws(() => actions.hintOpened('51', 'nope'), status(404));
  assert.throws(() => actions.hintOpened('51', 7), status(400));

  actions.pushHint(workshop, ani.id, 'c');
  assert.deepEqual(ani1.at(-1), { type: 'hint', stepId: 'c' });
  assert.throws(() => actions.pushHint(workshop, ani.id, 'nope'), status(404));
  assert.throws(() => actions.pushHint(workshop, 'f'.repeat(24), 'c'), status(404, /no such learner/));
  const { learner: citra } = service.join(workshop.code, { name: 'Citra' });
  assert.throws(() => actions.pushHint(workshop, citra.id, 'c'), status(409, /no sandbox session/));

  const toAll = actions.sendMessage(workshop, 'Break:\n10 minutes', undefined);
  assert.equal(toAll.delivered, 2, 'Citra has no session yet');
  assert.deepEqual(budi.at(-1), {
    type: 'message',
    text: 'Break: 10 minutes',
    toEveryone: true,
    at: toAll.at,
  });
  const toAni = actions.sendMessage(workshop, 'Look at step 2', ani.id);
  assert.deepEqual([toAni.delivered, ani1.at(-1)?.type, budi.at(-1)?.type], [1, 'message', 'message']);
  assert.equal(budi.filter((e) => e.type === 'message').length, 1, 'only Ani heard the second');
  assert.throws(() => actions.sendMessage(workshop, '  ', undefined), status(400));
  const ended = service.end(workshop);
  assert.throws(() => actions.sendMessage(ended, 'hello', undefined), status(409, /ended/));
  assert.throws(() => actions.askHelp('51', 'hi'), status(409, /ended/));
});

test('the class view is bounded per workshop and forgets a workshop nobody follows', () => {
  const { room, workshop } = classroom();
  const one = room.feed.subscribe(workshop.id, () => undefined);
  const two = room.feed.subscribe(workshop.id, () => undefined);
  assert.throws(() => room.feed.subscribe(workshop.id, () => undefined), status(429));
  assert.throws(() => room.feed.subscribe(99_999, () => undefined), status(404));
  one();
  two();
  two();
  assert.equal(room.feed.size, 0);
});

test('after a restart, a learner’s page that opens is told of its open help request', () => {
  const { db, service, actions } = classroom();
  actions.askHelp('51', 'still there?');
  // A restarted server: a new, empty event hub and classroom on the same database.
  const events = new SessionEventHub();
  const api = workshopApi(service, () => true);
  const room = new Classroom({
    db,
    workshops: service,
    catalogue: { get: () => LESSON },
    events,
    info: (w) => info(api, w),
  });
  room.start();
  after(() => room.stop());
  const page: SessionEvent[] = [];
  events.subscribe('51', (e) => page.push(e));
  assert.deepEqual(
    page.map((e) => e.type === 'help' && e.open?.text),
    ['still there?'],
  );
  const again: SessionEvent[] = [];
  events.subscribe('51', (e) => again.push(e));
  assert.equal(again.filter((e) => e.type === 'help').length, 1, 'from the snapshot, not told twice');
});
