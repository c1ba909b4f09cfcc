// A workshop's live terminals on the real engine: the trainer watches a learner's real shell
// (the screen first, then what the learner types), cannot type or resize until the learner
// allows it, types once allowed, and is cut off when the learner stops it; the learner's page
// hears each change. Keys of another workshop, learners of another workshop and sessions
// without a seat are refused. The trainer's own session is a demo learners follow read-only.
// A watcher that stops reading is dropped and never holds the learner's shell back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import type { SessionEvent } from '../../common/events.js';
import { CloseCode, newPaneId, type ServerMessage, type WatchState } from '../../common/protocol.js';
import { demoTerminalPath, watchTerminalPath, type TrainerPresence } from '../../common/workshop-live.js';
import type { CreatedWorkshop, JoinedWorkshop } from '../../common/workshops.js';
import type { RunningPlayground } from '../../server/app.js';
import { openDatabase, type Db } from '../../server/db/database.js';
import { WorkshopService } from '../../server/workshops/service.js';
import { TestEvents } from '../support/events-client.js';
import { runDatabase, runInstance } from '../support/instances.js';
import { api, readySession, startTestPlayground, waitForSession } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const PROMPT = /[#$] $/m;

let pg: RunningPlayground;
let db: Db;
const workshops: CreatedWorkshop[] = [];
const sessions: CreatedSession[] = [];
let learner: JoinedWorkshop;
let seat: CreatedSession;

before(async () => {
  pg = await startTestPlayground();
  // The seat's session is tied to the learner here as joining does (a second connection to the
  // playground's own database file).
  db = openDatabase(runDatabase(runInstance('test')));
});

after(async () => {
  for (const { joinCode, trainerKey } of workshops)
    await api(pg.url, 'POST', `/api/workshops/${joinCode}/end`, trainerKey);
  for (const { session, token } of sessions)
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  db?.close();
  await pg?.close();
});

async function createWorkshop(): Promise<CreatedWorkshop> {
  const body = { title: 'Watching terminals', seats: 3, durationMinutes: 60, language: 'en' };
  const created = await api<CreatedWorkshop>(pg.url, 'POST', '/api/workshops', undefined, body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  workshops.push(created.body);
  return created.body;
}

async function join(code: string, name: string): Promise<JoinedWorkshop> {
  const joined = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${code}/join`, undefined, {
    name,
  });
  assert.equal(joined.status, 201, JSON.stringify(joined.body));
  return joined.body;
}

const isWatch = (m: ServerMessage): m is { type: 'watch'; watch: WatchState } => m.type === 'watch';
const lastWatch = (t: TestTerminal) => t.messages.filter(isWatch).at(-1)?.watch;

async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function presence(events: TestEvents, wanted: TrainerPresence, after = 0): Promise<SessionEvent> {
  return events.waitFor(
    (e) => e.type === 'trainer' && e.presence === wanted && events.events.indexOf(e) >= after,
  );
}

test('the trainer watches a learner read-only, types once allowed, and the learner stops it', async () => {
  const { joinCode, trainerKey } = await createWorkshop();
  learner = await join(joinCode, 'Ani');
  seat = await readySession(pg.url);
  sessions.push(seat);
  new WorkshopService(db).assignSession(learner.learnerId, seat.session.id);
  const events = await TestEvents.open(pg.url, seat.session.id, seat.token);

  const pane = newPaneId();
  const own = await TestTerminal.open(pg.url, seat.session.id, seat.token, { pane });
  own.start({ cols: 100, rows: 30 });
  await own.waitFor(PROMPT);
  own.type('echo before-$((2+3))\r');
  await own.waitFor(/^before-5\r?$/m);

  const path = watchTerminalPath(joinCode, learner.learnerId, pane);
  const watcher = await TestTerminal.watch(pg.url, path, trainerKey);
  await watcher.waitFor(/before-5/); // the screen as it was, first
  assert.deepEqual(lastWatch(watcher), { cols: 100, rows: 30, mayType: false });
  await presence(events, 'watching');

  own.type('echo live-$((3*4))\r');
  await watcher.waitFor(/live-12/);

  // Without leave, input and sizes are refused and never reach the shell.
  watcher.type('touch /tmp/watcher-was-here; echo INJECTED\r');
  watcher.send({ type: 'resize', size: { cols: 20, rows: 5 } });
  await until('an error frame', () => watcher.messages.some((m) => m.type === 'error'));
  own.type('test -e /tmp/watcher-was-here && echo PRES""ENT || echo ABS""ENT; stty size\r');
  await own.waitFor(/^ABSENT\r?\n30 100\r?$/m);
  assert.ok(!own.text.includes('INJECTED') && !own.text.includes('watcher-was-here;'), 'not echoed either');

  const ask = await api<{ presence: string }>(
    pg.url,
    'POST',
    `/api/workshops/${joinCode}/learners/${learner.learnerId}/control`,
    trainerKey,
    { want: true },
  );
  assert.deepEqual([ask.status, ask.body.presence], [200, 'control-requested']);
  await presence(events, 'control-requested');
  const allow = await api(pg.url, 'POST', `/api/sessions/${seat.session.id}/trainer`, seat.token, {
    allowControl: true,
  });
  assert.equal(allow.status, 200);
  await presence(events, 'typing');
  await until('leave to type', () => lastWatch(watcher)?.mayType === true);
  watcher.type('echo typed-by-trainer-$((6*7))\r');
  await own.waitFor(/^typed-by-trainer-42\r?$/m);
  await watcher.waitFor(/^typed-by-trainer-42\r?$/m);

  const seen = events.events.length;
  const stop = await api(pg.url, 'POST', `/api/sessions/${seat.session.id}/trainer`, seat.token, {
    stop: true,
  });
  assert.equal(stop.status, 200);
  assert.equal((await watcher.closed).code, CloseCode.WatchStopped);
  await presence(events, 'none', seen);
  // The learner's shell is untouched by all of it.
  own.type('echo still-$((5+5))\r');
  await own.waitFor(/^still-10\r?$/m);
  events.ws.close();
  own.close();
});

test('a watcher that stops reading is dropped and never holds the learner back; its Close ends only itself', async () => {
  const { joinCode, trainerKey } = workshops[0]!;
  const pane = newPaneId();
  const own = await TestTerminal.open(pg.url, seat.session.id, seat.token, { pane, keepBytes: 4096 });
  own.start();
  await own.waitFor(PROMPT);
  const path = watchTerminalPath(joinCode, learner.learnerId, pane);
  const slow = await TestTerminal.watch(pg.url, path, trainerKey, { keepBytes: 4096 });
  await until('the watcher is ready', () => slow.messages.some(isWatch));
  slow.stopReading();
  own.type('head -c 30000000 /dev/zero | tr "\\0" x; echo; echo FLOOD-$((9*9))\r');
  await own.waitFor(/FLOOD-81/, 60_000);
  // A paused client never reads the end of its connection: let it see that it was dropped.
  slow.resumeReading();
  assert.equal((await slow.closed).code, 1006, 'the slow watcher was dropped');

  const polite = await TestTerminal.watch(pg.url, path, trainerKey);
  await until('the watcher is ready', () => polite.messages.some(isWatch));
  polite.closePane(); // a watcher's Close ends its own view, never the shell
  assert.equal((await polite.closed).code, CloseCode.Normal);
  own.type('echo alive-$((1+1))\r');
  await own.waitFor(/alive-2/);
  own.close();
});

test("wrong keys, another workshop's learner and unknown panes are refused", async () => {
  const { joinCode, trainerKey } = workshops[0]!;
  const other = await createWorkshop();
  const stranger = await join(other.joinCode, 'Budi');
  const pane = newPaneId();
  const own = await TestTerminal.open(pg.url, seat.session.id, seat.token, { pane });
  own.start();
  await own.waitFor(PROMPT);
  const cases: [string, string, number][] = [
    [watchTerminalPath(joinCode, learner.learnerId, pane), other.trainerKey, CloseCode.ForeignOrigin],
    [watchTerminalPath(joinCode, learner.learnerId, pane), seat.token, CloseCode.ForeignOrigin],
    [watchTerminalPath(joinCode, learner.learnerId, pane), '', CloseCode.BadToken],
    [watchTerminalPath(joinCode, stranger.learnerId, pane), trainerKey, CloseCode.UnknownSession],
    [watchTerminalPath(other.joinCode, learner.learnerId, pane), other.trainerKey, CloseCode.UnknownSession],
    [watchTerminalPath(joinCode, learner.learnerId, newPaneId()), trainerKey, CloseCode.UnknownSession],
  ];
  for (const [path, key, code] of cases) {
    const refused = await TestTerminal.watch(pg.url, path, key);
    assert.equal((await refused.closed).code, code, `${path} with ${key ? 'a key' : 'no key'}`);
    assert.ok(!refused.messages.some((m) => m.type === 'output'), 'nothing of the screen');
  }
  const control = (key: string, id: string) =>
    api(pg.url, 'POST', `/api/workshops/${joinCode}/learners/${id}/control`, key, { want: true });
  assert.equal((await control(other.trainerKey, learner.learnerId)).status, 403);
  assert.equal((await control(trainerKey, stranger.learnerId)).status, 404);
  assert.equal((await control(trainerKey, learner.learnerId)).status, 409, 'asking needs an open watch');
  own.close();
});

test("the trainer's own session is a demo seated learners follow read-only", async () => {
  const { joinCode, trainerKey } = workshops[0]!;
  const first = await api<CreatedSession>(
    pg.url,
    'POST',
    `/api/workshops/${joinCode}/trainer-session`,
    trainerKey,
  );
  assert.equal(first.status, 201, JSON.stringify(first.body));
  sessions.push(first.body);
  const again = await api<CreatedSession>(
    pg.url,
    'POST',
    `/api/workshops/${joinCode}/trainer-session`,
    trainerKey,
  );
  assert.deepEqual(
    [again.status, again.body.session.id, again.body.token],
    [200, first.body.session.id, first.body.token],
  );
  const trainer = first.body;
  await waitForSession(pg.url, trainer.session.id, trainer.token, (s) => s.state === 'ready');

  const pane = newPaneId();
  const demo = await TestTerminal.open(pg.url, trainer.session.id, trainer.token, { pane });
  demo.start({ cols: 90, rows: 25 });
  await demo.waitFor(PROMPT);
  demo.type('echo demo-$((7*8))\r');
  await demo.waitFor(/^demo-56\r?$/m);

  const follower = await TestTerminal.watch(pg.url, demoTerminalPath(joinCode, pane), seat.token);
  await follower.waitFor(/demo-56/);
  assert.deepEqual(lastWatch(follower), { cols: 90, rows: 25, mayType: false });
  demo.type('echo next-$((8*8))\r');
  await follower.waitFor(/next-64/);
  follower.type('echo FOLLOWER-TYPED\r');
  await until('an error frame', () => follower.messages.some((m) => m.type === 'error'));
  demo.type('echo check-$((2*2))\r');
  await demo.waitFor(/^check-4\r?$/m);
  assert.ok(!demo.text.includes('FOLLOWER-TYPED'), "a follower's input never reaches the trainer's shell");

  // The trainer's own token holds no seat; a wrong token, none at all.
  for (const [token, code] of [
    [trainer.token, CloseCode.ForeignOrigin],
    ['not-a-token', CloseCode.ForeignOrigin],
    ['', CloseCode.BadToken],
  ] as const) {
    const refused = await TestTerminal.watch(pg.url, demoTerminalPath(joinCode, pane), token);
    assert.equal((await refused.closed).code, code);
  }
  follower.close();
  demo.close();
});
