// The workshop's watched and demo terminals through the real HTTP server and real WebSockets,
// with sessions whose sandboxes are fakes and shells that echo what they get: who may open
// which socket, what a watcher gets first, that its input is dropped without leave and
// reaches the shell with it, the learner's answers and the presence events.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { CloseCode, newPaneId, type ServerMessage, type TerminalSize } from '../../common/protocol.js';
import { demoTerminalPath, watchTerminalPath, type TrainerPresence } from '../../common/workshop-live.js';
import type { TerminalBackend } from '../../server/terminals/backend.js';
import type { WorkshopService } from '../../server/workshops/service.js';
import { TestEvents } from '../support/events-client.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';
import { api } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

/** A shell that prints back what it is sent, and remembers it. */
class EchoShell implements TerminalBackend {
  typed = '';
  private listeners: ((chunk: Buffer) => void)[] = [];
  onData(listener: (chunk: Buffer) => void): void {
    this.listeners.push(listener);
  }
  onExit(): void {}
  private paused = false;
  private flooding = 0;
  write(data: Uint8Array): void {
    const text = Buffer.from(data).toString();
    this.typed += text;
    this.print(Buffer.from(data));
    if (text === 'FLOOD') this.flood(20 * 1024 * 1024);
  }
  async resize(_size: TerminalSize): Promise<void> {}
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    if (this.flooding) setImmediate(() => this.flood(this.flooding));
  }
  /** Prints `bytes` in 64 KiB pieces, as fast as it is read (it stops while paused, as a stream does). */
  private flood(bytes: number): void {
    this.flooding = bytes;
    while (!this.paused && this.flooding > 0) {
      const piece = Math.min(64 * 1024, this.flooding);
      this.flooding -= piece;
      this.print(Buffer.alloc(piece, 0x78));
      if (this.flooding === 0) this.print(Buffer.from('FLOOD-DONE'));
      if (this.flooding % (1024 * 1024) === 0) return void setImmediate(() => this.flood(this.flooding));
    }
  }
  private print(chunk: Buffer): void {
    for (const l of this.listeners) l(chunk);
  }
  async close(): Promise<void> {}
}

let server: TestHttpServer;
const shells = new Map<string, EchoShell>();

before(async () => {
  server = await startTestHttpServer(
    {},
    {
      shells: (sessionId) => ({
        create: async () => {
          const shell = new EchoShell();
          shells.set(sessionId, shell);
          return shell;
        },
      }),
    },
  );
});
after(() => server?.close());

function workshop(service: WorkshopService) {
  const { workshop, trainerKey } = service.create({
    title: 'Watching',
    lessons: [],
    seats: 3,
    startsAt: Date.now(),
    durationMs: 3_600_000,
    language: 'en',
  });
  return { code: workshop.code, key: trainerKey };
}

function seated(code: string, name: string): { learnerId: string; seat: CreatedSession } {
  const { learner } = server.workshops.join(code, { name });
  const seat = server.sessions.create(`test-${name}`);
  server.workshops.assignSession(learner.id, seat.session.id);
  return { learnerId: learner.id, seat };
}

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The shell is up (the mirror thread may take a moment to start): typing before is lost. */
async function started(t: TestTerminal, size?: TerminalSize): Promise<void> {
  t.start(size);
  await until('the shell is ready', () =>
    t.messages.some((m) => m.type === 'status' && m.status.state === 'ready'),
  );
}

const watchOf = (t: TestTerminal) =>
  t.messages.filter((m): m is Extract<ServerMessage, { type: 'watch' }> => m.type === 'watch').at(-1)?.watch;
const presences = (events: TestEvents): TrainerPresence[] =>
  events.events.flatMap((e) => (e.type === 'trainer' ? [e.presence] : []));

