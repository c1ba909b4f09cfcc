// Watching terminals with fakes: the trainer's presence as a state machine, and read-only
// watchers on a live terminal (fake backend, hand-driven timers, the real screen mirror): the
// screen first then live output, the owner's size, no hold on the shell, closed with the pane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloseCode, type ServerMessage, type TerminalSize } from '../../common/protocol.js';
import type { TrainerPresence } from '../../common/workshop-live.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from '../../server/terminals/backend.js';
import { BATCH_DELAY_MS } from '../../server/terminals/output-batcher.js';
import { TerminalRegistry, type PaneOwner, type PaneWatcher } from '../../server/terminals/registry.js';
import { TrainerPresenceBoard, type WatchHandle } from '../../server/workshops/trainer-presence.js';
import { trainerSessionToken } from '../../server/workshops/trainer-session.js';
import { FakeBackend } from '../support/fake-terminal-backend.js';
import { FakeTimers } from '../support/fake-timers.js';

const STOP = 4411;

class FakeSocket implements WatchHandle {
  closedWith: [number, string] | null = null;
  told = 0;
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
  mayTypeChanged(): void {
    this.told++;
  }
}

function board() {
  const changes: [string, TrainerPresence][] = [];
  const presence = new TrainerPresenceBoard((id, p) => changes.push([id, p]), STOP);
  return { presence, changes };
}

test('presence: watching while a socket is open; asking needs a watch; typing needs leave', () => {
  const { presence, changes } = board();
  assert.equal(presence.presenceOf('ani'), 'none');
  assert.throws(() => presence.requestControl('ani', true), /before asking to type/);
  assert.throws(() => presence.answer('ani', { allowControl: true }), /has not asked/);
  const socket = new FakeSocket();
  const closed = presence.watchOpened('ani', socket);
  assert.equal(presence.presenceOf('ani'), 'watching');
  assert.equal(presence.mayType('ani'), false);
  assert.equal(presence.requestControl('ani', true), 'control-requested');
  assert.equal(presence.mayType('ani'), false, 'asking is not leave');
  assert.equal(presence.answer('ani', { allowControl: true }), 'typing');
  assert.equal(presence.mayType('ani'), true);
  assert.equal(socket.told, 1, 'the watcher hears it may type');
  assert.equal(presence.answer('ani', { allowControl: false }), 'watching', 'the learner takes it back');
  assert.equal(presence.mayType('ani'), false);
  assert.equal(socket.told, 2);
  presence.requestControl('ani', true);
  assert.equal(presence.answer('ani', { allowControl: false }), 'watching', 'or declines');
  presence.requestControl('ani', true);
  presence.answer('ani', { allowControl: true });
  assert.equal(presence.requestControl('ani', false), 'watching', 'the trainer gives it back');
  closed();
  closed(); // twice changes nothing
  assert.equal(presence.presenceOf('ani'), 'none');
  assert.equal(presence.presenceOf('budi'), 'none', 'learners are apart');
  assert.deepEqual(
    changes.map(([, p]) => p),
    [
      'watching',
      'control-requested',
      'typing',
      'watching',
      'control-requested',
      'watching',
      'control-requested',
      'typing',
      'watching',
      'none',
    ],
  );
});

test('presence: stop closes every watch socket; leave ends with the last socket', () => {
  const { presence } = board();
  const [a, b] = [new FakeSocket(), new FakeSocket()];
  const closeA = presence.watchOpened('ani', a);
  const closeB = presence.watchOpened('ani', b);
  presence.requestControl('ani', true);
  presence.answer('ani', { allowControl: true });
  closeA();
  assert.equal(presence.presenceOf('ani'), 'typing', 'one socket is still open');
  closeB();
  assert.equal(presence.presenceOf('ani'), 'none');
  const again = new FakeSocket();
  presence.watchOpened('ani', again);
  assert.equal(presence.mayType('ani'), false, 'a new watch starts read-only');

  presence.requestControl('ani', true);
  presence.answer('ani', { allowControl: true });
  assert.equal(presence.answer('ani', { stop: true, allowControl: true }), 'none', 'stop wins');
  assert.deepEqual(again.closedWith?.[0], STOP);
  assert.equal(presence.mayType('ani'), false);
});

test('the trainer session token is derived from the key: stable, 128 bits, one per key', () => {
  const token = trainerSessionToken('key-one');
  assert.equal(token, trainerSessionToken('key-one'));
  assert.notEqual(token, trainerSessionToken('key-two'));
  assert.equal(Buffer.from(token, 'base64url').length, 16);
  assert.ok(!token.includes('key-one'));
});

class FakeOwner implements PaneOwner {
  messages: ServerMessage[] = [];
  send(msg: ServerMessage): void {
    this.messages.push(msg);
  }
  close(): void {}
  watchSendBuffer(): void {}
}

