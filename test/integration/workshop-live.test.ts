// The live class on a real playground (real engine, real sandboxes, its own database file):
// two learners of a workshop hold real lesson sessions; one runs a step's command in a real
// shell and the trainer's class socket sees the step turn done; a failed Check, a help
// request, a message to everyone, hints and the results follow; the results are committed
// as they happen and are there after the workshop's end and a restart.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { CloseCode } from '../../common/protocol.js';
import { cellKey, type HelpRequest, type ResultRow } from '../../common/workshop-live.js';
import type { CreatedWorkshop, JoinedWorkshop } from '../../common/workshops.js';
import type { RunningPlayground } from '../../server/app.js';
import { openDatabase } from '../../server/db/database.js';
import { WorkshopService } from '../../server/workshops/service.js';
import { TestClass } from '../support/class-client.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground, waitForSession } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const LESSON = 'docker-networks';
const dir = await mkdtemp(path.join(tmpdir(), 'workshop-live-'));
const dbPath = path.join(dir, 'playground.db');
let pg: RunningPlayground;
const sessions: CreatedSession[] = [];
/** The workshop the first test ended, for the second to find after a restart. */
let endedClass: { code: string; key: string; stepId: string } | null = null;

before(async () => {
  pg = await startTestPlayground({ dbPath });
});

