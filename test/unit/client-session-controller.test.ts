// The page's sandbox lifecycle without a browser: the session controller on a stand-in API,
// a memory token store and a stand-in events socket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReactiveControllerHost } from 'lit';
import type { CreatedSession, SessionView } from '../../common/api';
import type { LessonProgress, SessionEvent } from '../../common/events';
import type { Command } from '../../common/lesson';
import type { AppState } from '../../client/src/app/app-state';
import { RanSteps } from '../../client/src/app/ran-steps';
import { SessionController } from '../../client/src/app/session-controller';
import { pageStrings } from '../../client/src/i18n/strings';
import { ApiError, type SessionApi } from '../../client/src/sessions/session-client';
import type { SessionEventsOptions } from '../../client/src/sessions/session-events';
import { TokenStore, type StorageLike } from '../../client/src/sessions/token-store';

const en = pageStrings.en;

const EXPIRES = '2030-01-01T00:00:00.000Z';

const view = (id: string, state: SessionView['state'], error?: string): SessionView => ({
  id,
  state,
  expiresAt: EXPIRES,
  hosts: ['node1'],
  hostStates: { node1: { state: state === 'ready' ? 'ready' : 'starting' } },
  maxHosts: 3,
  maxTerminals: 8,
  historyLines: 5000,
  ...(error ? { error } : {}),
});

function memory(): StorageLike {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** A controller on stand-ins; `api` answers as the test sets it, and every call is recorded. */
function setup(api: Partial<SessionApi> = {}, lessonId?: string) {
  const calls: string[] = [];
  const store = new TokenStore(memory());
  const tabStorage = memory();
  const sockets: { options: SessionEventsOptions; disposed: boolean }[] = [];
  const seen = {
    states: [] as AppState['kind'][],
    progress: [] as LessonProgress[],
    commands: [] as Command[],
    notices: [] as string[],
  };
  const host = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  } satisfies ReactiveControllerHost;
  const fullApi = {
    create: async () => {
      calls.push('create');
      return { session: view('new', 'ready'), token: 'new-token' } satisfies CreatedSession;
    },
    get: async (id: string) => {
      calls.push(`get ${id}`);
      return view(id, 'ready');
    },
    end: async (id: string) => void calls.push(`end ${id}`),
    ...api,
  } as SessionApi;
  const controller = new SessionController(host, {
    api: fullApi,
    store,
    lessonId: () => lessonId,
    onState: (_prev, next) => seen.states.push(next.kind),
    onCreate: () => calls.push('onCreate'),
    onProgress: (p) => seen.progress.push(p),
    onStepCommand: (c) => seen.commands.push(c),
    onNotice: (_level, message) => seen.notices.push(message),
    connectEvents: (options) => {
      const socket = { options, disposed: false };
      sockets.push(socket);
      return { dispose: () => void (socket.disposed = true) };
    },
    ranSteps: new RanSteps(() => tabStorage),
  });
  return { controller, store, calls, sockets, seen };
}

test('starting ends the sandbox kept before, saves the new one with its lesson and follows its events', async () => {
  const { controller, store, calls, sockets, seen } = setup({}, 'docker-networks');
  store.save({ id: 'old', token: 'old-token', expiresAt: EXPIRES });
  await controller.start();
  assert.deepEqual(calls, ['onCreate', 'end old', 'create']);
  assert.deepEqual(seen.states, ['starting', 'ready']);
  assert.deepEqual(controller.key, { id: 'new', token: 'new-token' });
  assert.deepEqual(store.current(), {
    id: 'new',
    token: 'new-token',
    expiresAt: EXPIRES,
    lessonId: 'docker-networks',
  });
  assert.equal(sockets.length, 1);
  assert.equal(sockets[0]!.options.sessionId, 'new');
});

test('a sandbox that failed to start is shown with its error, forgotten here and ended there', async () => {
  const { controller, store, calls, sockets } = setup({
    create: async () => ({ session: view('bad', 'failed', 'image missing'), token: 'bad-token' }),
  });
  await controller.start();
  assert.deepEqual(controller.state, {
    kind: 'error',
    message: 'image missing',
    retry: 'create',
    sessionFailed: true,
  });
  assert.equal(controller.key, null);
  assert.equal(store.current(), null);
  assert.ok(calls.includes('end bad'), 'the failed sandbox is removed on the server');
  assert.equal(sockets.length, 0);
});

test('resuming a session the server no longer knows comes back to the welcome card and says so', async () => {
  const { controller, store } = setup({
    get: async () => {
      throw new ApiError('not found', 404);
    },
  });
  store.save({ id: 'old', token: 'old-token', expiresAt: EXPIRES });
  await controller.resume({ id: 'old', token: 'old-token' });
  assert.deepEqual(controller.state, { kind: 'idle', notice: en.previousSessionEnded });
  assert.equal(store.current(), null);
});

test('a network failure while resuming offers to resume again; Retry does', async () => {
  let fail = true;
  const { controller, calls } = setup({
    get: async (id: string) => {
      calls.push(`get ${id}`);
      if (fail) throw new ApiError('network down', 0);
      return view(id, 'ready');
    },
  });
  await controller.resume({ id: 's1', token: 't1' });
  assert.deepEqual(controller.state, {
    kind: 'error',
    message: 'network down',
    retry: 'resume',
    sessionFailed: false,
  });
  fail = false;
  controller.retry();
  await new Promise((r) => setImmediate(r));
  assert.equal(controller.state.kind, 'ready');
  assert.deepEqual(calls, ['get s1', 'get s1']);
});

test("the events socket: ports gathered per host, progress and notices passed on, a step's command once", async () => {
  const { controller, sockets, seen } = setup();
  await controller.resume({ id: 's1', token: 't1' });
  const send = (event: SessionEvent) => sockets[0]!.options.onEvent(event);
  const port = { host: 'node1', port: 8080, container: 'web', url: 'http://node1-8080-s1.localhost/' };
  send({ type: 'ports', host: 'node1', ports: [port] });
  send({ type: 'ports', host: 'node2', ports: [] });
  assert.deepEqual(controller.ports, { node1: [port], node2: [] });
  const progress = { lessonId: 'docker-networks', steps: [] };
  send({ type: 'progress', progress });
  send({ type: 'notice', level: 'warning', message: 'step script failed' });
  const command: Command = { action: 'exec', pane: 1, text: 'docker ps', interrupt: false };
  send({ type: 'exec', stepId: 'first', command });
  send({ type: 'exec', stepId: 'first', command });
  assert.deepEqual(seen.progress, [progress]);
  assert.deepEqual(seen.notices, ['step script failed']);
  assert.deepEqual(seen.commands, [command], 'the snapshot repeats it; it runs once');

  controller.detach();
  assert.equal(sockets[0]!.disposed, true);
  assert.deepEqual(controller.ports, {});
  send({ type: 'notice', level: 'info', message: 'late' });
  assert.deepEqual(seen.notices, ['step script failed'], 'a session left behind is not heard');
});

test('ending a session ends it on the server, forgets it and says the learner ended it', async () => {
  const { controller, store, calls, sockets, seen } = setup();
  await controller.start();
  await controller.end();
  assert.ok(calls.includes('end new'));
  assert.equal(store.current(), null);
  assert.deepEqual(controller.state, { kind: 'idle', notice: en.sessionEndedByYou });
  sockets[0]!.options.onEvent({ type: 'notice', level: 'info', message: 'late' });
  assert.deepEqual(seen.notices, [], 'an ended session is not heard');
});