class FakeWatcher implements PaneWatcher {
  messages: ServerMessage[] = [];
  sizes: TerminalSize[] = [];
  screen = '';
  closedWith: [number, string] | null = null;
  dropped = false;
  send(msg: ServerMessage): void {
    this.messages.push(msg);
  }
  replay(data: Uint8Array): void {
    this.screen += Buffer.from(data).toString();
  }
  size(size: TerminalSize): void {
    this.sizes.push(size);
  }
  drop(): void {
    this.dropped = true;
  }
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
  get output(): string {
    return this.messages.map((m) => (m.type === 'output' ? Buffer.from(m.data).toString() : '')).join('');
  }
  get ready(): boolean {
    return this.messages.some((m) => m.type === 'status');
  }
}

async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function livePane() {
  const timers = new FakeTimers();
  const backend = new FakeBackend();
  const factory: TerminalBackendFactory = { create: async () => backend };
  const registry = new TerminalRegistry({ graceMs: 60_000, maxPerSession: 3, timers });
  const owner = new FakeOwner();
  const claim = registry.claim('sess1', 'pane01', 'node1', owner);
  await claim.start({ cols: 80, rows: 24 }, factory);
  await until(() => owner.messages.some((m) => m.type === 'status'), 'the owner is ready');
  return { timers, backend, registry, owner, claim };
}

test('a watcher gets the screen, the size, then live output; the owner resizes, the watcher cannot', async () => {
  const { timers, backend, registry, claim } = await livePane();
  backend.emit('$ echo before\r\nbefore\r\n$ ');
  timers.advance(BATCH_DELAY_MS);
  const watcher = new FakeWatcher();
  const watch = registry.watch('sess1', 'pane01', watcher);
  await until(() => watcher.ready, 'the watcher is ready');
  assert.match(watcher.screen, /before/);
  assert.deepEqual(watcher.sizes, [{ cols: 80, rows: 24 }]);
  backend.emit('live');
  timers.advance(BATCH_DELAY_MS);
  assert.equal(watcher.output, 'live', 'live output once, after the screen');
  claim.resize({ cols: 100, rows: 30 });
  assert.deepEqual(watcher.sizes.at(-1), { cols: 100, rows: 30 });
  assert.deepEqual(registry.openPanes('sess1'), [{ paneId: 'pane01', host: 'node1', title: '' }]);

  watch.input(new TextEncoder().encode('ls\r'));
  assert.deepEqual(backend.writes, ['ls\r'], 'input the caller let through reaches the shell');
  watch.release();
  watch.input(new TextEncoder().encode('rm -rf /\r'));
  assert.deepEqual(backend.writes, ['ls\r'], 'a released watcher types nothing');
  backend.emit('after');
  timers.advance(BATCH_DELAY_MS);
  assert.equal(watcher.output, 'live', 'and receives nothing');
});

test('a watcher never holds the shell back, and output while its screen is taken follows the screen', async () => {
  const { timers, backend, registry, claim } = await livePane();
  const watcher = new FakeWatcher();
  registry.watch('sess1', 'pane01', watcher);
  backend.emit('during-snapshot ');
  timers.advance(BATCH_DELAY_MS);
  await until(() => watcher.ready, 'the watcher is ready');
  assert.equal(watcher.output, 'during-snapshot ', 'held output came after the screen, once');
  const chunk = Buffer.alloc(16 * 1024, 0x78);
  for (let i = 0; i < 64; i++) {
    backend.emit(chunk);
    timers.advance(BATCH_DELAY_MS);
    claim.ack(chunk.length); // the owner keeps up; the watcher never acknowledges
    assert.equal(backend.paused, false, 'the watcher does not pause the shell');
  }
  assert.ok(watcher.output.length > 1024 * 1024);
});

test('watchers are closed with their pane, and a pane without a live shell cannot be watched', async () => {
  const { registry, claim } = await livePane();
  assert.throws(
    () => registry.watch('sess1', 'nopane', new FakeWatcher()),
    (err: unknown) => err instanceof TerminalUnavailableError && err.closeCode === CloseCode.UnknownSession,
  );
  const watcher = new FakeWatcher();
  registry.watch('sess1', 'pane01', watcher);
  await claim.close();
  assert.deepEqual(watcher.closedWith?.[0], CloseCode.Normal);
  assert.deepEqual(registry.openPanes('sess1'), []);

  const other = await livePane();
  const onSessionEnd = new FakeWatcher();
  other.registry.watch('sess1', 'pane01', onSessionEnd);
  await other.registry.closeSession('sess1');
  assert.deepEqual(onSessionEnd.closedWith?.[0], CloseCode.SandboxGone);
});