after(async () => {
  for (const { session, token } of sessions)
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  await pg?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A workshop of the lesson, with learners joined and holding ready sessions of their own. */
async function classOf(names: string[]) {
  const created = await api<CreatedWorkshop>(pg.url, 'POST', '/api/workshops', undefined, {
    title: 'Jaringan Docker',
    lessons: [LESSON],
    seats: 5,
    durationMinutes: 60,
    language: 'id',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { joinCode, trainerKey } = created.body;
  const db = openDatabase(dbPath); // a second connection, as another process would have
  const learners = [];
  for (const name of names) {
    const joined = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, {
      name,
    });
    const session = await readySession(pg.url, 90_000, { lessonId: LESSON });
    sessions.push(session);
    new WorkshopService(db).assignSession(joined.body.learnerId, session.session.id);
    learners.push({ id: joined.body.learnerId, ...session });
  }
  return { code: joinCode, key: trainerKey, learners, db };
}

test('a learner’s step turns done on the trainer’s socket; checks, help, messages, hints and results follow', async () => {
  const lesson = pg.catalogue.get(LESSON)!;
  const [first, second] = lesson.steps;
  const firstCell = cellKey(LESSON, first!.id);
  const { code, key, learners, db } = await classOf(['Ani', 'Budi']);
  const [ani, budi] = learners;
  after(() => db.close());

  // Without the key, or with another's, the socket is refused.
  const refused = await TestClass.open(pg.url, code);
  assert.equal((await refused.closed).code, CloseCode.BadToken);
  const wrong = await TestClass.open(pg.url, code, ani!.token);
  assert.equal((await wrong.closed).code, CloseCode.ForeignOrigin);

  const trainer = await TestClass.open(pg.url, code, key);
  after(() => trainer.close());
  const snapshot = await trainer.waitFor((e) => e.type === 'class');
  assert.equal(snapshot.type === 'class' && snapshot.state.steps[0]!.title, first!.title.id, 'in Indonesian');
  assert.deepEqual(
    snapshot.type === 'class' && snapshot.state.learners.map((l) => [l.name, l.cells[firstCell]]),
    [
      ['Ani', 'current'],
      ['Budi', 'current'],
    ],
  );

  // Ani's page opens its events socket: online.
  const aniPage = await TestEvents.open(pg.url, ani!.session.id, ani!.token);
  after(() => aniPage.close());
  await trainer.row(ani!.id, (l) => l.online);

  // A Check pressed too early fails and counts.
  const early = await api(pg.url, 'POST', `/api/sessions/${ani!.session.id}/check`, ani!.token, {
    stepId: first!.id,
  });
  assert.equal(early.status, 200);
  await trainer.row(ani!.id, (l) => l.failedChecks === 1);

  // Ani types the step's command in a real shell; the validator's result reaches the trainer.
  const term = await TestTerminal.open(pg.url, ani!.session.id, ani!.token);
  after(() => term.close());
  term.start();
  await term.waitFor(/[#$] $/m);
  term.type(`${first!.solution.join(' && ')}\r`);
  const done = await trainer.row(ani!.id, (l) => l.cells[firstCell] === 'done', 30_000);
  assert.equal(done.learner.currentStep, cellKey(LESSON, second!.id));
  assert.equal(done.finished[firstCell], 1);

  // Help: the trainer sees it at once, Ani's page hears it, the trainer answers it.
  const asked = await api<HelpRequest>(pg.url, 'POST', `/api/sessions/${ani!.session.id}/help`, ani!.token, {
    text: 'Jaringan\u202Eku tidak muncul',
  });
  assert.equal(asked.status, 201);
  assert.equal(asked.body.text, 'Jaringan ku tidak muncul');
  await trainer.row(ani!.id, (l) => l.help?.id === asked.body.id);
  await aniPage.waitFor((e) => e.type === 'help' && e.open?.text === 'Jaringan ku tidak muncul');
  const resolve = `/api/workshops/${code}/help/${asked.body.id}/resolve`;
  assert.equal((await api(pg.url, 'POST', resolve, ani!.token)).status, 403, 'a learner cannot answer');
  assert.equal((await api(pg.url, 'POST', resolve, key)).status, 204);
  await trainer.row(ani!.id, (l) => l.help === null);
  await aniPage.waitFor((e) => e.type === 'help' && e.open === null);

  // A message to everyone reaches both learners' pages.
  const budiPage = await TestEvents.open(pg.url, budi!.session.id, budi!.token);
  after(() => budiPage.close());
  const sent = await api<{ delivered: number }>(pg.url, 'POST', `/api/workshops/${code}/messages`, key, {
    text: 'Istirahat 10 menit',
  });
  assert.deepEqual([sent.status, sent.body.delivered], [200, 2]);
  for (const page of [aniPage, budiPage])
    await page.waitFor((e) => e.type === 'message' && e.text === 'Istirahat 10 menit' && e.toEveryone);

  // Hints: Budi opens one; the trainer pushes one to Budi's page.
  const hints = `/api/sessions/${budi!.session.id}/hints`;
  assert.equal((await api(pg.url, 'POST', hints, budi!.token, { stepId: first!.id })).status, 204);
  await trainer.row(budi!.id, (l) => l.hintsOpened === 1);
  const push = `/api/workshops/${code}/learners/${budi!.id}/hint`;
  assert.equal((await api(pg.url, 'POST', push, key, { stepId: second!.id })).status, 204);
  await budiPage.waitFor((e) => e.type === 'hint' && e.stepId === second!.id);

  // The results are committed as they happen: another connection reads them now.
  const committed = db
    .prepare<{ done_at: number | null }>(
      'SELECT done_at FROM step_results WHERE learner_id = ? AND step_id = ?',
    )
    .get(ani!.id, first!.id);
  assert.ok(committed?.done_at, 'done, in the database file');

  // The class socket only sends: a frame from the browser closes it.
  const chatty = await TestClass.open(pg.url, code, key);
  chatty.ws.send('hello');
  assert.equal((await chatty.closed).code, CloseCode.BadMessage);

  const ended = await api(pg.url, 'POST', `/api/workshops/${code}/end`, key);
  assert.equal(ended.status, 200);
  await checkResults(code, key, first!.id);
  endedClass = { code, key, stepId: first!.id };
});

test('five learners join through the join route from one address; each one’s step turns done on the trainer’s socket', async () => {
  const lesson = pg.catalogue.get(LESSON)!;
  const first = lesson.steps[0]!;
  const cell = cellKey(LESSON, first.id);
  const created = await api<CreatedWorkshop>(pg.url, 'POST', '/api/workshops', undefined, {
    title: 'Five at once',
    lessons: [LESSON],
    seats: 5,
    durationMinutes: 60,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { joinCode: code, trainerKey: key } = created.body;
  after(() => api(pg.url, 'POST', `/api/workshops/${code}/end`, key));
  const trainer = await TestClass.open(pg.url, code, key);
  after(() => trainer.close());
  await trainer.waitFor((e) => e.type === 'class');

  // All five from this test's one address, through seating: each gets a seat and a session.
  const seated = [];
  for (const name of ['Ani', 'Budi', 'Citra', 'Dewi', 'Eko']) {
    const joined = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${code}/join`, undefined, {
      name,
    });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    assert.ok(joined.body.session, `${name} has a session`);
    seated.push({ id: joined.body.learnerId, ...joined.body.session });
  }
  // Each runs the step's command in a real shell of their own seat.
  await Promise.all(
    seated.map(async ({ id, session, token }) => {
      await waitForSession(pg.url, session.id, token, (s) => s.state === 'ready');
      const term = await TestTerminal.open(pg.url, session.id, token);
      after(() => term.close());
      term.start();
      await term.waitFor(/[#$] $/m, 30_000);
      term.type(`${first.solution.join(' && ')}\r`);
      await trainer.row(id, (l) => l.cells[cell] === 'done', 60_000);
    }),
  );
  // The summary row counts all five.
  await trainer.waitFor((e) => e.type === 'learner' && e.finished[cell] === 5, 10_000);
  const ended = await api(pg.url, 'POST', `/api/workshops/${code}/end`, key);
  assert.equal(ended.status, 200);
});

/** The results, as JSON and CSV in both languages, hold the learner's done step. */
async function checkResults(code: string, key: string, stepId: string): Promise<void> {
  const json = await api<ResultRow[]>(pg.url, 'GET', `/api/workshops/${code}/results`, key);
  assert.equal(json.status, 200);
  const row = json.body.find((r) => r.learner === 'Ani' && r.stepId === stepId)!;
  assert.deepEqual([row.done, row.failedChecks, row.seat], [true, 1, 1]);
  assert.ok(row.secondsTaken !== null && row.secondsTaken >= 0);
  const lesson = pg.catalogue.get(LESSON)!;
  assert.equal(json.body.length, 2 * lesson.steps.length, 'a row per learner and step');

  const csv = await fetch(`${pg.url}/api/workshops/${code}/results?format=csv`, {
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const text = await csv.text();
  assert.match(text, /^\uFEFF?Peserta,Kursi,Pelajaran,Langkah,Selesai,/);
  assert.match(text, new RegExp(`\\r\\nAni,1,${LESSON},${stepId},ya,`));
  const en = await fetch(`${pg.url}/api/workshops/${code}/results?format=csv&lang=en`, {
    headers: { authorization: `Bearer ${key}` },
  });
  assert.match(await en.text(), /^\uFEFF?Learner,Seat,Lesson,Step,Done,/);
  const bad = await api(pg.url, 'GET', `/api/workshops/${code}/results?format=xml`, key);
  assert.equal(bad.status, 400);
  assert.equal((await api(pg.url, 'GET', `/api/workshops/${code}/results`)).status, 401);
}

test('learner routes need a workshop seat; the results are back after a restart', async () => {
  const loose = await readySession(pg.url, 90_000, { lessonId: LESSON });
  sessions.push(loose);
  const help = await api<{ error: string }>(
    pg.url,
    'POST',
    `/api/sessions/${loose.session.id}/help`,
    loose.token,
    {},
  );
  assert.equal(help.status, 409);
  assert.match(help.body.error, /no workshop seat/);
  const hint = await api(pg.url, 'POST', `/api/sessions/${loose.session.id}/hints`, loose.token, {
    stepId: 'x',
  });
  assert.equal(hint.status, 409);
  assert.equal(
    (await api(pg.url, 'POST', `/api/sessions/${loose.session.id}/help`, undefined, {})).status,
    401,
  );

  // The workshop of the test above ended; its results come back from the database file.
  assert.ok(endedClass, 'the test above ended a workshop');
  await pg.close();
  pg = await startTestPlayground({ dbPath });
  await checkResults(endedClass.code, endedClass.key, endedClass.stepId);
});