test('watch, refuse input, ask, allow, type, stop: the learner hears each change', async () => {
  const { code, key } = workshop(server.workshops);
  const { learnerId, seat } = seated(code, 'ani');
  const events = await TestEvents.open(server.url, seat.session.id, seat.token);
  const pane = newPaneId();
  const own = await TestTerminal.open(server.url, seat.session.id, seat.token, { pane });
  await started(own, { cols: 90, rows: 20 });
  own.type('hello-before ');
  await own.waitFor(/hello-before/);

  const watcher = await TestTerminal.watch(server.url, watchTerminalPath(code, learnerId, pane), key);
  await watcher.waitFor(/hello-before/);
  assert.deepEqual(watchOf(watcher), { cols: 90, rows: 20, mayType: false });
  own.type('live-after ');
  await watcher.waitFor(/live-after/);
  watcher.type('INJECTED');
  watcher.send({ type: 'resize', size: { cols: 10, rows: 3 } });
  await until('an error frame', () => watcher.messages.some((m) => m.type === 'error'));
  own.type('check ');
  await own.waitFor(/check/);
  assert.ok(!shells.get(seat.session.id)!.typed.includes('INJECTED'), 'the shell never got it');

  const control = (want: boolean) =>
    api<{ presence: string }>(
      server.url,
      'POST',
      `/api/workshops/${code}/learners/${learnerId}/control`,
      key,
      {
        want,
      },
    );
  const answer = (body: object) =>
    api<{ presence: string }>(
      server.url,
      'POST',
      `/api/sessions/${seat.session.id}/trainer`,
      seat.token,
      body,
    );
  assert.equal((await answer({ allowControl: true })).status, 409, 'not asked yet');
  assert.equal((await control(true)).body.presence, 'control-requested');
  assert.equal((await answer({ allowControl: true })).body.presence, 'typing');
  await until('leave to type', () => watchOf(watcher)?.mayType === true);
  watcher.type('from-trainer ');
  await own.waitFor(/from-trainer/);
  assert.ok(shells.get(seat.session.id)!.typed.includes('from-trainer'));
  assert.equal((await answer({ allowControl: false })).body.presence, 'watching', 'taken back');
  await until('leave taken back', () => watchOf(watcher)?.mayType === false);

  assert.equal((await answer({ stop: true })).body.presence, 'none');
  assert.equal((await watcher.closed).code, CloseCode.WatchStopped);
  await until('the last presence event', () => presences(events).at(-1) === 'none');
  assert.deepEqual(presences(events), ['watching', 'control-requested', 'typing', 'watching', 'none']);
  events.ws.close();
  own.close();
});

test("refusals: no key, a wrong key, another workshop's learner, an unknown pane, a bad body", async () => {
  const { code, key } = workshop(server.workshops);
  const other = workshop(server.workshops);
  const { learnerId, seat } = seated(code, 'budi');
  const stranger = seated(other.code, 'citra');
  const pane = newPaneId();
  const own = await TestTerminal.open(server.url, seat.session.id, seat.token, { pane });
  await started(own);
  own.type('x');
  await own.waitFor(/x/);
  for (const [path, token, closeCode] of [
    [watchTerminalPath(code, learnerId, pane), '', CloseCode.BadToken],
    [watchTerminalPath(code, learnerId, pane), other.key, CloseCode.ForeignOrigin],
    [watchTerminalPath(code, learnerId, pane), seat.token, CloseCode.ForeignOrigin],
    [watchTerminalPath(code, stranger.learnerId, pane), key, CloseCode.UnknownSession],
    [watchTerminalPath(code, learnerId, newPaneId()), key, CloseCode.UnknownSession],
    [demoTerminalPath(code, pane), stranger.seat.token, CloseCode.ForeignOrigin],
    [demoTerminalPath(code, pane), seat.token, CloseCode.UnknownSession], // no trainer session yet
  ] as const) {
    const refused = await TestTerminal.watch(server.url, path, token);
    assert.equal((await refused.closed).code, closeCode, path);
    assert.ok(!refused.messages.some((m) => m.type === 'output'));
  }
  const body = await api(server.url, 'POST', `/api/workshops/${code}/learners/${learnerId}/control`, key, {
    want: 'yes',
  });
  assert.equal(body.status, 400);
  const noSeat = server.sessions.create('test-noseat');
  const answer = await api(server.url, 'POST', `/api/sessions/${noSeat.session.id}/trainer`, noSeat.token, {
    stop: true,
  });
  assert.equal(answer.status, 404);
  own.close();
});

test("the trainer's session: made once, its demo followed read-only by a seated learner", async () => {
  const { code, key } = workshop(server.workshops);
  const { seat } = seated(code, 'dewi');
  const first = await api<CreatedSession>(server.url, 'POST', `/api/workshops/${code}/trainer-session`, key);
  const again = await api<CreatedSession>(server.url, 'POST', `/api/workshops/${code}/trainer-session`, key);
  assert.deepEqual([first.status, again.status], [201, 200]);
  assert.equal(again.body.session.id, first.body.session.id);
  assert.equal(again.body.token, first.body.token);
  const trainer = first.body;
  const pane = newPaneId();
  const demo = await TestTerminal.open(server.url, trainer.session.id, trainer.token, { pane });
  await started(demo, { cols: 70, rows: 22 });
  demo.type('demo-one ');
  await demo.waitFor(/demo-one/);
  const follower = await TestTerminal.watch(server.url, demoTerminalPath(code, pane), seat.token);
  await follower.waitFor(/demo-one/);
  assert.deepEqual(watchOf(follower), { cols: 70, rows: 22, mayType: false });
  follower.type('FOLLOWER');
  await until('an error frame', () => follower.messages.some((m) => m.type === 'error'));
  demo.type('demo-two ');
  await follower.waitFor(/demo-two/);
  assert.ok(!shells.get(trainer.session.id)!.typed.includes('FOLLOWER'));
  follower.close();
  demo.close();
});

test("a learner follows the trainer's demo on at most 4 sockets at once; a closed one frees its place", async () => {
  const { code, key } = workshop(server.workshops);
  const { seat } = seated(code, 'fajar');
  const trainer = (
    await api<CreatedSession>(server.url, 'POST', `/api/workshops/${code}/trainer-session`, key)
  ).body;
  const pane = newPaneId();
  const demo = await TestTerminal.open(server.url, trainer.session.id, trainer.token, { pane });
  await started(demo);
  const follow = () => TestTerminal.watch(server.url, demoTerminalPath(code, pane), seat.token);
  const followers = [await follow(), await follow(), await follow(), await follow()];
  const refused = await follow();
  const { reason } = await refused.closed;
  assert.match(reason, /4 demo sockets open already/);
  followers.shift()!.close();
  // The place comes back when the server has seen the close: try until it has (bounded).
  let fifth: TestTerminal | undefined;
  for (const deadline = Date.now() + 5_000; !fifth && Date.now() < deadline;) {
    const next = await follow();
    const early = await Promise.race([next.closed, new Promise((r) => setTimeout(r, 200, null))]);
    if (early === null) fifth = next;
  }
  assert.ok(fifth, 'a place freed by a closed socket is taken again');
  [...followers, fifth].forEach((f) => f.close());
  demo.close();
});

test("a watcher that stops reading is dropped; the owner's output never waits for it", async () => {
  const { code, key } = workshop(server.workshops);
  const { learnerId, seat } = seated(code, 'eko');
  const pane = newPaneId();
  const own = await TestTerminal.open(server.url, seat.session.id, seat.token, { pane, keepBytes: 4096 });
  await started(own);
  const slow = await TestTerminal.watch(server.url, watchTerminalPath(code, learnerId, pane), key, {
    keepBytes: 4096,
  });
  await until('the watcher is ready', () => watchOf(slow) !== undefined);
  slow.stopReading();
  own.type('FLOOD');
  await own.waitFor(/FLOOD-DONE/);
  assert.ok(own.outputBytes >= 20 * 1024 * 1024, 'the owner got all of it');
  slow.resumeReading(); // to read the end of its connection
  assert.equal((await slow.closed).code, 1006, 'dropped without a close frame');
  own.close();
});
